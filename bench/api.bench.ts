/**
 * `npm run bench:api`: seeds 100,000 conversations with 1,000,000 messages on SQLite and on
 * PostgreSQL, starts the real server on loopback and measures the main REST calls over HTTP.
 *
 * Environment:
 *   DESKWOOT_BENCH_SCALE        fraction of the full data set (default 1; e.g. 0.1 while developing)
 *   DESKWOOT_BENCH_REQUESTS     measured requests per scenario (default 2000), after a warm-up
 *   DESKWOOT_BENCH_CONCURRENCY  concurrent connections (default 4)
 *   DESKWOOT_BENCH_MAX_SECONDS  time limit per scenario (default 60)
 *   DESKWOOT_BENCH_DATABASE_URL or DESKWOOT_TEST_DATABASE_URL  PostgreSQL server (else it is skipped)
 *   DESKWOOT_BENCH_ONLY         `sqlite` or `postgres` to run one database
 */
import { loadConfig } from '../src/config.js';
import type { Services } from '../src/core/services.js';
import { migrate } from '../src/db/migrate.js';
import { type RunningServer, startServer } from '../src/server.js';
import { createServices } from '../src/services.js';
import { checkSearchResults } from './support/check-search.js';
import {
  type BenchDatabase,
  postgresBenchDatabase,
  postgresBenchUrl,
  sqliteBenchDatabase,
} from './support/databases.js';
import { LoadClient, type ScenarioResult, summarize } from './support/measure.js';
import { planSeed, type SeedPlan } from './support/plan.js';
import { seededRng } from './support/random.js';
import { mb, printTable, printTargets } from './support/report.js';
import { scenarios } from './support/scenarios.js';
import { loadInChild } from './support/seed-process.js';
import { type BenchWorkspace, createBenchWorkspace, INBOX_WEIGHTS } from './support/workspace.js';

const BENCH_SECRET = 'benchmark-secret-not-for-production';

interface Settings {
  scale: number;
  requests: number;
  warmup: number;
  concurrency: number;
  maxSeconds: number;
}

function settings(env = process.env): Settings {
  const num = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
    return value;
  };
  const requests = Math.round(num('DESKWOOT_BENCH_REQUESTS', 2000));
  return {
    scale: num('DESKWOOT_BENCH_SCALE', 1),
    requests,
    warmup: Math.max(20, Math.round(requests / 10)),
    concurrency: Math.round(num('DESKWOOT_BENCH_CONCURRENCY', 4)),
    maxSeconds: num('DESKWOOT_BENCH_MAX_SECONDS', 60),
  };
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const round = (n: number) => Math.round(n * 100) / 100;

function rss(): number {
  globalThis.gc?.();
  return process.memoryUsage().rss;
}

interface Seeded {
  plan: SeedPlan;
  workspace: BenchWorkspace;
  seconds: number;
  steps: Record<string, number>;
}

/** Migrates, makes the workspace through the real actions, then bulk-loads the rest (timed). */
async function seed(database: BenchDatabase, services: Services, s: Settings): Promise<Seeded> {
  const started = performance.now();
  const steps: Record<string, number> = {};
  let mark = started;
  const step = (name: string) => {
    steps[name] = seconds(mark);
    mark = performance.now();
    console.log(`  ${name.padEnd(16)} ${steps[name]!.toFixed(1)} s`);
  };
  await migrate(services.db);
  step('migrate');
  const workspace = await createBenchWorkspace(services);
  step('workspace');
  const size = {
    contacts: Math.round(20_000 * s.scale),
    conversations: Math.round(100_000 * s.scale),
    messages: Math.round(1_000_000 * s.scale),
    inboxWeights: INBOX_WEIGHTS,
    users: workspace.userIds.length,
  };
  const nowMs = Date.now();
  const plan = planSeed(size, nowMs);
  step('plan');
  const { accountId, inboxes, userIds } = workspace;
  await loadInChild(
    { dialect: database.dialect, url: database.url, size, nowMs, targets: { accountId, inboxes, userIds } },
    step,
  );
  const total = seconds(started);
  console.log(
    `  total            ${total.toFixed(1)} s for ${size.conversations} conversations, ${size.messages} messages, ${size.contacts} contacts`,
  );
  return { plan, workspace, seconds: total, steps };
}

