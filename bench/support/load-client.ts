/**
 * The load generator, run as a child process so it does not share the server's event loop or
 * memory. It receives one batch of requests at a time, plays them over a few keep-alive
 * connections (bounded in count and in time) and sends back the latencies.
 */
import http from 'node:http';

/** A request that takes longer counts as an error, so a stuck one cannot hold the run. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface LoadJob {
  baseUrl: string;
  token: string | null;
  warmup: readonly RequestSpec[];
  requests: readonly RequestSpec[];
  concurrency: number;
  maxMs: number;
  expectStatus: number;
}

export interface LoadResult {
  latenciesMs: number[];
  seconds: number;
  errors: number;
  firstError: string | null;
}

/**
 * One request on a keep-alive connection. node:http rather than fetch: it spends about a quarter
 * of fetch's CPU per request, and the load generator shares the machine's two cores with the server.
 */
function send(
  agent: http.Agent,
  url: URL,
  spec: RequestSpec,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { agent, method: spec.method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy(new Error('timed out')));
    request.on('error', reject);
    request.end(spec.body);
  });
}

async function play(
  job: LoadJob,
  agent: http.Agent,
  requests: readonly RequestSpec[],
  maxMs: number,
): Promise<LoadResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (job.token) headers.authorization = `Bearer ${job.token}`;
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let next = 0;
  const started = performance.now();
  const deadline = started + maxMs;
  const worker = async () => {
    while (next < requests.length && performance.now() < deadline) {
      const spec = requests[next++]!;
      const t0 = performance.now();
      try {
        const response = await send(agent, new URL(job.baseUrl + spec.path), spec, headers);
        latenciesMs.push(performance.now() - t0);
        if (response.status !== job.expectStatus) {
          errors++;
          firstError ??= `${spec.method} ${spec.path} → ${response.status} ${response.text.slice(0, 200)}`;
        }
      } catch (error) {
        errors++;
        firstError ??= `${spec.method} ${spec.path} → ${String(error)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  return { latenciesMs, seconds: (performance.now() - started) / 1000, errors, firstError };
}

process.on('message', (job: LoadJob) => {
  void (async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
    await play(job, agent, job.warmup, job.maxMs);
    const result = await play(job, agent, job.requests, job.maxMs);
    agent.destroy();
    process.send!(result);
  })();
});
