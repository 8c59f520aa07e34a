import { describe, expect, it } from 'vitest';
import { identityHash, originAllowed, verifyIdentity } from './identity.js';

describe('web chat identity and origins', () => {
  const secret = 'dwi_example-secret';

  it('accepts the HMAC-SHA256 of the user id keyed by the inbox secret, in either case', () => {
    const hash = identityHash(secret, 'user-42');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyIdentity(secret, 'user-42', hash)).toBe(true);
    expect(verifyIdentity(secret, 'user-42', hash.toUpperCase())).toBe(true);
  });

  it('refuses a hash of another user id, another secret, or of the wrong length', () => {
    expect(verifyIdentity(secret, 'user-43', identityHash(secret, 'user-42'))).toBe(false);
    expect(verifyIdentity(secret, 'user-42', identityHash('dwi_other', 'user-42'))).toBe(false);
    expect(verifyIdentity(secret, 'user-42', 'abcd')).toBe(false);
  });

  it('allows listed origins only, and any origin only when "*" is listed', () => {
    expect(originAllowed(['https://shop.example'], 'https://shop.example')).toBe(true);
    expect(originAllowed(['https://shop.example'], 'https://evil.example')).toBe(false);
    expect(originAllowed(['https://shop.example'], 'http://shop.example')).toBe(false);
    expect(originAllowed(['https://shop.example'], undefined)).toBe(false);
    expect(originAllowed(['*'], 'https://anywhere.example')).toBe(true);
    expect(originAllowed(['*'], 'null')).toBe(false);
    expect(originAllowed([], 'https://shop.example')).toBe(false);
  });
});
