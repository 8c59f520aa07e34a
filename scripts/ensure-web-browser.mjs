#!/usr/bin/env node
// Makes sure Chromium is there for the dashboard's end-to-end tests and prints its path.
// Order: DESKWOOT_CHROMIUM if set; else Debian's /usr/bin/chromium, installed with apt-get when
// missing and running as root. (`npx playwright install` needs the network; this does not.)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DEFAULT_PATH = '/usr/bin/chromium';

function log(message) {
  process.stderr.write(`[ensure-web-browser] ${message}\n`);
}

if (process.env.DESKWOOT_CHROMIUM) {
  process.stdout.write(process.env.DESKWOOT_CHROMIUM);
} else {
  if (!existsSync(DEFAULT_PATH)) {
    const apt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
    if (process.getuid?.() !== 0 || !apt) {
      throw new Error(
        'Chromium is not installed. Install it (e.g. apt-get install chromium) or set DESKWOOT_CHROMIUM to its path.',
      );
    }
    log('installing Chromium from the distribution packages…');
    execFileSync('apt-get', ['update', '-q'], { stdio: 'ignore' });
    execFileSync('apt-get', ['install', '-y', '-q', 'chromium'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  process.stdout.write(DEFAULT_PATH);
}
