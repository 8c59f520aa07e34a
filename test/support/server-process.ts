import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_SECRET } from './harness.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'deskwoot.js');

/** Source folders whose built output a process-level test depends on. */
const CHECKED = [
  'src/channels/api',
  'src/channels/web-chat',
  'src/http/routes/web-chat.ts',
  'src/jobs',
  'src/cli',
  'src/money',
  'src/stores',
  'src/server.ts',
];

/**
 * Process tests run the built CLI (`npm test` builds first). Running them on a stale dist/ would
 * test old code, so refuse with a clear message instead.
 */
export function assertBuilt(): void {
  const stale: string[] = [];
  const check = (source: string) => {
    if (!source.endsWith('.ts') || source.endsWith('.test.ts')) return;
    const built = join(ROOT, 'dist', source.replace(/\.ts$/, '.js'));
    if (!existsSync(built) || statSync(built).mtimeMs < statSync(join(ROOT, source)).mtimeMs)
      stale.push(source);
  };
  for (const path of CHECKED) {
    if (path.endsWith('.ts')) check(path);
    else
      for (const name of readdirSync(join(ROOT, path), { recursive: true })) check(join(path, String(name)));
  }
  if (stale.length) throw new Error(`dist/ is older than ${stale.join(', ')}: run \`npm run build\` first`);
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** What the process wrote to stderr so far (its logs), for failure messages. */
  stderr(): string;
  /** Ends the process (SIGKILL by default: a crash, no clean shutdown) and waits until it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<ChildProcess>();

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * `deskwoot start --port 0` on this database, as a separate process; resolves once it listens.
 * DESKWOOT_SECRET is the harness's, so the inbox secrets the test sealed can be opened.
 */
export async function spawnServer(
  databaseUrl: string,
  timeoutMs = 20_000,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [BIN, 'start', '--port', '0', '--host', '127.0.0.1', '--database-url', databaseUrl, '--json'],
    {
      cwd: ROOT,
      env: { ...process.env, DESKWOOT_SECRET: TEST_SECRET, DESKWOOT_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    // A clean shutdown gets a few seconds; then it is a crash after all.
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited(child);
    clearTimeout(force);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const url = /"url":\s*"(http:\/\/127\.0\.0\.1:\d+)"/.exec(stdout)?.[1];
    if (url) return { url, pid: child.pid ?? -1, stderr: () => stderr, kill };
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await kill();
      throw new Error(`deskwoot start did not come up:\n${stdout}\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Kills every server process still running (for afterAll, whatever happened in the tests). */
export async function killAllServers(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited(child);
    }),
  );
}
