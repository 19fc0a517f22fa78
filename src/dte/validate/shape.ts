// A minimal structural checker (the project's own, independent of MH's JSON files, which are reference material only):
// types, required keys (every key of a shape is required unless listed optional), no additional properties, lengths,
// patterns, enums, numeric bounds and decimal places (8 for items, 2 for summaries).
import { type DteIssue, issue } from '../model.js';
import { decimalsOf } from '../money.js';

interface Base {
  nullable?: boolean;
}
export interface StrShape extends Base {
  k: 'str';
  min?: number;
  max?: number;
  re?: RegExp;
  enum?: readonly string[];
  date?: boolean;
}
export interface NumShape extends Base {
  k: 'num';
  int?: boolean;
  min?: number;
  max?: number;
  exMin?: number;
  exMax?: number;
  dp?: number;
  enum?: readonly number[];
}
export interface ObjShape extends Base {
  k: 'obj';
  props: Record<string, Shape>;
  optional?: readonly string[];
}
export interface ArrShape extends Base {
  k: 'arr';
  of: Shape;
  min?: number;
  max?: number;
  unique?: boolean;
}
export type Shape = StrShape | NumShape | ObjShape | ArrShape;

export const str = (o: Omit<StrShape, 'k'> = {}): StrShape => ({ k: 'str', ...o });
export const num = (o: Omit<NumShape, 'k'> = {}): NumShape => ({ k: 'num', ...o });
export const int = (o: Omit<NumShape, 'k' | 'int'> = {}): NumShape => ({ k: 'num', int: true, ...o });
export const obj = (props: Record<string, Shape>, o: Omit<ObjShape, 'k' | 'props'> = {}): ObjShape => ({
  k: 'obj',
  props,
  ...o,
});
export const arr = (of: Shape, o: Omit<ArrShape, 'k' | 'of'> = {}): ArrShape => ({ k: 'arr', of, ...o });
export function nul<S extends Shape>(s: S): S {
  return { ...s, nullable: true };
}

const LIMIT = 100_000_000_000;
/** Item amount: ≥ 0, < 10^11, 8 decimals. */
export const m8 = (): NumShape => num({ min: 0, exMax: LIMIT, dp: 8 });
/** Signed item amount (cargos/abonos, CL). */
export const m8s = (): NumShape => num({ exMin: -LIMIT, exMax: LIMIT, dp: 8 });
/** Summary amount: ≥ 0, < 10^11, 2 decimals. */
export const m2 = (): NumShape => num({ min: 0, exMax: LIMIT, dp: 2 });
export const m2s = (): NumShape => num({ exMin: -LIMIT, exMax: LIMIT, dp: 2 });

