export {
  createStripeSandbox,
  type StripeSandbox,
  type StripeSandboxOptions,
} from './create-stripe-sandbox.js';
export type { StripeSandboxState } from './stripe-state.js';
export type {
  TStripeSeedCustomer,
  TStripeSeedPaymentIntent,
  TStripeSeedSubscription,
} from './seed-stripe.js';
export type { Faults, FaultRule, FaultScope } from '../faults.js';
export type { RecordedRequest } from '../recorded-request.js';
