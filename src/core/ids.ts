import { monotonicFactory } from 'ulid';

const ulid = monotonicFactory();

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
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

/** Time-ordered (ULID), so ids sort by creation and make stable pagination cursors. */
export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${ulid()}`;
}
