#!/usr/bin/env node
// `npm run build` (last step): builds the website chat widget (widget/) with Vite in library mode
// into dist/widget/widget.js — one minified IIFE, no dependencies — and fails if it is 50 kB or
// more gzipped. `--check` builds nothing and exits 1 if the build is missing or older than widget/.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = join(import.meta.dirname, '..');
const SOURCE = join(ROOT, 'widget', 'src');
const OUT = join(ROOT, 'dist', 'widget');
const FILE = join(OUT, 'widget.js');
const BUDGET = 50 * 1024;

const newestSource = () =>
  Math.max(
    ...readdirSync(SOURCE, { recursive: true }).map((name) => statSync(join(SOURCE, String(name))).mtimeMs),
  );

if (process.argv.includes('--check')) {
  const fresh = existsSync(FILE) && statSync(FILE).mtimeMs >= newestSource();
  if (!fresh) console.error('dist/widget is missing or older than widget/: run `npm run build`.');
  process.exit(fresh ? 0 : 1);
}

const { build } = await import('vite');
await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir: OUT,
    emptyOutDir: true,
    target: 'es2020',
    minify: true,
    sourcemap: false,
    lib: {
      entry: join(SOURCE, 'main.ts'),
      formats: ['iife'],
      name: 'DeskwootChatWidget',
      fileName: () => 'widget.js',
    },
  },
});

const gzipped = gzipSync(readFileSync(FILE), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
if (!process.argv.includes('--quiet'))
  console.log(`widget.js: ${kb(statSync(FILE).size)}, ${kb(gzipped)} gzipped`);
if (gzipped >= BUDGET) {
  console.error(`widget.js is ${kb(gzipped)} gzipped: over the ${kb(BUDGET)} budget`);
  process.exit(1);
}
