// Small typed readers for the emission body: each reads one field, records a precise issue on failure
// (path relative to the body, stable code) and returns a usable fallback so that all problems are reported at once.
import { type Dec, dec, ZERO } from '../money.js';
import { type DteIssue, issue } from '../model.js';

/** MH's bound on any amount (< 10^11). */
const MH_LIMIT = dec('100000000000');

export type Obj = Record<string, unknown>;

/** The keys read of each object of a body, by the reader that parsed it. */
export type Reads = Map<object, Set<string>>;

export class Reader {
  readonly issues: DteIssue[] = [];

  /** With `reads`, every key read through this reader is noted there, per object (see parseEmission). */
  constructor(readonly reads: Reads | null = null) {}

  readonly warnings: DteIssue[] = [];

  add(path: string, code: string, message: string, params?: Record<string, string | number>): void {
    this.issues.push(issue(path, code, message, params));
  }

  /** Something the engine did on the caller's behalf (the document is still emitted): reported in `warnings`. */
  warn(path: string, code: string, message: string, params?: Record<string, string | number>): void {
    this.warnings.push(issue(path, code, message, params));
  }

  /** `o[key]`, noted when recording. */
  get(o: Obj, key: string): unknown {
    const reads = this.reads;
    if (reads !== null) {
      const keys = reads.get(o);
      if (keys === undefined) reads.set(o, new Set([key]));
      else keys.add(key);
    }
    return o[key];
  }

  isObj(v: unknown): v is Obj {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  }

  object(o: Obj, key: string, path: string, required: boolean): Obj | null {
    const v = this.get(o, key);
    if (v === undefined || v === null) {
      if (required) this.add(join(path, key), 'REQUIRED', `${key} is required`);
      return null;
    }
    if (!this.isObj(v)) {
      this.add(join(path, key), 'INVALID_TYPE', `${key} must be an object`);
      return null;
    }
    return v;
  }

  array(o: Obj, key: string, path: string, opts: { required: boolean; min?: number; max?: number }): unknown[] | null {
    const v = this.get(o, key);
    const p = join(path, key);
    if (v === undefined || v === null) {
      if (opts.required) this.add(p, 'REQUIRED', `${key} is required`);
      return null;
    }
    if (!Array.isArray(v)) {
      this.add(p, 'INVALID_TYPE', `${key} must be an array`);
      return null;
    }
    if (opts.min !== undefined && v.length < opts.min)
      this.add(p, 'TOO_FEW', `${key} needs at least ${opts.min} element(s)`);
    if (opts.max !== undefined && v.length > opts.max)
      this.add(p, 'TOO_MANY', `${key} allows at most ${opts.max} element(s)`);
    return v;
  }

  /** Optional string: undefined/null/'' → null. */
  str(
    o: Obj,
    key: string,
    path: string,
    opts: { required?: boolean; min?: number; max?: number; pattern?: RegExp; patternHint?: string } = {},
  ): string | null {
    const v = this.get(o, key);
    const p = join(path, key);
    if (v === undefined || v === null || v === '') {
      if (opts.required) this.add(p, 'REQUIRED', `${key} is required`);
      return null;
    }
    if (typeof v !== 'string') {
      this.add(p, 'INVALID_TYPE', `${key} must be a string`);
      return null;
    }
    const s = v.trim();
    if (opts.min !== undefined && s.length < opts.min)
      this.add(p, 'TOO_SHORT', `${key} needs at least ${opts.min} characters`);
    if (opts.max !== undefined && s.length > opts.max)
      this.add(p, 'TOO_LONG', `${key} allows at most ${opts.max} characters`);
    if (opts.pattern && !opts.pattern.test(s))
      this.add(p, 'INVALID_FORMAT', `${key} '${s}' must match ${opts.patternHint ?? opts.pattern.source}`);
    return s;
  }

