import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The dashboard: built into dist/web, which `deskwoot start` serves (src/http/dashboard.ts). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Minified, not gzipped: the budget is 250 kB of initial JavaScript gzipped, measured by
    // bench/web.bench.ts; the pages other than the inbox load on demand.
    chunkSizeWarningLimit: 400,
  },
  server: {
    // `npm run dev:web`: the dashboard with hot reload, against a server on :3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
