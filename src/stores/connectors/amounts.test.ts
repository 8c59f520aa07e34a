import { describe, expect, it } from 'vitest';
import { currencyExponent, toDecimal, toMinorUnits } from './amounts.js';

describe('amounts', () => {
  it('knows the minor unit of two-, zero- and three-decimal currencies', () => {
    expect([currencyExponent('USD'), currencyExponent('JPY'), currencyExponent('KWD')]).toEqual([2, 0, 3]);
  });

  it('reads decimal strings into minor units exactly', () => {
    expect(toMinorUnits('12.34', 'USD')).toBe(1234);
    expect(toMinorUnits('0.1', 'EUR')).toBe(10);
    expect(toMinorUnits('19.990', 'USD')).toBe(1999);
    expect(toMinorUnits('-5.00', 'USD')).toBe(-500);
    expect(toMinorUnits('1200', 'JPY')).toBe(1200);
    expect(toMinorUnits('1.234', 'KWD')).toBe(1234);
  });

  it('refuses what is not a plain decimal, or more precise than the currency', () => {
    expect(() => toMinorUnits('1e3', 'USD')).toThrow();
    expect(() => toMinorUnits('12.345', 'USD')).toThrow();
    expect(() => toMinorUnits('', 'USD')).toThrow();
  });

  it('writes minor units back as the decimal string a vendor expects', () => {
    expect(toDecimal(1234, 'USD')).toBe('12.34');
    expect(toDecimal(5, 'USD')).toBe('0.05');
    expect(toDecimal(500, 'JPY')).toBe('500');
    expect(toDecimal(-250, 'EUR')).toBe('-2.50');
    for (const n of [0, 1, 99, 100, 123456789]) expect(toMinorUnits(toDecimal(n, 'USD'), 'USD')).toBe(n);
  });
});