  /** A code that may arrive as number or string ('1' / 1), returned as string; checked against a catalog. */
  code(
    o: Obj,
    key: string,
    path: string,
    catalog: Readonly<Record<string, string>>,
    catName: string,
    opts: { required?: boolean; fallback?: string } = {},
  ): string | null {
    const v = this.get(o, key);
    const p = join(path, key);
    if (v === undefined || v === null || v === '') {
      if (opts.fallback !== undefined) return opts.fallback;
      if (opts.required) this.add(p, 'REQUIRED', `${key} is required (${catName})`);
      return null;
    }
    if (typeof v !== 'string' && typeof v !== 'number') {
      this.add(p, 'INVALID_TYPE', `${key} must be a ${catName} code`);
      return null;
    }
    const s = String(v);
    if (!Object.hasOwn(catalog, s)) {
      this.add(p, 'UNKNOWN_CODE', `${key} '${s}' is not in ${catName}`);
      return null;
    }
    return s;
  }

  /** Decimal from a JSON number or a decimal string (converted through String(), never float arithmetic). */
  decimal(
    o: Obj,
    key: string,
    path: string,
    opts: { required?: boolean; fallback?: string; min?: string; positive?: boolean; maxDecimals?: number } = {},
  ): Dec | null {
    const v = this.get(o, key);
    const p = join(path, key);
    if (v === undefined || v === null || v === '') {
      if (opts.fallback !== undefined) return dec(opts.fallback);
      if (opts.required) this.add(p, 'REQUIRED', `${key} is required`);
      return null;
    }
    const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : null;
    if (
      s === null ||
      !/^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)(e[-+]?[0-9]+)?$/i.test(s) ||
      (typeof v === 'number' && !Number.isFinite(v))
    ) {
      this.add(p, 'INVALID_NUMBER', `${key} must be a decimal number (JSON number or string like "12.50")`);
      return null;
    }
    const d = dec(s);
    if (opts.positive && !d.gt(ZERO)) this.add(p, 'NOT_POSITIVE', `${key} must be greater than 0`);
    if (opts.min !== undefined && d.lt(dec(opts.min))) this.add(p, 'TOO_SMALL', `${key} must be ≥ ${opts.min}`);
    if (d.abs().gte(MH_LIMIT)) this.add(p, 'TOO_LARGE', `${key} must be < 100000000000 (MH limit)`);
    const maxDp = opts.maxDecimals ?? 8;
    if (d.decimalPlaces() > maxDp)
      this.add(
        p,
        'TOO_MANY_DECIMALS',
        `${key} allows at most ${maxDp} decimals (MH: 8 decimals on items, 2 on totals)`,
      );
    return d;
  }

  int(
    o: Obj,
    key: string,
    path: string,
    opts: { required?: boolean; fallback?: number; allowed?: readonly number[]; min?: number; max?: number } = {},
  ): number | null {
    const v = this.get(o, key);
    const p = join(path, key);
    if (v === undefined || v === null || v === '') {
      if (opts.fallback !== undefined) return opts.fallback;
      if (opts.required) this.add(p, 'REQUIRED', `${key} is required`);
      return null;
    }
    const n = typeof v === 'string' && /^[0-9]+$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n)) {
      this.add(p, 'INVALID_TYPE', `${key} must be an integer`);
      return null;
    }
    if (opts.allowed && !opts.allowed.includes(n)) {
      this.add(p, 'NOT_ALLOWED', `${key} must be one of ${opts.allowed.join(', ')}`);
      return null;
    }
    if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
      this.add(p, 'OUT_OF_RANGE', `${key} must be between ${opts.min} and ${opts.max}`);
      return null;
    }
    return n;
  }

  bool(o: Obj, key: string, path: string): boolean {
    const v = this.get(o, key);
    if (v === undefined || v === null) return false;
    if (typeof v !== 'boolean') {
      this.add(join(path, key), 'INVALID_TYPE', `${key} must be true or false`);
      return false;
    }
    return v;
  }
}

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}
