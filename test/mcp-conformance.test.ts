import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { type RunningServer, startServer } from '../src/server.js';
import { type Harness, seedWorkspace, startHarness, TEST_SECRET } from './support/harness.js';
import { makeAgent } from './support/mcp.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CONFORMANCE = join(ROOT, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');

/** The transport scenarios SPEC §9 names. */
const SCENARIOS = [
  'server-initialize',
  'ping',
  'tools-list',
  'server-sse-multiple-streams',
  'dns-rebinding-protection',
] as const;

interface Check {
  id: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | string;
  description: string;
  errorMessage?: string;
}

/**
 * A loopback proxy that adds the bot token the suite cannot send. Bodies stream both ways (SSE
 * included) and the client's own Host and Origin headers pass through untouched, so the
 * DNS-rebinding scenario reaches Deskwoot's checks as it sent them.
 */
async function startAuthProxy(
  target: string,
  token: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, authorization: `Bearer ${token}` },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.flushHeaders();
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    // A client that hangs up (e.g. cancels an SSE stream) hangs up upstream too.
    res.on('close', () => forwarded.destroy());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Runs one scenario of the official suite's CLI; resolves with its exit code, output and checks. */
function runScenario(
  url: string,
  scenario: string,
  outputDir: string,
): Promise<{ code: number; output: string; checks: Check[] }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CONFORMANCE, 'server', '--url', url, '--scenario', scenario, '--output-dir', outputDir],
      { cwd: ROOT, timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        // The suite writes <outputDir>/server-<scenario>-<timestamp>/checks.json.
        const dir = readdirSync(outputDir).find((name) => name.startsWith(`server-${scenario}-`));
        const checks = dir
          ? (JSON.parse(readFileSync(join(outputDir, dir, 'checks.json'), 'utf8')) as Check[])
          : [];
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}\n${stderr}`, checks });
      },
    );
  });
}

describe('MCP transport conformance (official suite, on SQLite: it tests the transport, not the database)', () => {
  let h: Harness;
  let server: RunningServer;
  let proxy: { url: string; close(): Promise<void> };
  let outputDir: string;

  beforeAll(async () => {
    h = await startHarness('sqlite');
    const ws = await seedWorkspace(h.services, 'Acme');
    const agent = await makeAgent(h.services, ws.system, { scopes: ['conversations:read', 'notes:write'] });
    server = await startServer(
      loadConfig({ databaseUrl: h.url, port: 0, host: '127.0.0.1', secret: TEST_SECRET, logLevel: 'silent' }),
      h.services,
    );
    proxy = await startAuthProxy(server.url, agent.token);
    outputDir = mkdtempSync(join(tmpdir(), 'deskwoot-conformance-'));
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
    await h?.close();
    if (outputDir) rmSync(outputDir, { recursive: true, force: true });
  });

  it.each(SCENARIOS)('passes every check of the %s scenario', async (scenario) => {
    const { code, output, checks } = await runScenario(`${proxy.url}/mcp`, scenario, outputDir);
    // INFO is the suite's note on an optional behaviour (POSTs answered with JSON, not SSE, say):
    // not a failure, but each scenario must still pass something.
    expect(checks.filter((c) => c.status === 'SUCCESS').length, output).toBeGreaterThan(0);
    const notPassed = checks.filter((c) => c.status !== 'SUCCESS' && c.status !== 'INFO');
    expect(notPassed, output).toEqual([]);
    expect(code, output).toBe(0);
  });
});
