/**
 * `npm run bench:mcp-soak`: one MCP session, 100,000 `get_conversation` calls over loopback with
 * raw JSON-RPC POSTs, on SQLite. Prints RSS and heapUsed (after a full GC; run node with
 * --expose-gc) and the session's per-request bookkeeping after 1,000 and after all calls: a
 * long-lived agent session must not grow (NOTES.md: the SDK keeps an entry per call in
 * JSON-response mode).
 *
 * Environment:
 *   DESKWOOT_SOAK_CALLS        calls in all (default 100000)
 *   DESKWOOT_SOAK_CONCURRENCY  requests in flight on the one session (default 4)
 *   DESKWOOT_SOAK_MAX_SECONDS  time limit for the whole run (default 900)
 */
import { type ServerType, serve } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '../src/http/app.js';
import { McpSessions, sessionBacklog } from '../src/mcp/sessions.js';
import { sqliteBenchDatabase } from './support/databases.js';
import { benchServices, seedMcpFixture } from './mcp-fixture.js';
import { RawMcpSession } from './mcp-rpc.js';

const FIRST_MARK = 1_000;

/** Resident memory of the C heap (brk; where SQLite's page cache lives), from /proc; null elsewhere. */
function nativeHeap(): number | null {
  try {
    let inHeap = false;
    let kb = 0;
    for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
      if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) inHeap = line.trimEnd().endsWith('[heap]');
      else if (inHeap && line.startsWith('Rss:')) kb += Number(/(\d+)/.exec(line)?.[1] ?? 0);
    }
    return kb * 1024;
  } catch {
    return null;
  }
}

function setting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function memory() {
  if (!globalThis.gc) throw new Error('run node with --expose-gc (npm run bench:mcp-soak does)');
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await sleep(50);
  }
  const usage = process.memoryUsage();
  return {
    rss: usage.rss,
    heapUsed: usage.heapUsed,
    heapTotal: usage.heapTotal,
    external: usage.external,
    native: nativeHeap(),
  };
}

