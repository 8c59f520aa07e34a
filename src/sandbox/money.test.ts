import { describe, expect, it } from 'vitest';
import { decimalToMinor, formatMoney, minorToDecimal } from './money.js';

describe('sandbox money', () => {
  it('writes minor units as the decimal strings vendors use, per currency', () => {
    expect(minorToDecimal(1999, 'usd')).toBe('19.99');
    expect(minorToDecimal(5, 'EUR')).toBe('0.05');
    expect(minorToDecimal(-250, 'USD')).toBe('-2.50');
    expect(minorToDecimal(500, 'JPY')).toBe('500');
    expect(minorToDecimal(1999, 'KWD')).toBe('1.999');
  });

  it('reads decimal strings back exactly, and refuses more precision than the currency has', () => {
    expect(decimalToMinor('19.9', 'USD')).toBe(1990);
    expect(decimalToMinor('20', 'USD')).toBe(2000);
    expect(decimalToMinor('19.990', 'USD')).toBe(1999);
    expect(decimalToMinor('19.999', 'USD')).toBeNull();
    expect(decimalToMinor('1e3', 'USD')).toBeNull();
    expect(decimalToMinor('500.0', 'JPY')).toBe(500);
  });

  it('prints amounts the way vendors word them in messages', () => {
    expect(formatMoney(6000, 'usd')).toBe('$60.00');
    expect(formatMoney(9599, 'eur')).toBe('€95.99');
    expect(formatMoney(500, 'jpy')).toBe('¥500');
  });
});
