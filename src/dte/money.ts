// Decimal arithmetic exactly as MH computes it: items up to 8 decimals, summaries 2 decimals,
// both rounded half-up. Never binary floats: every value enters through its decimal string.
import { Decimal } from 'decimal.js';

export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

export const ZERO = new D(0);
export const IVA_RATE = new D('0.13'); // Ley IVA 13 % (MH's rules)
export const IVA_DIVISOR = new D('1.13');

/**
 * Decimals are immutable: one made from a short string or a number is kept and handed out again. A document repeats
 * few values (0, 1, its prices) and every one of them is read several times (parsing, building, validating).
 */
const known = new Map<string | number, Dec>();
function decimalOf(v: string | number): Dec {
  let d = known.get(v);
  if (d === undefined) {
    d = new D(typeof v === 'number' ? String(v) : v);
    if (typeof v === 'number' || v.length <= 40) {
      if (known.size >= 10_000) known.clear();
      known.set(v, d);
    }
  }
  return d;
}

export function dec(v: string | number | Dec): Dec {
  return typeof v === 'object' ? new D(v) : decimalOf(v);
}
/** Item-level rounding: 8 decimals, half-up (a value with no more is already its rounding: itself). */
export function r8(v: Dec): Dec {
  return v.decimalPlaces() <= 8 ? v : v.toDecimalPlaces(8, D.ROUND_HALF_UP);
}
/** Summary-level rounding: 2 decimals, half-up (a value with no more is already its rounding: itself). */
export function r2(v: Dec): Dec {
  return v.decimalPlaces() <= 2 ? v : v.toDecimalPlaces(2, D.ROUND_HALF_UP);
}
export function sum(values: readonly Dec[]): Dec {
  return values.reduce((a, b) => a.plus(b), ZERO);
}
/** JSON number in canonical form (13, not 13.0). The value is already rounded, so the string is exact. */
export function num(v: Dec): number {
  return Number(v.toFixed());
}
/** Read a number from a built document back as a Decimal (through its shortest decimal string). */
export function fromJson(v: unknown): Dec | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return null;
  return decimalOf(v);
}
/** Decimal places of a number as JSON writes it (its shortest decimal string). */
export function decimalsOf(v: number): number {
  if (Number.isInteger(v)) return 0; // (what its string says, without writing it: no point, and 1e+21 is whole too)
  const s = String(v);
  // An exponent (1e-7, 1.5e+21) is left to Decimal; a plain decimal string is counted where it stands.
  if (s.includes('e')) return new D(s).decimalPlaces();
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}
