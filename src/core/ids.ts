import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

/**
 * Random bytes for ids, drawn from the system CSPRNG a pool at a time: ulid's default asks Web
 * Crypto for one byte per character, sixteen calls per id, which showed as a tenth of an agent
 * call's CPU time. Same quality of randomness, one call per 256 ids.
 */
const pool = Buffer.alloc(4096);
let pooled = pool.length;
function pooledRandom(): number {
  if (pooled >= pool.length) {
    randomFillSync(pool);
    pooled = 0;
  }
  return pool[pooled++]! / 256;
}

const ulid = monotonicFactory(pooledRandom);

/** Prefixes say what an id names, so a log line or an audit event reads on its own. */
export const ID_PREFIXES = {
  account: 'acct',
  user: 'usr',
  session: 'sess',
  userToken: 'utok',
  inbox: 'inbox',
  contact: 'ct',
  conversation: 'conv',
  message: 'msg',
  delivery: 'dlv',
  audit: 'evt',
  agent: 'agt',
  agentToken: 'atok',
  approval: 'apr',
  store: 'store',
  moneyAction: 'money',
  attachment: 'att',
  visitor: 'vis',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

/** Time-ordered (ULID), so ids sort by creation and make stable pagination cursors. */
export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${ulid()}`;
}
