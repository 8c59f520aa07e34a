/**
 * The load generator, run as a child process so it does not share the server's event loop or
 * memory. It receives one batch of requests at a time, plays them over a few keep-alive
 * connections (bounded in count and in time) and sends back the latencies.
 */

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

async function play(job: LoadJob, requests: readonly RequestSpec[], maxMs: number): Promise<LoadResult> {
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
        const response = await fetch(job.baseUrl + spec.path, {
          method: spec.method,
          headers,
          body: spec.body,
        });
        const text = await response.text();
        latenciesMs.push(performance.now() - t0);
        if (response.status !== job.expectStatus) {
          errors++;
          firstError ??= `${spec.method} ${spec.path} → ${response.status} ${text.slice(0, 200)}`;
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
    await play(job, job.warmup, job.maxMs);
    const result = await play(job, job.requests, job.maxMs);
    process.send!(result);
  })();
});
