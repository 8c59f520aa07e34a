import { describe, expect, it } from 'vitest';
import { createFaults, faultResponse } from './faults.js';

describe('scripted faults', () => {
  it('strike matching requests in order, a bounded number of times, in their own scope', () => {
    const faults = createFaults();
    faults.add({ method: 'POST', path: '/v1/refunds', status: 500, times: 2 });
    faults.add({ path: /^\/v1\/payment_intents/, status: 429 });
    faults.add({ status: 503, scope: 'handler' });

    expect(faults.take('GET', '/v1/refunds', 'edge')).toBeUndefined();
    expect(faults.take('POST', '/v1/refunds', 'edge')?.label).toBe('status 500');
    expect(faults.take('post', '/v1/refunds', 'edge')?.rule.status).toBe(500);
    expect(faults.take('POST', '/v1/refunds', 'edge')).toBeUndefined();
    expect(faults.take('GET', '/v1/payment_intents/pi_1', 'edge')?.rule.status).toBe(429);
    expect(faults.pending()).toBe(1);
    expect(faults.take('GET', '/anything', 'handler')?.rule.status).toBe(503);
    expect(faults.pending()).toBe(0);
    expect(() => faults.add({ times: 0 })).toThrow();
  });

  it('answer with the given body and headers, or the vendor-shaped fallback', async () => {
    const given = faultResponse(
      { status: 429, headers: { 'Retry-After': '2' }, body: 'slow down' },
      { error: 'x' },
    );
    expect([given.status, given.headers.get('retry-after'), await given.text()]).toEqual([
      429,
      '2',
      'slow down',
    ]);
    const fallback = faultResponse({ status: 500 }, { error: { type: 'api_error' } });
    expect(await fallback.json()).toEqual({ error: { type: 'api_error' } });
    await expect(faultResponse({ disconnect: true }, {}).text()).rejects.toThrow();
  });
});
