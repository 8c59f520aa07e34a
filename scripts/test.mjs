#!/usr/bin/env node
// `npm test`: every test, on SQLite and PostgreSQL. Sets PostgreSQL (and Chromium, for the
// dashboard's end-to-end tests) up when not given, builds (the CLI, process-level and end-to-end
// tests run the built server and dashboard), then runs vitest.
import { execFileSync, spawnSync } from 'node:child_process';

const env = { ...process.env };
env.DESKWOOT_TEST_DATABASE_URL = execFileSync(process.execPath, ['scripts/ensure-postgres.mjs'], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
}).trim();
if (!/^postgres(ql)?:\/\//.test(env.DESKWOOT_TEST_DATABASE_URL)) {
  console.error(`Not a PostgreSQL URL: ${JSON.stringify(env.DESKWOOT_TEST_DATABASE_URL.slice(0, 200))}`);
  process.exit(1);
}

env.DESKWOOT_CHROMIUM = execFileSync(process.execPath, ['scripts/ensure-web-browser.mjs'], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
}).trim();

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const build = spawnSync(npm, ['run', 'build', '--silent'], { stdio: 'inherit', env });
if (build.status !== 0) process.exit(build.status ?? 1);

const tests = spawnSync(npm, ['exec', '--', 'vitest', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
process.exit(tests.status ?? 1);
