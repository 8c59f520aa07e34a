/** Dates, times and money as people read them. */

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** "5 min ago", "yesterday", or a date for anything older than a week. */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(iso));
}

/** How many decimals a currency has (USD 2, JPY 0, KWD 3), or null for a code that is not one. */
export function currencyDigits(currency: string): number | null {
  if (!/^[A-Z]{3}$/.test(currency)) return null;
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return null;
  }
}

/** An amount in minor units as money, e.g. 5000 USD → "$50.00". */
export function formatMoney(minor: number, currency: string): string {
  const digits = currencyDigits(currency) ?? 2;
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 10 ** digits);
  } catch {
    return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}

/** Minor units in the major-unit form people type, e.g. 5000 USD → "50.00", 500 JPY → "500". */
export function toMajorText(minor: number, currency: string): string {
  const digits = currencyDigits(currency) ?? 2;
  return (minor / 10 ** digits).toFixed(digits);
}

/**
 * An amount typed in major units ("50", "50.5", "1,250.00") as an integer of minor units, exactly
 * (no floating point), or an error saying what is wrong.
 */
export function parseMoney(text: string, currency: string): { minor: number } | { error: string } {
  const digits = currencyDigits(currency);
  if (digits === null) return { error: 'Pick a currency first (a code such as USD)' };
  const cleaned = text.trim().replace(/[,\s]/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return { error: 'Enter an amount such as 50 or 49.99' };
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > digits)
    return { error: digits ? `At most ${digits} decimals in ${currency}` : `${currency} has no decimals` };
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor) || minor > 1_000_000_000) return { error: 'That amount is too large' };
  return { minor };
}
