import stringify from 'safe-stable-stringify';
import { sha256Hex } from '../core/crypto.js';
import type { AuditEvent } from '../db/schema.js';

/** The hash of the (empty) predecessor of an account's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** An event's hash covers every field but itself, including its predecessor's hash. */
export function hashEvent(event: Omit<AuditEvent, 'hash'>): string {
  return sha256Hex(
    stringify([
      event.id,
      event.account_id,
      event.seq,
      event.actor_kind,
      event.actor_id,
      event.token_id,
      event.action,
      event.target_type,
      event.target_id,
      event.outcome,
      event.reason,
      event.input,
      event.result,
      event.created_at,
      event.prev_hash,
    ]),
  );
}

export interface ChainBreak {
  seq: number;
  id: string;
  problem: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'head_mismatch';
}

export interface ChainLink {
  seq: number;
  hash: string;
}

export const CHAIN_START: ChainLink = { seq: 0, hash: GENESIS_HASH };

/** Whether `event` correctly follows `previous`; returns what is wrong, or null. */
export function checkLink(previous: ChainLink, event: AuditEvent): ChainBreak | null {
  if (event.seq !== previous.seq + 1) return { seq: event.seq, id: event.id, problem: 'seq_gap' };
  if (event.prev_hash !== previous.hash)
    return { seq: event.seq, id: event.id, problem: 'prev_hash_mismatch' };
  if (hashEvent(event) !== event.hash) return { seq: event.seq, id: event.id, problem: 'hash_mismatch' };
  return null;
}
