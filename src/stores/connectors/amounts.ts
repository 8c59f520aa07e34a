/** Digits after the decimal point in a currency's minor unit (USD 2, JPY 0, KWD 3), from ICU. */
export function currencyExponent(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/**
 * A vendor's decimal string ("12.34", "-5.00", "1200") as an integer of minor units, exactly
 * (no floating point); a sign is kept. Throws on anything that is not a plain decimal.
 */
export function toMinorUnits(decimal: string, currency: string): number {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!match) throw new Error(`Not a decimal amount: ${JSON.stringify(decimal.slice(0, 40))}`);
  const [, sign, whole, fraction = ''] = match;
  const exponent = currencyExponent(currency);
  const kept = fraction.padEnd(exponent, '0');
  if (/[^0]/.test(kept.slice(exponent))) throw new Error(`More precision than ${currency} has: ${decimal}`);
  const minor = Number(`${whole}${kept.slice(0, exponent)}`);
  return sign ? -minor : minor;
}

/** Minor units as the vendor's decimal string: 1234 USD → "12.34", 500 JPY → "500". */
export function toDecimal(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const text = exponent ? `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}` : digits;
  return minor < 0 ? `-${text}` : text;
}
