/**
 * Scripted failures for the local vendor servers: the next matching requests answer with a chosen
 * status, arrive late, drop the connection, or do their work and only then fail — the case where
 * the vendor moved money but the caller never heard, which crash and timeout reconciliation must
 * survive.
 */

/** Where a fault strikes. */
export type FaultScope =
  /**
   * In front of the vendor's application (load balancer, rate limiter): nothing is executed and an
   * idempotent vendor stores nothing, so a retry with the same key runs for real.
   */
  | 'edge'
  /**
   * Inside the vendor's application: an idempotent vendor (Stripe) stores this failure as the key's
   * result and replays it to every retry with that key.
   */
  | 'handler';

export interface FaultRule {
  /** Only requests with this method (any when absent). */
  method?: string;
  /** Only requests whose path equals this string or matches this pattern (any when absent). */
  path?: string | RegExp;
  /** Answer with this status instead of the real response (keep the real response when absent). */
  status?: number;
  /** The body to answer with (JSON-encoded unless a string); a vendor-shaped error when absent. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (to trigger client timeouts). */
  delayMs?: number;
  /** Do the real work first, then fail the response (or delay it, or drop it). */
  afterWork?: boolean;
  /** Drop the connection instead of answering. */
  disconnect?: boolean;
  /** How many matching requests this rule strikes (1 when absent). */
  times?: number;
  /** Let this many matching requests through before striking (0 when absent). */
  skip?: number;
  /** 'edge' when absent. */
  scope?: FaultScope;
}

/** A rule as it strikes one request. */
export interface StruckFault {
  readonly rule: FaultRule;
  /** A short description for the request log, e.g. `status 500 after work`. */
  readonly label: string;
}

export interface Faults {
  /** Queues a rule; rules strike in the order they were added. */
  add(rule: FaultRule): void;
  /** Forgets every queued rule. */
  clear(): void;
  /** How many strikes are still queued, over all rules. */
  pending(): number;
  /** Takes the first rule matching this request in this scope and counts it down. */
  take(method: string, path: string, scope: FaultScope): StruckFault | undefined;
}

interface QueuedRule {
  rule: FaultRule;
  left: number;
  skip: number;
}

export function createFaults(): Faults {
  let queue: QueuedRule[] = [];
  return {
    add(rule) {
      const times = rule.times ?? 1;
      if (!Number.isInteger(times) || times < 1) throw new Error('A fault needs times ≥ 1');
      queue.push({ rule, left: times, skip: rule.skip ?? 0 });
    },
    clear() {
      queue = [];
    },
    pending() {
      return queue.reduce((sum, q) => sum + q.left, 0);
    },
    take(method, path, scope) {
      const found = queue.find((q) => matches(q.rule, method, path, scope));
      if (!found) return undefined;
      if (found.skip > 0) {
        found.skip -= 1;
        return undefined;
      }
      found.left -= 1;
      if (found.left === 0) queue = queue.filter((q) => q !== found);
      return { rule: found.rule, label: describeFault(found.rule) };
    },
  };
}

function matches(rule: FaultRule, method: string, path: string, scope: FaultScope): boolean {
  if ((rule.scope ?? 'edge') !== scope) return false;
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.path === undefined) return true;
  return typeof rule.path === 'string' ? rule.path === path : rule.path.test(path);
}

function describeFault(rule: FaultRule): string {
  const parts: string[] = [];
  if (rule.disconnect) parts.push('disconnect');
  else if (rule.status !== undefined) parts.push(`status ${rule.status}`);
  if (rule.delayMs !== undefined) parts.push(`delay ${rule.delayMs}ms`);
  if (rule.afterWork) parts.push('after work');
  return parts.join(', ') || 'none';
}

/** True when the rule replaces the vendor's answer (rather than only delaying it). */
export function replacesResponse(rule: FaultRule): boolean {
  return rule.disconnect === true || rule.status !== undefined;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The response a fault answers with. `fallbackBody` is the vendor's own error shape for the status.
 * A disconnect destroys the socket when served over Node's HTTP server (`env.outgoing`), and
 * otherwise (in-process `app.fetch`) answers with a body that fails to read.
 */
export function faultResponse(rule: FaultRule, fallbackBody: unknown, env?: unknown): Response {
  if (rule.disconnect) {
    if (destroySocket(env)) return new Response(null, { status: 200 });
    return new Response(
      new ReadableStream({
        start(controller) {
          controller.error(new Error('connection dropped by a scripted fault'));
        },
      }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );
  }
  const body = rule.body ?? fallbackBody;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers = new Headers(rule.headers);
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return new Response(text, { status: rule.status ?? 500, headers });
}

function destroySocket(env: unknown): boolean {
  if (typeof env !== 'object' || env === null || !('outgoing' in env)) return false;
  const outgoing: unknown = env.outgoing;
  if (typeof outgoing !== 'object' || outgoing === null || !('destroy' in outgoing)) return false;
  const destroy: unknown = outgoing.destroy;
  if (typeof destroy !== 'function') return false;
  destroy.call(outgoing);
  return true;
}
