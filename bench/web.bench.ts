/**
 * `npm run bench:web`: the dashboard's weight and speed.
 *   1. The initial JavaScript a first visit loads, gzipped (budget: 250 kB).
 *   2. How soon the inbox paints with 10,000 conversations, from the browser's performance
 *      timings: navigation start to the first page of conversations on screen (target: 1 s), over
 *      fresh browser contexts (empty cache), on SQLite and on PostgreSQL.
 *
 * Environment:
 *   DESKWOOT_BENCH_CONVERSATIONS  conversations to seed (default 10000)
 *   DESKWOOT_BENCH_RUNS           measured page loads per database (default 15), after 2 warm-ups
 *   DESKWOOT_BENCH_DATABASE_URL or DESKWOOT_TEST_DATABASE_URL  PostgreSQL server (else it is skipped)
 *   DESKWOOT_BENCH_ONLY           `sqlite` or `postgres`
 */
import { loadConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { DEFAULT_WEB_ROOT } from '../src/http/dashboard.js';
import { type RunningServer, startServer } from '../src/server.js';
import { createServices } from '../src/services.js';
import {
  type BenchDatabase,
  postgresBenchDatabase,
  postgresBenchUrl,
  sqliteBenchDatabase,
} from './support/databases.js';
import { percentile } from './support/measure.js';
import { printTargets } from './support/report.js';
import { loadInChild } from './support/seed-process.js';
import { launchChromium } from './support/web-browser.js';
import { initialAssets } from './support/web-initial-js.js';
import { measureInboxPaint, type PaintSample } from './support/web-paint.js';
import { createBenchWorkspace, INBOX_WEIGHTS } from './support/workspace.js';

const BENCH_SECRET = 'benchmark-secret-not-for-production';
const INITIAL_JS_BUDGET_KB = 250;
const PAINT_TARGET_MS = 1000;

const conversations = Number(process.env.DESKWOOT_BENCH_CONVERSATIONS ?? 10_000);
const runs = Number(process.env.DESKWOOT_BENCH_RUNS ?? 15);
const only = process.env.DESKWOOT_BENCH_ONLY;
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@bench.test', password: 'correct horse battery' }),
  });
  const cookie = /dw_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!response.ok || !cookie) throw new Error(`Could not sign in: ${response.status}`);
  return cookie;
}

async function benchDatabase(database: BenchDatabase) {
  const label = database.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  console.log(`\n=== ${label}: seeding ${conversations} conversations ===`);
  const config = loadConfig(
    { databaseUrl: database.url, port: 0, host: '127.0.0.1', secret: BENCH_SECRET, logLevel: 'warn' },
    {},
  );
  const services = createServices(config);
  let server: RunningServer | null = null;
  const browser = await launchChromium();
  try {
    await migrate(services.db);
    const ws = await createBenchWorkspace(services);
    const size = {
      contacts: Math.max(1, Math.round(conversations / 5)),
      conversations,
      messages: conversations * 5,
      inboxWeights: INBOX_WEIGHTS,
      users: ws.userIds.length,
    };
    await loadInChild(
      {
        dialect: database.dialect,
        url: database.url,
        size,
        nowMs: Date.now(),
        targets: { accountId: ws.accountId, inboxes: ws.inboxes, userIds: ws.userIds },
      },
      (step) => console.log(`  ${step}`),
    );
    server = await startServer(config, services);
    const cookie = await signIn(server.url);
    const samples: PaintSample[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const sample = await measureInboxPaint(browser, server.url, cookie);
      if (sample.rows === 0) throw new Error('The inbox painted no conversations');
      if (i >= 2) samples.push(sample);
    }
    const sorted = (pick: (s: PaintSample) => number) => samples.map(pick).sort((a, b) => a - b);
    const painted = sorted((s) => s.listPaintedMs);
    const fcp = sorted((s) => s.firstContentfulPaintMs);
    const dcl = sorted((s) => s.domContentLoadedMs);
    const row = (name: string, values: number[]) =>
      console.log(
        `  ${name.padEnd(34)} p50 ${percentile(values, 50).toFixed(0).padStart(5)} ms   p95 ${percentile(
          values,
          95,
        )
          .toFixed(0)
          .padStart(5)} ms   max ${values[values.length - 1]!.toFixed(0).padStart(5)} ms`,
      );
    console.log(
      `\n${label}: ${runs} first visits of /inbox (fresh context each), ${samples[0]!.rows} rows painted`,
    );
    row('DOMContentLoaded', dcl);
    row('first contentful paint', fcp);
    row('conversations on screen', painted);
    return {
      label,
      p50: percentile(painted, 50),
      p95: percentile(painted, 95),
      max: painted[painted.length - 1]!,
    };
  } finally {
    await browser.close();
    await server?.close();
    await services.db.close();
    await database.drop();
  }
}

async function main() {
  const assets = initialAssets(DEFAULT_WEB_ROOT);
  console.log('Initial assets of the dashboard (gzipped):');
  for (const f of assets.files) console.log(`  ${f.path.padEnd(40)} ${kb(f.bytes)} kB → ${kb(f.gzipped)} kB`);
  console.log(`  JavaScript ${kb(assets.jsGzipped)} kB, CSS ${kb(assets.cssGzipped)} kB`);

  const databases: BenchDatabase[] = [];
  if (only !== 'postgres') databases.push(sqliteBenchDatabase());
  const pgUrl = postgresBenchUrl();
  if (only !== 'sqlite') {
    if (pgUrl) databases.push(await postgresBenchDatabase(pgUrl));
    else console.log('\nPostgreSQL: skipped (set DESKWOOT_BENCH_DATABASE_URL or DESKWOOT_TEST_DATABASE_URL)');
  }
  const results = [];
  for (const database of databases) results.push(await benchDatabase(database));

  console.log('\nTargets:');
  const ok = printTargets([
    {
      label: 'initial JavaScript, gzipped',
      value: kb(assets.jsGzipped),
      limit: INITIAL_JS_BUDGET_KB,
      unit: 'kB',
    },
    ...results.map((r) => ({
      label: `${r.label}: inbox with ${conversations} conversations painted (p95)`,
      value: r.p95,
      limit: PAINT_TARGET_MS,
      unit: 'ms',
    })),
  ]);
  console.log(`\n${JSON.stringify({ initialJsGzippedKb: kb(assets.jsGzipped), paint: results })}`);
  process.exitCode = ok ? 0 : 1;
}

await main();
