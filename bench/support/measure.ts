import { type ChildProcess, fork } from 'node:child_process';
import type { LoadJob, LoadResult, RequestSpec } from './load-client.js';

export type { RequestSpec };

export interface ScenarioResult {
  name: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  firstError: string | null;
}

/** A child process that plays requests against the server (see load-client.ts). */
export class LoadClient {
  private constructor(private readonly child: ChildProcess) {}

  static start(): LoadClient {
    return new LoadClient(fork(new URL('./load-client.js', import.meta.url), { stdio: 'inherit' }));
  }

  run(job: LoadJob): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`load client exited with ${code}`));
      this.child.once('exit', onExit);
      this.child.once('message', (result) => {
        this.child.off('exit', onExit);
        resolve(result as LoadResult);
      });
      this.child.send(job);
    });
  }

  close(): void {
    this.child.kill();
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summarize(name: string, result: LoadResult): ScenarioResult {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  return {
    name,
    requests: sorted.length,
    errors: result.errors,
    rps: sorted.length / result.seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    firstError: result.firstError,
  };
}
