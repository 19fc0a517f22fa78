// Exact integer arithmetic on the amounts of a built document, for the checks that run on every emission: a JSON
// number with at most 8 decimals (MH's item precision) is a whole count of 1e-8 units. Each helper answers only when
// the integers stay exact (safe integers, products and rational comparisons as bigint); otherwise it answers null and
// the caller computes with Decimal, as before. Used only to confirm that a check passes: whatever fails, or cannot be
// told here, is decided (and worded) by the Decimal code.
import { type Dec, dec } from './money.js';

/** Units of 1e-8 per 1. */
const U = 100_000_000;
/** Below this magnitude a double holds every 8-decimal value apart (its spacing is under 1e-8): 2^26 > 6.7e7. */
const MAX_VALUE = 10_000_000;

/**
 * A JSON number as a count of 1e-8 units: exact when the number's shortest decimal has at most 8 decimals (the
 * division back gives the very same double only then) and its magnitude is below 1e7. A non-number counts as 0 (the
 * checks read a missing amount as 0); null when the number cannot be counted exactly.
 */
export function units8(v: unknown): number | null {
  if (typeof v !== 'number') return 0;
  if (!(v > -MAX_VALUE && v < MAX_VALUE)) return null; // also NaN and the infinities
  const u = Math.round(v * U);
  return u / U === v ? u : null;
}

/** The sum of the units of `key` over the lines, or null when one of them or a partial sum leaves exact integers. */
export function sumUnits(items: readonly Record<string, unknown>[], key: string): number | null {
  let acc = 0;
  for (const it of items) {
    const u = units8(it[key]);
    if (u === null) return null;
    acc += u;
    if (!Number.isSafeInteger(acc)) return null;
  }
  return acc;
}

/** |a − b| ≤ 0.01, both in units (safe integers, so their difference is exact). */
export function withinCent(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1_000_000;
}

/** 1e8 as a bigint: a product of two unit counts is in units of 1e-16. */
const UB = 100_000_000n;

/**
 * |actual − (cantidad × precio − descuento)| ≤ 0.01, every value in units of 1e-8: the product exactly, in units of
 * 1e-16 (MH's line rule: ventaGravada = cantidad × precioUni − montoDescu).
 */
export function lineWithinCent(actual: number, cantidad: number, precio: number, descuento: number): boolean {
  const expected = BigInt(cantidad) * BigInt(precio) - BigInt(descuento) * UB;
  const diff = BigInt(actual) * UB - expected;
  const tol = 1_000_000n * UB;
  return diff <= tol && diff >= -tol;
}

/**
 * |actual − IVA of gravada| ≤ 0.01 in units: IVA included in the price (gravada / 1.13 × 0.13 = 13 gravada / 113) or
 * added to it (13 gravada / 100). Compared as integers: |k·actual − 13·gravada| ≤ k·0.01, k the divisor. The included
 * case keeps one 1e-8 unit of margin short of the limit, so that a value that far from 13/113 can never be judged
 * otherwise by Decimal's 40-digit quotient; at the limit itself the caller decides with Decimal.
 */
export function ivaWithinCent(actual: number, gravada: number, included: boolean): boolean {
  const k = included ? 113n : 100n;
  const diff = k * BigInt(actual) - 13n * BigInt(gravada);
  const tol = k * 1_000_000n - (included ? 1n : 0n);
  return diff <= tol && diff >= -tol;
}

/**
 * A number as Decimal's `toFixed(2)` (half-up) writes its shortest decimal, for a number that already has at most 2
 * decimals (then it is that decimal, with its two places); null for any other (the caller asks Decimal).
 */
export function fixed2(v: number): string | null {
  if (!(v > -1e13 && v < 1e13)) return null;
  const c = Math.round(v * 100);
  if (c / 100 !== v) return null;
  const a = Math.abs(c);
  const cents = a % 100;
  return `${c < 0 ? '-' : ''}${(a - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}

/**
 * value × num / den rounded half-up to `places` decimals, computed exactly in integers: what Decimal gives for MH's
 * IVA quotients (an amount / 1.13 × 0.13, / 1.13 × 0.01) without its 40-digit division. For a value of at most 8
 * decimals that is not negative; null for any other (the caller then computes with Decimal).
 */
export function ratioRounded(value: Dec, num: bigint, den: bigint, places: 2 | 8): Dec | null {
  if (!value.isFinite() || value.isNeg() || value.decimalPlaces() > 8) return null;
  const n = BigInt(value.toFixed(8).replace('.', '')) * num;
  const d = den * (places === 8 ? 1n : 1_000_000n);
  let q = n / d;
  if ((n % d) * 2n >= d) q += 1n;
  const t = q.toString().padStart(places + 1, '0');
  return dec(`${t.slice(0, -places)}.${t.slice(-places)}`);
}
