import { ALL_SCOPES, DEFAULT_SCOPES, SCOPES } from '../../../../src/core/scopes.js';
import type { Scope } from '../../api/types.js';

export interface ScopeInfo {
  scope: Scope;
  allows: string;
}

/** Every scope the API accepts, with what it allows: the server's own table (src/core/scopes.ts). */
const ALL: ScopeInfo[] = ALL_SCOPES.map((scope) => ({
  scope,
  allows: SCOPES[scope].allows,
}));

/** Reading, acting, and — apart, off by default — moving money. */
export const SCOPE_GROUPS: { title: string; money: boolean; scopes: ScopeInfo[] }[] = [
  {
    title: 'Read',
    money: false,
    scopes: ALL.filter((s) => !SCOPES[s.scope].money && s.scope.endsWith(':read')),
  },
  {
    title: 'Act',
    money: false,
    scopes: ALL.filter((s) => !SCOPES[s.scope].money && !s.scope.endsWith(':read')),
  },
  { title: 'Money', money: true, scopes: ALL.filter((s) => SCOPES[s.scope].money) },
];

export const DEFAULT_GRANT: readonly Scope[] = DEFAULT_SCOPES;

export const isMoneyScope = (scope: Scope): boolean => SCOPES[scope].money;
