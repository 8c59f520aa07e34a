import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Without these, Chromium keeps trying to reach the network, which these machines have not. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Debian's Chromium (scripts/ensure-web-browser.mjs installs it), driven by playwright-core:
 * `DESKWOOT_CHROMIUM`, else /usr/bin/chromium.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.DESKWOOT_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `No Chromium at ${executablePath}: install it (apt-get install chromium), or run \`npm test\`, which does.`,
    );
  }
  return chromium.launch({ executablePath, args: FLAGS });
}
