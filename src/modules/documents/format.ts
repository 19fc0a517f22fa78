import { Decimal } from 'decimal.js';

/**
 * Display formatting only: amounts come from the DTE JSON already rounded by the builders (MH's rules:
 * items up to 8 decimals, resumen 2), so nothing is recomputed here; decimal.js keeps the printed digits exact.
 */

function groupThousands(integerPart: string): string {
  return integerPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * `value` with exactly `places` decimals when that needs no rounding: a non-negative number whose shortest decimal
 * form (the digits decimal.js reads from a number) has at most `places` decimals and no exponent, padded with zeros;
 * else null, and decimal.js formats it. The amounts of a DTE are already rounded, so this is the usual case, without
 * a Decimal per printed amount.
 */
function paddedFixed(value: number, places: number): string | null {
  if (!(value >= 0)) return null;
  const s = String(value);
  if (s.includes('e')) return null;
  const dot = s.indexOf('.');
  const decimals = dot < 0 ? 0 : s.length - dot - 1;
  if (decimals > places) return null;
  if (places === 0) return s;
  return `${dot < 0 ? `${s}.` : s}${'0'.repeat(places - decimals)}`;
}

/** Decimals of a number's shortest decimal form (decimal.js's decimalPlaces()), or null when decimal.js must say. */
function plainDecimals(value: number): number | null {
  if (!(value >= 0)) return null;
  const s = String(value);
  if (s.includes('e')) return null;
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** `$1,234.50` — resumen amounts (2 decimals). */
export function money(value: number): string {
  const fixed = paddedFixed(value, 2) ?? new Decimal(value).toFixed(2);
  const negative = fixed.startsWith('-');
  const [int, frac] = (negative ? fixed.slice(1) : fixed).split('.');
  return `${negative ? '-' : ''}$${groupThousands(int!)}.${frac}`;
}

/** Item amounts keep their significant decimals (up to 8), never fewer than 2: `$12.50`, `$0.33333333`. */
export function itemMoney(value: Decimal.Value): string {
  const plain = typeof value === 'number' ? plainDecimals(value) : null;
  let fixed: string;
  if (plain !== null && plain <= 8) fixed = paddedFixed(value as number, Math.max(2, plain))!;
  else {
    const d = new Decimal(value);
    fixed = d.toFixed(Math.min(8, Math.max(2, d.decimalPlaces())));
  }
  const negative = fixed.startsWith('-');
  const [int, frac] = (negative ? fixed.slice(1) : fixed).split('.');
  return `${negative ? '-' : ''}$${groupThousands(int!)}.${frac}`;
}

/** Quantities: as many decimals as given (up to 8), none when whole. */
export function quantity(value: number): string {
  const plain = plainDecimals(value);
  if (plain !== null && plain <= 8) return paddedFixed(value, plain)!;
  const d = new Decimal(value);
  return d.toFixed(Math.min(8, d.decimalPlaces()));
}

export function percent(value: number): string {
  return `${paddedFixed(value, 2) ?? new Decimal(value).toFixed(2)} %`;
}

/** Whether an amount is zero: a JS number other than ±0 is never zero as a Decimal either (no Decimal needed). */
export function isZero(value: number): boolean {
  return value === 0;
}

/** `2026-03-05` → `05/03/2026` (the date order used in El Salvador). Unknown shapes print unchanged. */
export function dateEs(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
