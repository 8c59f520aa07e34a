/**
 * `npm run bench:mcp`: what the leash costs. On loopback, 32 MCP sessions driven by raw JSON-RPC
 * POSTs (the SDK client is too slow to load a server, NOTES.md) call `get_conversation` on
 * Deskwoot (bot token, scopes, leash re-read, audit event, transaction) and on a bare SDK server
 * that runs the same queries with no leash (mcp-bare-server.ts), in the same run on the same
 * database; then a supervised `reply_to_conversation` on Deskwoot (a draft approval per call);
 * then `refund_order` against a local Stripe server (bench/mcp-money.ts), with Deskwoot's own
 * time per money action beside the store's round trips.
 * Each server is its own process (its RSS is its own); the load generator is a third. Rounds
 * alternate between the servers and the best round of each is reported, to damp the noise of
 * a shared 2-core machine. Runs on SQLite and on PostgreSQL; on PostgreSQL the CPU its own
 * processes use per call is printed too (parsing, planning and socket writes happen there, on the
 * same cores).
 *
 * Environment:
 *   DESKWOOT_BENCH_MCP_CALLS     measured calls per scenario and round (default 20000)
 *   DESKWOOT_BENCH_MCP_WARMUP    warm-up calls before each (default 2000)
 *   DESKWOOT_BENCH_MCP_SESSIONS  concurrent sessions (default 32)
 *   DESKWOOT_BENCH_MCP_ROUNDS    rounds (default 2)
 *   DESKWOOT_BENCH_MAX_SECONDS   time limit per scenario and round (default 60)
 *   DESKWOOT_BENCH_DATABASE_URL or DESKWOOT_TEST_DATABASE_URL  PostgreSQL server (else it is skipped)
 *   DESKWOOT_BENCH_ONLY          `sqlite` or `postgres` to run one database
 *   DESKWOOT_BENCH_NODE_ARGS     extra node flags for the servers, e.g. `--cpu-prof`
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { verifyAudit } from '../src/audit/verify-audit.js';
import { openDb } from '../src/db/database.js';
import {
  type BenchDatabase,
  postgresBenchDatabase,
  postgresBenchUrl,
  sqliteBenchDatabase,
} from './support/databases.js';
import { percentile } from './support/measure.js';
import { BENCH_SECRET, benchServices, seedMcpFixture } from './mcp-fixture.js';
import { type MoneyFixture, type OwnTime, refundArgs, seedMoneyFixture } from './mcp-money.js';
import type { McpLoadJob } from './mcp-load-client.js';
import {
  killServerProcesses,
  McpLoadClient,
  postgresCpu,
  postgresCpuBetween,
  type ServerUnderTest,
  startServerProcess,
} from './mcp-processes.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const CONVERSATIONS = 50;
const MESSAGES_PER_CONVERSATION = 10;

interface Settings {
  calls: number;
  warmup: number;
  sessions: number;
  rounds: number;
  maxSeconds: number;
}

function settings(env = process.env): Settings {
  const int = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
    return value;
  };
  return {
    calls: int('DESKWOOT_BENCH_MCP_CALLS', 20_000),
    warmup: int('DESKWOOT_BENCH_MCP_WARMUP', 2_000),
    sessions: int('DESKWOOT_BENCH_MCP_SESSIONS', 32),
    rounds: int('DESKWOOT_BENCH_MCP_ROUNDS', 2),
    maxSeconds: int('DESKWOOT_BENCH_MAX_SECONDS', 60),
  };
}

interface Measured {
  name: string;
  calls: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
  rssMb: number | null;
  peakRssMb: number | null;
  /** Server CPU time per call: steadier than calls/s on a machine shared with other work. */
  cpuUsPerCall: number | null;
  /** PostgreSQL's CPU time per call, all its processes (null on SQLite, which runs in the server). */
  dbCpuUsPerCall: number | null;
  /** Calls answered, warm-up included. */
  answered: number;
  firstError: string | null;
}

