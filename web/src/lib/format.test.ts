import { describe, expect, it } from 'vitest';
import { currencyDigits, formatMoney, parseMoney, toMajorText } from './format.js';

describe('money as people type it', () => {
  it('turns major units into exact minor units, per currency', () => {
    expect(parseMoney('50', 'USD')).toEqual({ minor: 5000 });
    expect(parseMoney('49.99', 'USD')).toEqual({ minor: 4999 });
    expect(parseMoney('0.1', 'EUR')).toEqual({ minor: 10 });
    expect(parseMoney('1,250.50', 'GBP')).toEqual({ minor: 125050 });
    expect(parseMoney('500', 'JPY')).toEqual({ minor: 500 });
    expect(parseMoney('1.234', 'KWD')).toEqual({ minor: 1234 });
  });

  it('refuses what is not an amount, or has more decimals than the currency', () => {
    expect(parseMoney('12.345', 'USD')).toEqual({ error: 'At most 2 decimals in USD' });
    expect(parseMoney('5.5', 'JPY')).toEqual({ error: 'JPY has no decimals' });
    expect(parseMoney('-5', 'USD')).toHaveProperty('error');
    expect(parseMoney('ten', 'USD')).toHaveProperty('error');
    expect(parseMoney('5', 'US')).toHaveProperty('error');
    expect(parseMoney('99999999999', 'USD')).toEqual({ error: 'That amount is too large' });
  });

  it('shows minor units back in major units', () => {
    expect(toMajorText(5000, 'USD')).toBe('50.00');
    expect(toMajorText(500, 'JPY')).toBe('500');
    expect(currencyDigits('usd')).toBeNull();
    expect(formatMoney(12000, 'USD')).toMatch(/120\.00/);
  });
});
