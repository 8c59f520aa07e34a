import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
export { launchChromium as launchBrowser } from '../../../bench/support/web-browser.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Where the end-to-end run saves its screenshots (a test artifact; `test-results/` is not committed). */
export const SCREENSHOTS = join(ROOT, 'test-results', 'e2e');

/** The end-to-end tests drive the built dashboard: refuse a missing or stale build, as for dist/. */
export function assertWebBuilt(): void {
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-web.mjs'), '--check'], { stdio: 'pipe' });
  } catch {
    throw new Error('dist/web is missing or older than web/: run `npm run build` first');
  }
}

export async function screenshot(page: Page, dialect: string, name: string): Promise<void> {
  const dir = join(SCREENSHOTS, dialect);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

export async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('listbox', { name: 'Conversations' }).waitFor();
}
