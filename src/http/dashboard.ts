import type { OpenAPIHono } from '@hono/zod-openapi';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { AppEnv } from './env.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The dashboard needs nothing from elsewhere: scripts, styles and data come from this origin only. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths the dashboard never answers, so their 404s stay JSON. */
const NOT_DASHBOARD = /^\/(api|mcp)(\/|$)|^\/(healthz|metrics)$/;

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer> | null;
  type: string;
}

/** The package's root: the nearest folder above this file with a package.json (from src/ or dist/src/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Where `npm run build:web` puts the built dashboard. */
export const DEFAULT_WEB_ROOT = join(packageRoot(), 'dist', 'web');

/** Whether `npm run build:web` has put a dashboard there. */
export function dashboardBuilt(root: string = DEFAULT_WEB_ROOT): boolean {
  return existsSync(join(root, 'index.html'));
}

/** Every file of the built dashboard, read once and gzipped once (a few hundred kB in all). */
function loadAssets(root: string): Map<string, Asset> | null {
  if (!dashboardBuilt(root)) return null;
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(root, { recursive: true })) {
    const file = join(root, String(name));
    if (!statSync(file).isFile()) continue;
    const body = new Uint8Array(readFileSync(file));
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const compressible = /^(text|application\/(json|manifest)|image\/svg)/.test(type) && body.length > 1024;
    assets.set(`/${relative(root, file).split(sep).join('/')}`, {
      body,
      gzip: compressible ? new Uint8Array(gzipSync(body)) : null,
      type,
    });
  }
  return assets;
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Deskwoot</title>
<p>The dashboard has not been built. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it), then reload.</p>
<p>The REST API is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>`;

/**
 * Serves the built dashboard: its hashed assets (cached for good) and, for any other page path,
 * index.html, so the app's own routes survive a reload. A middleware registered after every API
 * route, so it only sees requests no route answered; the API's own 404s stay JSON.
 */
export function dashboardRoutes(app: OpenAPIHono<AppEnv>, root: string = DEFAULT_WEB_ROOT): void {
  let assets: Map<string, Asset> | null | undefined;
  app.use('*', async (c, next) => {
    const path = c.req.path;
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || NOT_DASHBOARD.test(path)) return next();
    assets ??= loadAssets(root);
    if (!assets) {
      c.header('cache-control', 'no-store');
      return c.html(NOT_BUILT, 503);
    }
    const asset = assets.get(path) ?? (extname(path) ? undefined : assets.get('/index.html'));
    if (!asset) return c.notFound();
    const html = asset.type.startsWith('text/html');
    c.header('content-type', asset.type);
    c.header(
      'cache-control',
      path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    c.header('vary', 'accept-encoding');
    if (html) c.header('content-security-policy', CSP);
    const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '') ? asset.gzip : null;
    if (gzip) c.header('content-encoding', 'gzip');
    if (c.req.method === 'HEAD') return c.body(null, 200);
    return c.body(gzip ?? asset.body, 200);
  });
}
