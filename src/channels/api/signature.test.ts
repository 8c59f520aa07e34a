import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './signature.js';

const SECRET = 'dwi_test-secret';
const BODY = JSON.stringify({ event: 'message.outgoing', message: { content: 'Héllo 👋' } });
const NOW = new Date('2030-01-01T12:00:00Z');
const TS = Math.floor(NOW.getTime() / 1000);

describe('webhook signatures', () => {
  it('signs "<timestamp>.<raw body>" with HMAC-SHA256 keyed by the inbox secret, as hex', () => {
    const expected = createHmac('sha256', SECRET).update(`${TS}.${BODY}`).digest('hex');
    expect(signWebhook(SECRET, TS, BODY)).toBe(`sha256=${expected}`);
  });

  it('verifies a signature it made', () => {
    const signature = signWebhook(SECRET, TS, BODY);
    expect(verifyWebhook(SECRET, { timestamp: String(TS), signature }, BODY, { now: NOW })).toBe(true);
  });

  it('refuses a tampered body, a changed timestamp or another secret', () => {
    const signature = signWebhook(SECRET, TS, BODY);
    const headers = { timestamp: String(TS), signature };
    expect(verifyWebhook(SECRET, headers, BODY.replace('Héllo', 'Hello'), { now: NOW })).toBe(false);
    expect(verifyWebhook(SECRET, { ...headers, timestamp: String(TS + 1) }, BODY, { now: NOW })).toBe(false);
    expect(verifyWebhook('dwi_other-secret', headers, BODY, { now: NOW })).toBe(false);
  });

  it('refuses a timestamp older or newer than the tolerance', () => {
    const old = TS - 301;
    const stale = { timestamp: String(old), signature: signWebhook(SECRET, old, BODY) };
    expect(verifyWebhook(SECRET, stale, BODY, { now: NOW })).toBe(false);
    expect(verifyWebhook(SECRET, stale, BODY, { now: NOW, toleranceSeconds: 600 })).toBe(true);
    const future = TS + 301;
    const early = { timestamp: String(future), signature: signWebhook(SECRET, future, BODY) };
    expect(verifyWebhook(SECRET, early, BODY, { now: NOW })).toBe(false);
  });

  it('refuses missing or malformed headers without throwing', () => {
    const signature = signWebhook(SECRET, TS, BODY);
    expect(verifyWebhook(SECRET, { timestamp: null, signature }, BODY, { now: NOW })).toBe(false);
    expect(verifyWebhook(SECRET, { timestamp: String(TS), signature: null }, BODY, { now: NOW })).toBe(false);
    expect(verifyWebhook(SECRET, { timestamp: 'soon', signature }, BODY, { now: NOW })).toBe(false);
    expect(verifyWebhook(SECRET, { timestamp: `${TS}.5`, signature }, BODY, { now: NOW })).toBe(false);
    expect(verifyWebhook(SECRET, { timestamp: String(TS), signature: 'sha256=00' }, BODY, { now: NOW })).toBe(
      false,
    );
    expect(
      verifyWebhook(SECRET, { timestamp: String(TS), signature: signature.toUpperCase() }, BODY, {
        now: NOW,
      }),
    ).toBe(false);
  });
});
