/**
 * Bulk loading runs in a child process, so the memory it needs (SQLite's bulk-load page cache,
 * row batches) is not counted in the server's RSS. The plan is rebuilt here from the same sizes,
 * clock and seed, so it is the very plan the parent holds.
 */
import { fork } from 'node:child_process';
import { loadPostgres } from './load-postgres.js';
import { loadSqlite } from './load-sqlite.js';
import { planSeed, type PlanSize } from './plan.js';
import type { SeedTargets } from './rows.js';

export interface SeedJob {
  dialect: 'sqlite' | 'postgres';
  url: string;
  size: PlanSize;
  nowMs: number;
  targets: SeedTargets;
}

type SeedMessage = { step: string } | { done: true } | { error: string };

/** Loads the plan's rows in a child process; `step` is called as each stage ends. */
export function loadInChild(job: SeedJob, step: (name: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL(import.meta.url), ['--child'], { stdio: 'inherit' });
    let settled = false;
    child.on('message', (message: SeedMessage) => {
      if ('step' in message) step(message.step);
      else if ('done' in message) {
        settled = true;
        resolve();
      } else {
        settled = true;
        reject(new Error(message.error));
      }
    });
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`seeding process exited with ${code}`));
    });
    child.send(job);
  });
}

async function runChild(job: SeedJob): Promise<void> {
  const plan = planSeed(job.size, job.nowMs);
  const step = (name: string) => process.send!({ step: name } satisfies SeedMessage);
  if (job.dialect === 'sqlite') loadSqlite(job.url, plan, job.targets, step);
  else await loadPostgres(job.url, plan, job.targets, step);
}

if (process.argv.includes('--child')) {
  process.once('message', (job: SeedJob) => {
    runChild(job).then(
      () => process.send!({ done: true } satisfies SeedMessage, () => process.exit(0)),
      (error: unknown) => {
        const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
        process.send!({ error: text } satisfies SeedMessage, () => process.exit(1));
      },
    );
  });
}
