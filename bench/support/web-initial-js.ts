import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface InitialAssets {
  files: { path: string; bytes: number; gzipped: number }[];
  jsGzipped: number;
  cssGzipped: number;
}

/**
 * What a first visit loads before any page is opened: the entry script, the modules it preloads,
 * and the stylesheets named by index.html. Pages loaded on demand (approvals, agents, …) are not
 * counted. Gzipped as the server sends them (zlib's default level).
 */
export function initialAssets(webRoot: string): InitialAssets {
  const html = readFileSync(join(webRoot, 'index.html'), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="(?:modulepreload|stylesheet)"[^>]+href="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+href="([^"]+)"[^>]+rel="(?:modulepreload|stylesheet)"/g),
  ].map((m) => m[1]!);
  const files = [...new Set(refs)]
    .filter((ref) => ref.startsWith('/assets/'))
    .map((ref) => {
      const body = readFileSync(join(webRoot, ref));
      return { path: ref, bytes: body.length, gzipped: gzipSync(body).length };
    });
  const sum = (ext: string) => files.filter((f) => f.path.endsWith(ext)).reduce((n, f) => n + f.gzipped, 0);
  return { files, jsGzipped: sum('.js'), cssGzipped: sum('.css') };
}
