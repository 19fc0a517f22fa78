import { Decimal } from 'decimal.js';

/**
 * Display formatting only: amounts come from the DTE JSON already rounded by the builders (MH's rules:
 * items up to 8 decimals, resumen 2), so nothing is recomputed here; decimal.js keeps the printed digits exact.
 */

function groupThousands(integerPart: string): string {
  return integerPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `$1,234.50` — resumen amounts (2 decimals). */
export function money(value: number): string {
  const fixed = new Decimal(value).toFixed(2);
  const negative = fixed.startsWith('-');
  const [int, frac] = (negative ? fixed.slice(1) : fixed).split('.');
  return `${negative ? '-' : ''}$${groupThousands(int!)}.${frac}`;
}

/** Item amounts keep their significant decimals (up to 8), never fewer than 2: `$12.50`, `$0.33333333`. */
export function itemMoney(value: Decimal.Value): string {
  const d = new Decimal(value);
  const places = Math.min(8, Math.max(2, d.decimalPlaces()));
  const fixed = d.toFixed(places);
  const negative = fixed.startsWith('-');
  const [int, frac] = (negative ? fixed.slice(1) : fixed).split('.');
  return `${negative ? '-' : ''}$${groupThousands(int!)}.${frac}`;
}

/** Quantities: as many decimals as given (up to 8), none when whole. */
export function quantity(value: number): string {
  const d = new Decimal(value);
  return d.toFixed(Math.min(8, d.decimalPlaces()));
}

export function percent(value: number): string {
  return `${new Decimal(value).toFixed(2)} %`;
}

export function isZero(value: number): boolean {
  return new Decimal(value).isZero();
}

/** `2026-03-05` → `05/03/2026` (the date order used in El Salvador). Unknown shapes print unchanged. */
export function dateEs(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
