/** Servers under test run as their own processes, so their memory and CPU are theirs alone. */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { McpLoadJob, McpLoadResult } from './mcp-load-client.js';

export interface ServerUnderTest {
  url: string;
  pid: number;
  /** Resident memory now and at its peak, in bytes (from /proc; null where there is none). */
  memory(): { rss: number; peak: number } | null;
  /** CPU time (user + system) the process has used so far, in seconds (from /proc; else null). */
  cpuSeconds(): number | null;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function procStatus(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** Linux reports CPU time in clock ticks of 1/100 s. */
const TICKS_PER_SECOND = 100;

/** The command name and CPU time (user + system, in seconds) of a process, from /proc; else null. */
function procStat(pid: number | string): { command: string; cpu: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; utime and stime are fields 14 and 15.
    const end = stat.lastIndexOf(') ');
    const fields = stat.slice(end + 2).split(' ');
    const command = stat.slice(stat.indexOf('(') + 1, end);
    return { command, cpu: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

const procCpu = (pid: number) => procStat(pid)?.cpu ?? null;

/**
 * CPU time used so far by each local PostgreSQL process (its backends do a query's parsing,
 * planning and socket writes on the same cores as the servers), by pid; empty where there is none.
 * Every process named `postgres` counts, the cluster's background workers too (and those of any
 * other local cluster); a backend that exits within a job takes its CPU with it. A job keeps its
 * connections busy, so neither is large.
 */
export function postgresCpu(): Map<string, number> {
  const byPid = new Map<string, number>();
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return byPid;
  }
  for (const pid of pids) {
    const stat = procStat(pid);
    if (stat?.command === 'postgres') byPid.set(pid, stat.cpu);
  }
  return byPid;
}

/** CPU seconds PostgreSQL's processes used between two `postgresCpu()` readings; null if none ran. */
export function postgresCpuBetween(before: Map<string, number>, after: Map<string, number>): number | null {
  if (!after.size) return null;
  let seconds = 0;
  // A backend that started in between counts from zero.
  for (const [pid, cpu] of after) seconds += cpu - (before.get(pid) ?? 0);
  return seconds;
}

/**
 * `node <args>` whose first stdout line with a `"url"` says where it listens; resolves then.
 * Stopped with SIGINT (a clean stop, so a --cpu-prof profile gets written), SIGKILL after 10 s.
 */
export async function startServerProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<ServerUnderTest> {
  const nodeArgs = (process.env.DESKWOOT_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stdout = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout = (stdout + chunk).slice(-100_000);
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited(child);
    clearTimeout(force);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const url = /"url":\s*"(http:\/\/127\.0\.0\.1:\d+)"/.exec(stdout)?.[1];
    if (url) {
      const pid = child.pid ?? -1;
      return { url, pid, memory: () => procStatus(pid), cpuSeconds: () => procCpu(pid), stop };
    }
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`${args.join(' ')} did not come up:\n${stdout}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Every server process still running is killed (for `finally`, whatever happened). */
export async function killServerProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited(child);
    }),
  );
}

/** The load generator's child process (mcp-load-client.ts). */
export class McpLoadClient {
  private constructor(private readonly child: ChildProcess) {}

  static start(): McpLoadClient {
    return new McpLoadClient(fork(new URL('./mcp-load-client.js', import.meta.url), { stdio: 'inherit' }));
  }

  run(job: McpLoadJob): Promise<McpLoadResult> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`MCP load client exited with ${code}`));
      this.child.once('exit', onExit);
      this.child.once('message', (message: { ok: boolean; result?: McpLoadResult; error?: string }) => {
        this.child.off('exit', onExit);
        if (message.ok && message.result) resolve(message.result);
        else reject(new Error(`MCP load client: ${message.error}`));
      });
      this.child.send(job);
    });
  }

  close(): void {
    this.child.kill();
  }
}
