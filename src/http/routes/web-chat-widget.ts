import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface WidgetLimits {
  /** Widget requests of any kind from one address. */
  perAddressPerMinute: number;
  /** New or resumed sessions from one address. */
  sessionsPerAddressPerMinute: number;
  /** Messages one visitor may send. */
  messagesPerVisitorPerMinute: number;
}

export const WIDGET_LIMITS: WidgetLimits = {
  perAddressPerMinute: 120,
  sessionsPerAddressPerMinute: 20,
  messagesPerVisitorPerMinute: 20,
};

export interface WidgetOptions {
  limits?: Partial<WidgetLimits>;
  /** Count the last X-Forwarded-For entry as the client's address (set behind a reverse proxy only). */
  trustProxy?: boolean;
  /** The built widget (default: dist/widget/widget.js). */
  widgetFile?: string;
}

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Where `npm run build` puts the widget (scripts/build-widget.mjs). */
export const DEFAULT_WIDGET_FILE = join(packageRoot(), 'dist', 'widget', 'widget.js');

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  etag: string;
}

/** The built widget, read and gzipped again only when the file changed; null if not built. */
export function widgetAsset(file: string = DEFAULT_WIDGET_FILE): () => Asset | null {
  let cached: { mtime: number; asset: Asset } | null = null;
  return () => {
    if (!existsSync(file)) return null;
    const mtime = statSync(file).mtimeMs;
    if (cached?.mtime !== mtime) {
      const body = new Uint8Array(readFileSync(file));
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
      cached = { mtime, asset: { body, gzip: new Uint8Array(gzipSync(body, { level: 9 })), etag } };
    }
    return cached.asset;
  };
}
