import { describe, expect, it } from 'vitest';
import { hashPassword, newSecret, secretBox, verifyPassword } from './crypto.js';

describe('crypto helpers', () => {
  it('hash passwords with scrypt and verify only the right one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain('correct horse');
    await expect(verifyPassword('correct horse battery', stored)).resolves.toBe(true);
    await expect(verifyPassword('wrong horse battery', stored)).resolves.toBe(false);
  });

  it('seal secrets so that only the same master secret opens them', () => {
    const box = secretBox('master-secret-one');
    const sealed = box.seal('dwi_abc');
    expect(sealed).not.toContain('dwi_abc');
    expect(box.open(sealed)).toBe('dwi_abc');
    expect(() => secretBox('master-secret-two').open(sealed)).toThrow();
  });

  it('make prefixed secrets with 32 random bytes', () => {
    const a = newSecret('dwu_');
    expect(a).toMatch(/^dwu_[A-Za-z0-9_-]{43}$/);
    expect(newSecret('dwu_')).not.toBe(a);
  });
});
