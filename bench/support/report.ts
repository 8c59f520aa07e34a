import type { ScenarioResult } from './measure.js';

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

export interface Target {
  label: string;
  value: number;
  limit: number;
  unit: string;
}

/** One table per database: throughput and latency per scenario, and each p50 against the baseline's. */
export function printTable(
  title: string,
  results: readonly (ScenarioResult & { serverCpuMs: number })[],
  baselineP50: number,
): void {
  const header = [
    'scenario',
    'requests',
    'errors',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'p50 / baseline',
    'server CPU ms/req',
  ];
  const rows = results.map((r) => [
    r.name,
    String(r.requests),
    String(r.errors),
    fmt(r.rps, 0),
    fmt(r.p50),
    fmt(r.p95),
    fmt(r.p99),
    `${fmt(r.p50 / baselineP50, 1)}×`,
    fmt(r.serverCpuMs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  for (const r of results) if (r.firstError) console.log(`  ! ${r.name}: ${r.firstError}`);
}

export function printTargets(targets: readonly Target[]): boolean {
  let ok = true;
  for (const t of targets) {
    const met = t.value < t.limit;
    ok &&= met;
    console.log(
      `  ${met ? 'met   ' : 'MISSED'}  ${t.label}: ${fmt(t.value)} ${t.unit} (target < ${t.limit} ${t.unit})`,
    );
  }
  return ok;
}

export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