async function main(): Promise<void> {
  const total = setting('DESKWOOT_SOAK_CALLS', 100_000);
  const concurrency = setting('DESKWOOT_SOAK_CONCURRENCY', 4);
  const deadline = performance.now() + setting('DESKWOOT_SOAK_MAX_SECONDS', 900) * 1000;
  console.log(
    `MCP soak: ${total} get_conversation calls on one session, ${concurrency} in flight, SQLite, node ${process.version}`,
  );

  const database = sqliteBenchDatabase();
  const services = await benchServices(database.url);
  const sessions = new McpSessions();
  let http: ServerType | null = null;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    const fixture = await seedMcpFixture(services, { conversations: 1, messagesPerConversation: 10 });
    const app = createApp(services, { mcpSessions: sessions, mcp: { rateLimitPerMinute: 1_000_000 } });
    http = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const client = new RawMcpSession({ baseUrl, token: fixture.token, agent });
    const sessionId = await client.initialize();
    const stream = client.openStream();
    if ((await stream.status) !== 200) throw new Error('the GET stream was refused');
    const session = sessions.get(sessionId);
    if (!session) throw new Error('the session is not registered');
    const args = { conversation_id: fixture.conversationIds[0]! };

    let done = 0;
    let errors = 0;
    let firstError: string | null = null;
    const run = async (target: number) => {
      const started = performance.now();
      const from = done;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (done < target && performance.now() < deadline) {
            done++;
            const reply = await client.callTool('get_conversation', args);
            const result = reply.message?.result as { isError?: boolean } | undefined;
            if (reply.status !== 200 || !result || result.isError) {
              errors++;
              firstError ??= `HTTP ${reply.status} ${JSON.stringify(reply.message).slice(0, 200)}`;
            }
          }
        }),
      );
      return (done - from) / ((performance.now() - started) / 1000);
    };

    const marks: (Awaited<ReturnType<typeof memory>> & {
      calls: number;
      backlog: ReturnType<typeof sessionBacklog>;
    })[] = [];
    const mark = async () => {
      const m = { calls: done, ...(await memory()), backlog: sessionBacklog(session) };
      marks.push(m);
      console.log(
        `after ${String(m.calls).padStart(6)} calls, after GC: RSS ${mb(m.rss)} MB, heapUsed ${mb(m.heapUsed)} MB (V8 heap ${mb(m.heapTotal)} MB, external ${mb(m.external)} MB, C heap ${m.native === null ? '—' : mb(m.native)} MB); session bookkeeping ${JSON.stringify(m.backlog)}`,
      );
    };

    await run(FIRST_MARK);
    await mark();
    let rate = 0;
    // Progress every 10,000 calls, so a long run shows whether it is still moving.
    for (let next = 10_000; done < total && performance.now() < deadline; next += 10_000) {
      rate = await run(Math.min(next, total));
      // Halfway, a mark too: whether memory still climbs, or had levelled off.
      if (done === Math.round(total / 2 / 10_000) * 10_000 && done < total) await mark();
      const now = process.memoryUsage();
      process.stdout.write(
        `  ${String(done).padStart(6)} calls, ${Math.round(rate)} calls/s; RSS ${mb(now.rss)} MB, V8 heap ${mb(now.heapTotal)} MB (no GC forced)\n`,
      );
    }
    await mark();
    stream.close();

    const [first, half, last] = [marks[0]!, marks.at(-2)!, marks.at(-1)!];
    const growth = (a: number, b: number) => Math.round(((b - a) / a) * 1000) / 10;
    const pct = (n: number) => `${n >= 0 ? '+' : ''}${n} %`;
    const rssGrowth = growth(first.rss, last.rss);
    const heapGrowth = growth(first.heapUsed, last.heapUsed);
    const flat = JSON.stringify(first.backlog) === JSON.stringify(last.backlog);
    // The C heap is SQLite's (page cache, statements): it fills as the audit log grows, up to a
    // bound. What the SDK's per-call leak would grow is the JS heap and the rest of RSS.
    const withoutC = (m: typeof first) => m.rss - (m.native ?? 0);
    const restGrowth = growth(withoutC(first), withoutC(last));
    const cLevelled = first.native === null || growth(half.native ?? 1, last.native ?? 1) <= 10;
    const ok = done >= total && errors === 0 && flat && heapGrowth <= 10 && restGrowth <= 10 && cLevelled;
    console.log(
      `\nRSS ${mb(first.rss)} → ${mb(last.rss)} MB (${pct(rssGrowth)}); heapUsed ${mb(first.heapUsed)} → ${mb(last.heapUsed)} MB (${pct(heapGrowth)}); session bookkeeping ${flat ? 'flat' : 'GREW'}; ${errors} errors${firstError ? ` (first: ${firstError})` : ''}`,
    );
    if (first.native !== null)
      console.log(
        `C heap (SQLite) ${mb(first.native)} → ${mb(half.native ?? 0)} (at ${half.calls}) → ${mb(last.native ?? 0)} MB; RSS without it ${mb(withoutC(first))} → ${mb(withoutC(last))} MB (${pct(restGrowth)})`,
      );
    console.log(
      ok
        ? 'met: the session’s memory stays flat (JS heap, transport bookkeeping, RSS outside SQLite’s levelled-off cache)'
        : 'MISSED: memory grows or calls failed',
    );
    console.log(
      JSON.stringify({
        bench: 'mcp-soak',
        node: process.version,
        calls: done,
        concurrency,
        errors,
        marks: marks.map((m) => ({
          calls: m.calls,
          rss_mb: mb(m.rss),
          heap_used_mb: mb(m.heapUsed),
          heap_total_mb: mb(m.heapTotal),
          c_heap_mb: m.native === null ? null : mb(m.native),
          ...m.backlog,
        })),
        rss_growth_pct: rssGrowth,
        heap_used_growth_pct: heapGrowth,
        rss_without_c_heap_growth_pct: restGrowth,
        ok,
      }),
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await sessions.closeAll();
    agent.destroy();
    if (http) {
      const server = http;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
    }
    await services.db.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
