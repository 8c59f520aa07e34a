/**
 * Minor units ↔ decimal strings, per currency. The vendors agree with ISO 4217 on the currencies
 * that matter here: zero-decimal ones (JPY, KRW, …) count whole units, three-decimal ones (KWD,
 * BHD, …) thousandths, everything else cents.
 */
const ZERO_DECIMAL = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'JPY',
  'KMF',
  'KRW',
  'MGA',
  'PYG',
  'RWF',
  'UGX',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);
const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

export function currencyDecimals(currency: string): number {
  const code = currency.toUpperCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

/** 1999 USD → "19.99"; 500 JPY → "500"; 1999 KWD → "1.999". */
export function minorToDecimal(amount: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  const negative = amount < 0;
  const digits = String(Math.abs(amount)).padStart(decimals + 1, '0');
  const whole = decimals === 0 ? digits : digits.slice(0, -decimals);
  const fraction = decimals === 0 ? '' : `.${digits.slice(-decimals)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * "19.99" USD → 1999. Accepts fewer decimals than the currency has ("19.9", "20"); refuses more,
 * or anything that is not a plain decimal number, with null.
 */
export function decimalToMinor(value: string, currency: string): number | null {
  const match = /^(-)?(\d{1,13})(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return null;
  const decimals = currencyDecimals(currency);
  const fraction = match[3] ?? '';
  if (fraction.length > decimals && !/^0*$/.test(fraction.slice(decimals))) return null;
  const minor = Number(`${match[2]}${fraction.slice(0, decimals).padEnd(decimals, '0')}`);
  return match[1] ? -minor : minor;
}

/** A human amount as vendors print it in messages: "$19.99", "€5.00", "¥500". */
export function formatMoney(amount: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(amount / 10 ** decimals);
}
