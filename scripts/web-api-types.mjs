#!/usr/bin/env node
// `npm run web:api-types`: writes the dashboard's API types (web/src/api/schema.gen.ts) from the
// OpenAPI document the server serves, which is generated from the same zod schemas as the routes.
// The document comes from the built server (`npm run build` first), or from `--from FILE`.
// `--check` writes nothing and exits 1 when the committed file differs (test/e2e/api-types.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';

const OUT = join(import.meta.dirname, '..', 'web', 'src', 'api', 'schema.gen.ts');
const HEADER = `/**
 * The REST API's types, generated from its OpenAPI document (\`npm run web:api-types\`). Do not edit.
 */
`;

async function documentFromBuild() {
  const [{ default: pino }, { openDb }, { secretBox }, { createApp }] = await Promise.all([
    import('pino'),
    import('../dist/src/db/database.js'),
    import('../dist/src/core/crypto.js'),
    import('../dist/src/http/app.js'),
  ]);
  const services = {
    db: openDb(':memory:'),
    box: secretBox('api-types-only-not-a-real-secret'),
    logger: pino({ level: 'silent' }),
    now: () => new Date(),
    onDeliveryQueued: () => undefined,
  };
  try {
    const response = await createApp(services).request('/api/v1/openapi.json');
    return await response.json();
  } finally {
    await services.db.close();
  }
}

const args = process.argv.slice(2);
const from = args.includes('--from') ? args[args.indexOf('--from') + 1] : null;
const doc = from ? JSON.parse(readFileSync(from, 'utf8')) : await documentFromBuild();
const source = HEADER + astToString(await openapiTS(doc, { alphabetize: true }));
const text = await format(source, { ...(await resolveConfig(OUT)), filepath: OUT });

if (args.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUT, 'utf8');
  } catch {
    // missing: stale
  }
  if (current !== text) {
    console.error('web/src/api/schema.gen.ts is out of date with the API: run `npm run web:api-types`.');
    process.exit(1);
  }
} else {
  writeFileSync(OUT, text);
}
