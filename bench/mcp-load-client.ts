/**
 * The MCP load generator, run as a child process (own event loop and memory): it opens N
 * sessions with raw JSON-RPC, drives one request at a time on each (so N in flight in all),
 * bounded in count and in time, and sends back the latencies. Then it ends its sessions.
 */
import { RawMcpSession } from './mcp-rpc.js';

export interface McpLoadJob {
  baseUrl: string;
  token: string | null;
  sessions: number;
  tool: string;
  /** Arguments for successive calls, used round-robin. */
  args: readonly Record<string, unknown>[];
  warmupCalls: number;
  calls: number;
  maxMs: number;
  /** What a good answer looks like: any tool result that is not an error, or a proposal. */
  expect: 'result' | 'pending_approval';
}

export interface McpLoadResult {
  latenciesMs: number[];
  seconds: number;
  errors: number;
  firstError: string | null;
  /** Calls answered in all, warm-up included (each one an audit event on Deskwoot). */
  answered: number;
}

function problem(job: McpLoadJob, reply: Awaited<ReturnType<RawMcpSession['callTool']>>): string | null {
  if (reply.status !== 200) return `HTTP ${reply.status} ${JSON.stringify(reply.message).slice(0, 200)}`;
  const result = reply.message?.result as
    { isError?: boolean; structuredContent?: { status?: string } } | undefined;
  if (!result) return `no result: ${JSON.stringify(reply.message).slice(0, 200)}`;
  if (result.isError) return `tool error: ${JSON.stringify(result.structuredContent).slice(0, 200)}`;
  if (job.expect === 'pending_approval' && result.structuredContent?.status !== 'pending_approval')
    return `not a proposal: ${JSON.stringify(result.structuredContent).slice(0, 200)}`;
  return null;
}

async function play(job: McpLoadJob, sessions: RawMcpSession[], calls: number): Promise<McpLoadResult> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let next = 0;
  const started = performance.now();
  const deadline = started + job.maxMs;
  await Promise.all(
    sessions.map(async (session) => {
      while (next < calls && performance.now() < deadline) {
        const args = job.args[next++ % job.args.length]!;
        const t0 = performance.now();
        try {
          const reply = await session.callTool(job.tool, args);
          latenciesMs.push(performance.now() - t0);
          const wrong = problem(job, reply);
          if (wrong) {
            errors++;
            firstError ??= wrong;
          }
        } catch (error) {
          errors++;
          firstError ??= String(error);
        }
      }
    }),
  );
  return {
    latenciesMs,
    seconds: (performance.now() - started) / 1000,
    errors,
    firstError,
    answered: latenciesMs.length,
  };
}

async function runJob(job: McpLoadJob): Promise<McpLoadResult> {
  const sessions = Array.from(
    { length: job.sessions },
    () => new RawMcpSession({ baseUrl: job.baseUrl, token: job.token }),
  );
  await Promise.all(sessions.map((s) => s.initialize()));
  try {
    const warmup = await play(job, sessions, job.warmupCalls);
    const measured = await play(job, sessions, job.calls);
    return { ...measured, answered: warmup.answered + measured.answered };
  } finally {
    await Promise.allSettled(sessions.map((s) => s.terminate()));
    for (const session of sessions) session.close();
  }
}

process.on('message', (job: McpLoadJob) => {
  runJob(job).then(
    (result) => process.send!({ ok: true, result }),
    (error: unknown) => process.send!({ ok: false, error: String(error) }),
  );
});
