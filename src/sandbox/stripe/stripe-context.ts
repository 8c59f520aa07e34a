import type { StripeSandboxState } from './stripe-state.js';

/** What an operation works with: the live state (mutated in place), the clock, and a change mark. */
export interface StripeContext {
  readonly state: StripeSandboxState;
  now(): Date;
  /** Marks the state as changed, so `onChange` runs once the request is answered. */
  changed(): void;
  /** The next value of the state's ordering counter. */
  nextSeq(): number;
}
