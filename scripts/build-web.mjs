#!/usr/bin/env node
// `npm run build:web`: builds the dashboard (web/) into dist/web with Vite, unless what is there
// was built from the same sources. The sources' hash is kept in dist/web-build.hash. `--force`
// builds anyway; `--check` builds nothing and exits 1 if the build is missing or stale.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const STAMP = join(ROOT, 'dist', 'web-build.hash');
// The dashboard's sources, the server modules its code imports at run time (type-only imports
// leave nothing in the build), and the lockfile.
const INPUTS = ['web', 'src/core/scopes.ts', 'src/agents/mcp-config.ts', 'package-lock.json'];
const SKIP = new Set(['node_modules', 'dist']);

function files(path) {
  const full = join(ROOT, path);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [path];
  return readdirSync(full)
    .filter((name) => !SKIP.has(name))
    .sort()
    .flatMap((name) => files(join(path, name)));
}

const hash = createHash('sha256');
for (const file of INPUTS.flatMap(files))
  hash
    .update(file)
    .update('\0')
    .update(readFileSync(join(ROOT, file)));
const digest = hash.digest('hex');

const built = existsSync(join(ROOT, 'dist', 'web', 'index.html')) && existsSync(STAMP);
const fresh = built && readFileSync(STAMP, 'utf8').trim() === digest;
if (process.argv.includes('--check')) {
  if (!fresh) console.error('dist/web is missing or older than web/: run `npm run build:web`.');
  process.exit(fresh ? 0 : 1);
}
if (fresh && !process.argv.includes('--force')) process.exit(0);

const { build } = await import('vite');
await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
writeFileSync(STAMP, `${digest}\n`);