const mb = (bytes: number | undefined) =>
  bytes === undefined || !Number.isFinite(bytes) ? null : Math.round(bytes / 1048576);
const round = (n: number) => Math.round(n * 100) / 100;

async function measure(
  name: string,
  load: McpLoadClient,
  job: McpLoadJob,
  server: ServerUnderTest,
  dialect: BenchDatabase['dialect'],
): Promise<Measured> {
  // CPU is counted over warm-up and measured calls alike (the load client does both in one job).
  const cpuBefore = server.cpuSeconds();
  const onPostgres = dialect === 'postgres';
  const dbBefore = onPostgres ? postgresCpu() : null;
  const result = await load.run(job);
  const cpuAfter = server.cpuSeconds();
  const dbSeconds = dbBefore ? postgresCpuBetween(dbBefore, postgresCpu()) : null;
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  const memory = server.memory();
  const cpuUsPerCall =
    cpuBefore === null || cpuAfter === null
      ? null
      : ((cpuAfter - cpuBefore) * 1e6) / (job.warmupCalls + sorted.length);
  const dbCpuUsPerCall = dbSeconds === null ? null : (dbSeconds * 1e6) / (job.warmupCalls + sorted.length);
  return {
    name,
    calls: sorted.length,
    errors: result.errors,
    rps: sorted.length / result.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    rssMb: mb(memory?.rss),
    peakRssMb: mb(memory?.peak),
    cpuUsPerCall,
    dbCpuUsPerCall,
    answered: result.answered,
    firstError: result.firstError,
  };
}