const DATE = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A real calendar date written YYYY-MM-DD: the proleptic Gregorian calendar, as a Date counts it (a Date and its ISO
 * text cost ≈ 2 µs a date; counting the month's days ≈ 0.2).
 */
export function isCalendarDate(v: string): boolean {
  if (!DATE.test(v)) return false;
  const day = (v.charCodeAt(8) - 48) * 10 + v.charCodeAt(9) - 48;
  if (day <= 28) return true;
  const month = (v.charCodeAt(5) - 48) * 10 + v.charCodeAt(6) - 48;
  if (month !== 2) return day <= MONTH_DAYS[month - 1]!;
  const year = Number(v.slice(0, 4));
  return day === 29 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/**
 * Where a value sits, made into its text (`resumen.tributos[0].codigo`) only when an issue names it: a sound document
 * builds no path at all.
 */
type PathRef = string | { up: PathRef; key: string | number };

function pathText(p: PathRef): string {
  if (typeof p === 'string') return p;
  const up = pathText(p.up);
  return typeof p.key === 'number' ? `${up}[${p.key}]` : up ? `${up}.${p.key}` : p.key;
}

export function checkShape(v: unknown, s: Shape, path: string, out: DteIssue[]): void {
  check(v, s, path, out);
}

function check(v: unknown, s: Shape, path: PathRef, out: DteIssue[]): void {
  if (v === null) {
    if (!s.nullable) {
      const p = pathText(path);
      out.push(issue(p, 'NULL_NOT_ALLOWED', `${p} must not be null`));
    }
    return;
  }
  switch (s.k) {
    case 'str':
      if (typeof v !== 'string' || !strSound(v, s)) checkStr(v, s, pathText(path), out);
      return;
    case 'num':
      if (typeof v !== 'number' || !numSound(v, s)) checkNum(v, s, pathText(path), out);
      return;
    case 'obj':
      checkObj(v, s, path, out);
      return;
    case 'arr':
      checkArr(v, s, path, out);
      return;
  }
}

/** A sound leaf (a null where allowed, a string or number within its shape): nothing to check further, no path. */
function soundLeaf(v: unknown, s: Shape): boolean {
  if (v === null) return !!s.nullable;
  if (s.k === 'str') return typeof v === 'string' && strSound(v, s);
  if (s.k === 'num') return typeof v === 'number' && numSound(v, s);
  return false;
}

/** The common case of checkStr, without building a path or a message. */
function strSound(v: string, s: StrShape): boolean {
  return (
    (s.min === undefined || v.length >= s.min) &&
    (s.max === undefined || v.length <= s.max) &&
    (!s.re || s.re.test(v)) &&
    (!s.enum || s.enum.includes(v)) &&
    !s.date
  );
}

/** The common case of checkNum, without building a path or a message. */
function numSound(v: number, s: NumShape): boolean {
  return (
    Number.isFinite(v) &&
    (!s.int || Number.isInteger(v)) &&
    (!s.enum || s.enum.includes(v)) &&
    (s.min === undefined || v >= s.min) &&
    (s.max === undefined || v <= s.max) &&
    (s.exMin === undefined || v > s.exMin) &&
    (s.exMax === undefined || v < s.exMax) &&
    (s.dp === undefined || decimalsOf(v) <= s.dp)
  );
}

function checkStr(v: unknown, s: StrShape, path: string, out: DteIssue[]): void {
  if (typeof v !== 'string') {
    out.push(issue(path, 'INVALID_TYPE', `${path} must be a string, got ${typeName(v)}`));
    return;
  }
  if (s.min !== undefined && v.length < s.min)
    out.push(issue(path, 'TOO_SHORT', `${path} needs at least ${s.min} characters`));
  if (s.max !== undefined && v.length > s.max)
    out.push(issue(path, 'TOO_LONG', `${path} allows at most ${s.max} characters`));
  if (s.re && !s.re.test(v)) out.push(issue(path, 'INVALID_FORMAT', `${path} '${v}' does not match ${s.re.source}`));
  if (s.enum && !s.enum.includes(v))
    out.push(issue(path, 'NOT_ALLOWED', `${path} '${v}' must be one of ${s.enum.join(', ')}`));
  if (s.date && !isCalendarDate(v)) {
    out.push(issue(path, 'INVALID_DATE', `${path} '${v}' must be a date YYYY-MM-DD`));
  }
}

function checkNum(v: unknown, s: NumShape, path: string, out: DteIssue[]): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    out.push(issue(path, 'INVALID_TYPE', `${path} must be a number, got ${typeName(v)}`));
    return;
  }
  if (s.int && !Number.isInteger(v)) out.push(issue(path, 'INVALID_TYPE', `${path} must be an integer`));
  if (s.enum && !s.enum.includes(v))
    out.push(issue(path, 'NOT_ALLOWED', `${path} ${v} must be one of ${s.enum.join(', ')}`));
  if (s.min !== undefined && v < s.min) out.push(issue(path, 'OUT_OF_RANGE', `${path} must be ≥ ${s.min}`));
  if (s.max !== undefined && v > s.max) out.push(issue(path, 'OUT_OF_RANGE', `${path} must be ≤ ${s.max}`));
  if (s.exMin !== undefined && v <= s.exMin) out.push(issue(path, 'OUT_OF_RANGE', `${path} must be > ${s.exMin}`));
  if (s.exMax !== undefined && v >= s.exMax) out.push(issue(path, 'OUT_OF_RANGE', `${path} must be < ${s.exMax}`));
  if (s.dp !== undefined && decimalsOf(v) > s.dp)
    out.push(
      issue(
        path,
        'TOO_MANY_DECIMALS',
        `${path} allows at most ${s.dp} decimals (MH: 8 decimals on items, 2 on totals)`,
      ),
    );
}

function checkObj(v: unknown, s: ObjShape, path: PathRef, out: DteIssue[]): void {
  if (typeof v !== 'object' || Array.isArray(v)) {
    const p = pathText(path);
    out.push(issue(p, 'INVALID_TYPE', `${p || 'document'} must be an object, got ${typeName(v)}`));
    return;
  }
  const o = v as Record<string, unknown>;
  for (const key in s.props) {
    if (!(key in o)) {
      if (!s.optional?.includes(key)) {
        const p = pathText({ up: path, key });
        out.push(issue(p, 'REQUIRED', `${p} is required (use null where MH allows it)`));
      }
      continue;
    }
    const child = o[key];
    const shape = s.props[key]!;
    if (!soundLeaf(child, shape)) check(child, shape, { up: path, key }, out);
  }
  for (const key of Object.keys(o)) {
    if (!(key in s.props))
      out.push(
        issue(pathText({ up: path, key }), 'ADDITIONAL_PROPERTY', `${key} is not a field of this document section`),
      );
  }
}

function checkArr(v: unknown, s: ArrShape, path: PathRef, out: DteIssue[]): void {
  if (!Array.isArray(v)) {
    const p = pathText(path);
    out.push(issue(p, 'INVALID_TYPE', `${p} must be an array, got ${typeName(v)}`));
    return;
  }
  if (s.min !== undefined && v.length < s.min) {
    const p = pathText(path);
    out.push(issue(p, 'TOO_FEW', `${p} needs at least ${s.min} element(s)`));
  }
  if (s.max !== undefined && v.length > s.max) {
    const p = pathText(path);
    out.push(issue(p, 'TOO_MANY', `${p} allows at most ${s.max} element(s)`));
  }
  if (s.unique && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) {
    const p = pathText(path);
    out.push(issue(p, 'DUPLICATE_ITEMS', `${p} must not repeat elements`));
  }
  for (let i = 0; i < v.length; i++) if (!soundLeaf(v[i], s.of)) check(v[i], s.of, { up: path, key: i }, out);
}
