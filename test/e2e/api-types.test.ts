import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRouteCatalog } from '../support/routes.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe("the dashboard's API types", () => {
  it('are generated from the OpenAPI document the server serves now', async () => {
    const { doc } = await loadRouteCatalog();
    const dir = mkdtempSync(join(tmpdir(), 'deskwoot-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const check = () =>
        execFileSync(
          process.execPath,
          [join(ROOT, 'scripts', 'web-api-types.mjs'), '--check', '--from', file],
          {
            stdio: 'pipe',
            encoding: 'utf8',
          },
        );
      // Fails with "out of date: run `npm run web:api-types`" when a schema changed without them.
      expect(check).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
