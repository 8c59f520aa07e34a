import type { Browser } from 'playwright-core';

export interface PaintSample {
  /** Navigation start to the first page of conversations on screen (the app's `inbox-list-painted` mark). */
  listPaintedMs: number;
  firstContentfulPaintMs: number;
  domContentLoadedMs: number;
  rows: number;
}

/**
 * Opens the inbox in a fresh browser context (empty cache, as a first visit) with a signed-in
 * session, and reads the browser's own timings once the conversations are painted.
 */
export async function measureInboxPaint(
  browser: Browser,
  url: string,
  sessionCookie: string,
): Promise<PaintSample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addCookies([{ name: 'dw_session', value: sessionCookie, url }]);
    const page = await context.newPage();
    await page.goto(`${url}/inbox`);
    await page.waitForFunction(() => performance.getEntriesByName('inbox-list-painted').length > 0, null, {
      timeout: 30_000,
    });
    return await page.evaluate(() => {
      const mark = performance.getEntriesByName('inbox-list-painted')[0]!;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const [nav] = performance.getEntriesByType('navigation');
      const timing = nav && 'domContentLoadedEventEnd' in nav ? Number(nav.domContentLoadedEventEnd) : NaN;
      return {
        listPaintedMs: mark.startTime,
        firstContentfulPaintMs: fcp?.startTime ?? NaN,
        domContentLoadedMs: timing,
        rows: document.querySelectorAll('[role="option"]').length,
      };
    });
  } finally {
    await context.close();
  }
}