/** Cursors 10–40 pages deep into each inbox's open list, walked through the API itself. */
async function deepCursors(url: string, ws: BenchWorkspace): Promise<string[]> {
  const cursors: string[] = [];
  for (const inbox of ws.inboxes) {
    const filter = `inbox_id=${inbox.id}&status=open`;
    let cursor: string | null = null;
    for (let page = 1; page <= 40; page++) {
      const path: string = `/api/v1/conversations?${filter}${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await fetch(url + path, {
        headers: { authorization: `Bearer ${ws.adminToken}` },
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await response.json()) as { next_cursor: string | null };
      cursor = body.next_cursor;
      if (!cursor) break;
      if (page >= 10) cursors.push(`${filter}&cursor=${cursor}`);
    }
  }
  return cursors;
}

type Measured = ScenarioResult & { target: string; serverCpuMs: number };

/** Every scenario in turn: a warm-up, then the measured requests, bounded in count and time. */
async function runScenarios(server: RunningServer, seeded: Seeded, s: Settings): Promise<Measured[]> {
  const ws = seeded.workspace;
  const cursors = await deepCursors(server.url, ws);
  const client = LoadClient.start();
  const results: Measured[] = [];
  const rng = seededRng(7);
  try {
    for (const scenario of scenarios(seeded.plan, ws, cursors)) {
      const token = { admin: ws.adminToken, teammate: ws.teammateToken, anonymous: null }[scenario.as];
      const cpu = process.cpuUsage();
      const result = await client.run({
        baseUrl: server.url,
        token,
        warmup: Array.from({ length: s.warmup }, () => scenario.next(rng)),
        requests: Array.from({ length: s.requests }, () => scenario.next(rng)),
        concurrency: s.concurrency,
        maxMs: s.maxSeconds * 1000,
        expectStatus: scenario.expectStatus,
      });
      const used = process.cpuUsage(cpu);
      const served = result.latenciesMs.length + s.warmup;
      const measured = {
        ...summarize(scenario.name, result),
        target: scenario.target,
        serverCpuMs: (used.user + used.system) / 1000 / served,
      };
      results.push(measured);
      console.log(`  ${scenario.name}: p95 ${measured.p95.toFixed(2)} ms`);
    }
  } finally {
    client.close();
  }
  return results;
}

/** Seeds one database, serves it, measures, prints its table and returns its JSON summary. */
async function benchDatabase(database: BenchDatabase, s: Settings) {
  const label = database.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  console.log(`\n=== ${label} ===\nseeding:`);
  const config = loadConfig(
    { databaseUrl: database.url, port: 0, host: '127.0.0.1', secret: BENCH_SECRET, logLevel: 'warn' },
    {},
  );
  const services = createServices(config);
  let server: RunningServer | null = null;
  try {
    const seeded = await seed(database, services, s);
    server = await startServer(config, services);
    const rssAfterSeed = rss();
    const mismatches = await checkSearchResults(server.url, services.db, seeded.workspace);
    console.log(
      mismatches.length
        ? `search results: ${mismatches.length} MISMATCHES against the reference query:\n  ${mismatches.join('\n  ')}`
        : 'search results: identical to the reference query (first two pages, admin and teammate)',
    );
    const results = await runScenarios(server, seeded, s);
    const rssAfterRun = rss();
    return report(label, seeded, results, { rssAfterSeed, rssAfterRun, mismatches: mismatches.length }, s);
  } finally {
    await server?.close();
    await services.db.close();
    await database.drop();
  }
}

function report(
  label: string,
  seeded: Seeded,
  results: readonly Measured[],
  run: { rssAfterSeed: number; rssAfterRun: number; mismatches: number },
  s: Settings,
) {
  const baseline = results.find((r) => r.target === 'baseline')!;
  printTable(
    `${label}: ${seeded.plan.conversations.count} conversations, ${seeded.plan.messages.count} messages; ${s.concurrency} connections`,
    results,
    baseline.p50,
  );
  if (label === 'PostgreSQL')
    console.log("(server CPU: the Node process only; PostgreSQL's own work is not in it)");
  console.log(
    `RSS of the server process: ${mb(run.rssAfterSeed)} MB once serving, ${mb(run.rssAfterRun)} MB after the run`,
  );
  const worst = (target: string) => Math.max(...results.filter((r) => r.target === target).map((r) => r.p95));
  const met = printTargets([
    { label: 'seeding', value: seeded.seconds, limit: 120, unit: 's' },
    { label: 'list p95', value: worst('list'), limit: 20, unit: 'ms' },
    { label: 'open p95', value: worst('open'), limit: 20, unit: 'ms' },
    { label: 'search p95', value: worst('search'), limit: 100, unit: 'ms' },
  ]);
  return {
    seed_seconds: round(seeded.seconds),
    seed_steps: Object.fromEntries(Object.entries(seeded.steps).map(([k, v]) => [k, round(v)])),
    conversations: seeded.plan.conversations.count,
    messages: seeded.plan.messages.count,
    rss_mb_serving: mb(run.rssAfterSeed),
    rss_mb_after_run: mb(run.rssAfterRun),
    baseline_p50_ms: round(baseline.p50),
    search_mismatches: run.mismatches,
    targets_met: met && run.mismatches === 0,
    scenarios: results.map((r) => ({
      name: r.name,
      requests: r.requests,
      errors: r.errors,
      rps: Math.round(r.rps),
      p50_ms: round(r.p50),
      p95_ms: round(r.p95),
      p99_ms: round(r.p99),
      p50_vs_baseline: round(r.p50 / baseline.p50),
      server_cpu_ms_per_request: round(r.serverCpuMs),
    })),
  };
}

async function main(): Promise<void> {
  const s = settings();
  const only = process.env.DESKWOOT_BENCH_ONLY;
  console.log(
    `Deskwoot API benchmark: scale ${s.scale}, ${s.requests} requests per scenario after ${s.warmup} warm-up, ${s.concurrency} connections, at most ${s.maxSeconds} s per scenario`,
  );
  const databases: Record<string, unknown> = {};
  if (only !== 'postgres') databases.sqlite = await benchDatabase(sqliteBenchDatabase(), s);
  if (only !== 'sqlite') {
    const url = postgresBenchUrl();
    if (url) databases.postgres = await benchDatabase(await postgresBenchDatabase(url), s);
    else {
      console.log(
        '\n=== PostgreSQL skipped: set DESKWOOT_BENCH_DATABASE_URL (or DESKWOOT_TEST_DATABASE_URL) to include it ===',
      );
      databases.postgres = { skipped: 'no DESKWOOT_BENCH_DATABASE_URL or DESKWOOT_TEST_DATABASE_URL' };
    }
  }
  console.log(`\n${JSON.stringify({ bench: 'api', ...s, node: process.version, databases })}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