function printTable(title: string, rows: readonly Measured[]): void {
  const header = [
    'scenario',
    'calls',
    'errors',
    'calls/s',
    'p50 ms',
    'p99 ms',
    'CPU µs/call',
    'DB CPU µs/call',
    'RSS MB',
    'peak RSS MB',
  ];
  const cells = rows.map((r) => [
    r.name,
    String(r.calls),
    String(r.errors),
    r.rps.toFixed(0),
    r.p50.toFixed(2),
    r.p99.toFixed(2),
    r.cpuUsPerCall === null ? '—' : r.cpuUsPerCall.toFixed(0),
    r.dbCpuUsPerCall === null ? '—' : r.dbCpuUsPerCall.toFixed(0),
    String(r.rssMb ?? '—'),
    String(r.peakRssMb ?? '—'),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) =>
    c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
  for (const r of rows) if (r.firstError) console.log(`  ! ${r.name}: ${r.firstError}`);
}

/** Counts the agent's audit events per action against the calls answered, and verifies the chain. */
async function checkAudit(url: string, agentId: string, expected: Record<string, number>) {
  const db = openDb(url);
  try {
    const rows = await db.kysely
      .selectFrom('audit_events')
      .select(['action', (eb) => eb.fn.countAll<number>().as('events')])
      .where('actor_id', '=', agentId)
      .groupBy('action')
      .execute();
    const counted = Object.fromEntries(rows.map((r) => [r.action, Number(r.events)]));
    const missing = Object.entries(expected).filter(([action, calls]) => (counted[action] ?? 0) < calls);
    const chain = await verifyAudit(db.kysely);
    const broken = chain.filter((r) => !r.ok);
    const events = chain.reduce((n, r) => n + r.events, 0);
    const line = `${Object.entries(expected)
      .map(([action, calls]) => `${action}: ${counted[action] ?? 0} events for ${calls} calls answered`)
      .join(', ')}; chain of ${events} events ${broken.length ? 'BROKEN' : 'verified'}`;
    return { line, problems: missing.length + broken.length };
  } finally {
    await db.close();
  }
}

/**
 * `refund_order` against the local Stripe server: throughput over MCP on a fresh server process,
 * then Deskwoot's own time per money action, one call at a time, beside the store's round trips.
 */
async function benchMoney(database: BenchDatabase, s: Settings, load: McpLoadClient, accountId: string) {
  const services = await benchServices(database.url);
  const fixture = await seedMoneyFixture(services, accountId, CONVERSATIONS);
  let server: ServerUnderTest | null = null;
  try {
    server = await startDeskwoot(database);
    const calls = Math.max(100, Math.round(s.calls / 4));
    const throughput = await measure(
      'Deskwoot: refund_order (autonomous, Stripe test server)',
      load,
      {
        baseUrl: server.url,
        token: fixture.token,
        sessions: s.sessions,
        tool: 'refund_order',
        args: refundArgs(fixture),
        warmupCalls: Math.round(calls / 10),
        calls,
        maxMs: s.maxSeconds * 1000,
        expect: 'result',
      },
      server,
      database.dialect,
    );
    await server.stop();
    server = null;
    const own = await ownTimeInChild(database.url, fixture, Math.max(200, Math.round(s.calls / 10)));
    printTable(
      `${database.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: refund_order, ${s.sessions} sessions`,
      [throughput],
    );
    console.log(
      `  Deskwoot's own time per refund (one at a time, ${own.calls} calls after ${2 * own.calls} to warm up): p50 ${own.ownP50.toFixed(2)} ms, p99 ${own.ownP99.toFixed(2)} ms; ` +
        `the store's round trips: p50 ${own.storeP50.toFixed(2)} ms, p99 ${own.storeP99.toFixed(2)} ms; whole call p99 ${own.totalP99.toFixed(2)} ms`,
    );
    return { throughput, own };
  } finally {
    await server?.stop();
    await fixture.stop();
    await services.db.close();
  }
}

/** Deskwoot's own time per refund, one call at a time, in a process of its own (mcp-money-own.ts). */
async function ownTimeInChild(url: string, fixture: MoneyFixture, calls: number): Promise<OwnTime> {
  const { stdout } = await run(
    process.execPath,
    [fileURLToPath(new URL('./mcp-money-own.js', import.meta.url))],
    {
      env: {
        ...process.env,
        DESKWOOT_BENCH_MONEY: JSON.stringify({
          url,
          token: fixture.token,
          orderIds: fixture.orderIds,
          calls,
        }),
      },
      maxBuffer: 1024 * 1024,
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as OwnTime;
}

function startDeskwoot(database: BenchDatabase): Promise<ServerUnderTest> {
  return startServerProcess(
    [
      `${ROOT}bin/deskwoot.js`,
      'start',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--database-url',
      database.url,
      '--json',
    ],
    { DESKWOOT_SECRET: BENCH_SECRET, DESKWOOT_MCP_RATE_LIMIT: '1000000', DESKWOOT_LOG_LEVEL: 'warn' },
  );
}

async function runOn(database: BenchDatabase, s: Settings, load: McpLoadClient) {
  const label = database.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  console.log(`\n=== ${label} ===`);
  let deskwoot: ServerUnderTest | null = null;
  let bare: ServerUnderTest | null = null;
  try {
    const services = await benchServices(database.url);
    const fixture = await seedMcpFixture(services, {
      conversations: CONVERSATIONS,
      messagesPerConversation: MESSAGES_PER_CONVERSATION,
    });
    await services.db.close();
    console.log(
      `seeded ${CONVERSATIONS} conversations of ${MESSAGES_PER_CONVERSATION} messages; starting the servers`,
    );

    deskwoot = await startDeskwoot(database);
    bare = await startServerProcess(
      [fileURLToPath(new URL('./mcp-bare-server.js', import.meta.url)), database.url, fixture.accountId],
      {},
    );

    const reads = fixture.conversationIds.map((id) => ({ conversation_id: id }));
    const replies = fixture.conversationIds.map((id) => ({
      conversation_id: id,
      content: 'Thanks for your patience: your parcel left our warehouse this morning.',
    }));
    const job = (
      server: ServerUnderTest,
      tool: string,
      args: McpLoadJob['args'],
      token: string | null,
    ): McpLoadJob => ({
      baseUrl: server.url,
      token,
      sessions: s.sessions,
      tool,
      args,
      warmupCalls: s.warmup,
      calls: s.calls,
      maxMs: s.maxSeconds * 1000,
      expect: tool === 'reply_to_conversation' ? 'pending_approval' : 'result',
    });
    const scenarios = [
      {
        name: 'bare SDK server: get_conversation',
        server: bare,
        job: job(bare, 'get_conversation', reads, null),
      },
      {
        name: 'Deskwoot: get_conversation',
        server: deskwoot,
        job: job(deskwoot, 'get_conversation', reads, fixture.token),
      },
      {
        name: 'Deskwoot: reply_to_conversation (supervised)',
        server: deskwoot,
        job: job(deskwoot, 'reply_to_conversation', replies, fixture.token),
      },
    ];

    const best = new Map<string, Measured>();
    const answered = new Map<string, number>();
    for (let r = 1; r <= s.rounds; r++) {
      for (const scenario of scenarios) {
        const m = await measure(scenario.name, load, scenario.job, scenario.server, database.dialect);
        process.stdout.write(
          `  round ${r}: ${scenario.name}: ${m.rps.toFixed(0)} calls/s, p50 ${m.p50.toFixed(2)} ms, p99 ${m.p99.toFixed(2)} ms, ${m.cpuUsPerCall?.toFixed(0) ?? '—'} µs CPU/call${m.dbCpuUsPerCall === null ? '' : ` (PostgreSQL ${m.dbCpuUsPerCall.toFixed(0)})`}${m.errors ? `, ${m.errors} errors` : ''}\n`,
        );
        answered.set(scenario.name, (answered.get(scenario.name) ?? 0) + m.answered);
        const previous = best.get(scenario.name);
        if (!previous || m.errors > 0 || (previous.errors === 0 && m.rps > previous.rps))
          best.set(scenario.name, m);
      }
    }
    const rows = scenarios.map((sc) => best.get(sc.name)!);
    const [bareGet, deskGet, deskReply] = rows as [Measured, Measured, Measured];
    printTable(
      `${label}: ${s.sessions} sessions, ${s.calls} calls per scenario, best of ${s.rounds} round(s)`,
      rows,
    );
    // Every call on Deskwoot left its audit event, and the chain still verifies.
    await deskwoot.stop();
    const audit = await checkAudit(database.url, fixture.agentId, {
      'conversation.get': answered.get(deskGet.name) ?? 0,
      'conversation.reply': answered.get(deskReply.name) ?? 0,
    });
    console.log(`audit: ${audit.line}`);
    const money = await benchMoney(database, s, load, fixture.accountId);
    const leashCost = (1 - deskGet.rps / bareGet.rps) * 100;
    const cpuCost =
      deskGet.cpuUsPerCall && bareGet.cpuUsPerCall
        ? (1 - bareGet.cpuUsPerCall / deskGet.cpuUsPerCall) * 100
        : null;
    const peak = Math.max(...rows.filter((r) => r.name.startsWith('Deskwoot')).map((r) => r.peakRssMb ?? 0));
    console.log(
      `leash cost: ${leashCost.toFixed(1)} % of bare throughput (Deskwoot ${deskGet.rps.toFixed(0)} vs bare ${bareGet.rps.toFixed(0)} get_conversation calls/s)`,
    );
    if (cpuCost !== null)
      console.log(
        `  by server CPU per call: ${cpuCost.toFixed(1)} % (${deskGet.cpuUsPerCall!.toFixed(0)} vs ${bareGet.cpuUsPerCall!.toFixed(0)} µs; the load generator shares the cores)`,
      );
    const targets = [
      { label: 'leash cost', value: leashCost, limit: 15, unit: '%' },
      ...(database.dialect === 'sqlite'
        ? [
            {
              label: 'get_conversation calls/s',
              value: deskGet.rps,
              limit: 1500,
              unit: 'calls/s',
              atLeast: true,
            },
          ]
        : []),
      { label: 'Deskwoot server peak RSS', value: peak, limit: 200, unit: 'MB' },
      ...(database.dialect === 'sqlite'
        ? [
            {
              label: "refund_order: p99 of Deskwoot's own time",
              value: money.own.ownP99,
              limit: 2,
              unit: 'ms',
            },
          ]
        : []),
      { label: 'refund_order errors', value: money.throughput.errors + money.own.errors, limit: 1, unit: '' },
      { label: 'errors', value: rows.reduce((n, r) => n + r.errors, 0), limit: 1, unit: '' },
      {
        label: 'calls without their audit event, or chain breaks',
        value: audit.problems,
        limit: 1,
        unit: '',
      },
    ];
    let met = true;
    for (const t of targets) {
      const ok = 'atLeast' in t ? t.value >= t.limit : t.value < t.limit;
      met &&= ok;
      const target = 'atLeast' in t ? `≥ ${t.limit}` : `< ${t.limit}`;
      console.log(
        `  ${ok ? 'met   ' : 'MISSED'}  ${t.label}: ${round(t.value)} ${t.unit} (target ${target} ${t.unit})`,
      );
    }
    return {
      leash_cost_pct: round(leashCost),
      leash_cost_by_cpu_pct: cpuCost === null ? null : round(cpuCost),
      deskwoot_peak_rss_mb: peak,
      targets_met: met,
      scenarios: rows.map((r) => ({
        name: r.name,
        calls: r.calls,
        errors: r.errors,
        calls_per_s: Math.round(r.rps),
        p50_ms: round(r.p50),
        p99_ms: round(r.p99),
        rss_mb: r.rssMb,
        peak_rss_mb: r.peakRssMb,
        server_cpu_us_per_call: r.cpuUsPerCall === null ? null : Math.round(r.cpuUsPerCall),
        postgres_cpu_us_per_call: r.dbCpuUsPerCall === null ? null : Math.round(r.dbCpuUsPerCall),
      })),
      reply_calls_per_s: Math.round(deskReply.rps),
      refund_order: {
        calls_per_s: Math.round(money.throughput.rps),
        p50_ms: round(money.throughput.p50),
        p99_ms: round(money.throughput.p99),
        own_p50_ms: round(money.own.ownP50),
        own_p99_ms: round(money.own.ownP99),
        store_round_trips_p50_ms: round(money.own.storeP50),
        store_round_trips_p99_ms: round(money.own.storeP99),
      },
    };
  } finally {
    await Promise.allSettled([deskwoot?.stop(), bare?.stop()]);
    await killServerProcesses();
    await database.drop();
  }
}

async function main(): Promise<void> {
  const s = settings();
  const only = process.env.DESKWOOT_BENCH_ONLY;
  console.log(
    `Deskwoot MCP benchmark: ${s.sessions} sessions, ${s.calls} calls per scenario after ${s.warmup} warm-up, ${s.rounds} round(s), at most ${s.maxSeconds} s each; node ${process.version}`,
  );
  const summary: Record<string, unknown> = { bench: 'mcp', ...s, node: process.version };
  const load = McpLoadClient.start();
  try {
    if (only !== 'postgres') summary.sqlite = await runOn(sqliteBenchDatabase(), s, load);
    if (only !== 'sqlite') {
      const url = postgresBenchUrl();
      if (url) summary.postgres = await runOn(await postgresBenchDatabase(url), s, load);
      else {
        console.log(
          '\n=== PostgreSQL skipped: set DESKWOOT_BENCH_DATABASE_URL (or DESKWOOT_TEST_DATABASE_URL) ===',
        );
        summary.postgres = { skipped: 'no DESKWOOT_BENCH_DATABASE_URL or DESKWOOT_TEST_DATABASE_URL' };
      }
    }
  } finally {
    load.close();
    await killServerProcesses();
  }
  console.log(`\n${JSON.stringify(summary)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
