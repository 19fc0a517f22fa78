// The compiled structural check (shapeSound) says "sound" exactly when the interpreted one (checkShape) reports
// nothing: on every example document of every type, and on each of them broken at every place in many ways.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { previewEmission, type TipoDte, validateDte } from '../../src/dte/index.js';
import type { DteIssue } from '../../src/dte/model.js';
import { MODULES } from '../../src/dte/types/registry.js';
import { checkShape, type Shape, str } from '../../src/dte/validate/shape.js';
import { shapeSound } from '../../src/dte/validate/shape-sound.js';
import { EMISOR, ident } from './fixtures.js';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/dte');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

type Json = unknown;
type Path = (string | number)[];

/** Every place of a document (object keys and array positions), root first. */
function places(v: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) places(v[i], [...at, i], out);
  else if (v && typeof v === 'object')
    for (const k of Object.keys(v)) places((v as Record<string, Json>)[k], [...at, k], out);
  return out;
}

const clone = <T>(v: T): T => structuredClone(v);

/** `doc` with the value at `at` replaced by `f(value)` (or removed when f returns REMOVE). */
const REMOVE = Symbol('remove');
function changed(doc: Json, at: Path, f: (v: Json) => Json | typeof REMOVE): Json {
  if (!at.length) {
    const r = f(clone(doc));
    return r === REMOVE ? undefined : r;
  }
  const copy = clone(doc) as Record<string | number, Json>;
  let parent = copy;
  for (const k of at.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
  const last = at[at.length - 1]!;
  const r = f(parent[last]);
  if (r !== REMOVE) parent[last] = r;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

/** Ways to break (or not) one value: the compiled check must agree with the interpreter on each. */
const MUTATIONS: ((v: Json) => Json | typeof REMOVE)[] = [
  () => REMOVE,
  () => null,
  () => 'x',
  () => '',
  () => 'x'.repeat(3001),
  () => 0,
  () => -1,
  () => 1.123456789,
  () => 12.345,
  () => 1e21,
  () => 1e-7,
  () => Number.NaN,
  () => true,
  () => [],
  () => ({}),
  () => '2026-02-30',
  () => '2026-02-28',
  () => '12:00:00',
  (v) => (typeof v === 'string' ? `${v}x` : v),
  (v) => (typeof v === 'string' ? v.slice(1) : v),
  (v) => (typeof v === 'number' ? v + 0.5 : v),
  (v) => (typeof v === 'number' ? -v : v),
  (v) => (Array.isArray(v) ? [...v, ...v] : v),
  (v) => (Array.isArray(v) && v.length ? [v[0]] : v),
  (v) => (v && typeof v === 'object' && !Array.isArray(v) ? { ...v, zz: 1 } : v),
  (v) => (v && typeof v === 'object' && !Array.isArray(v) ? { ...v, toString: 'x' } : v),
  // present but undefined (a built object may carry one), and a key inherited rather than own
  () => undefined,
  (v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.assign(Object.create({ zz: 1 }), v) : v),
];

function interpreted(doc: Json, shape: Shape): DteIssue[] {
  const out: DteIssue[] = [];
  checkShape(doc, shape, '', out);
  return out;
}

describe('the compiled structural check', () => {
  it.each(files)('agrees with the interpreter on %s and on it broken at every place', (file) => {
    const body = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as Record<string, unknown>;
    const tipo = file.slice(0, 2) as TipoDte;
    const built = previewEmission(body, EMISOR, ident(tipo, 42));
    if (!built.ok) throw new Error(JSON.stringify(built.issues));
    const doc = built.value as Json;
    const shape = MODULES[tipo]!.shape;
    expect(shapeSound(doc, shape)).toBe(true);
    let sound = 0;
    let broken = 0;
    for (const at of places(doc)) {
      for (const m of MUTATIONS) {
        const d = changed(doc, at, m);
        const issues = interpreted(d, shape);
        if (shapeSound(d, shape) !== !issues.length) {
          throw new Error(
            `${file} at ${at.join('.')}: compiled ${shapeSound(d, shape)}, issues ${JSON.stringify(issues)}`,
          );
        }
        if (issues.length) broken++;
        else sound++;
      }
    }
    // Both answers were exercised (a predicate that always said "broken" would pass the loop).
    expect(broken).toBeGreaterThan(100);
    expect(sound).toBeGreaterThan(10);
  });

  it('agrees with the interpreter and a Date on whether a date exists, each day of each month of many years', () => {
    const shape = str({ date: true });
    const p = (n: number, w: number) => String(n).padStart(w, '0');
    let dates = 0;
    for (const year of [0, 1, 4, 100, 400, 1582, 1900, 1996, 2000, 2023, 2024, 2026, 2100, 2400, 9996, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const v = `${p(year, 4)}-${p(month, 2)}-${p(day, 2)}`;
          const sound = !interpreted(v, shape).length;
          if (shapeSound(v, shape) !== sound) throw new Error(`${v}: compiled ${!sound}, interpreted ${sound}`);
          // the day exists as a Date counts days (its ISO text the same date)
          const at = new Date(`${v}T00:00:00Z`);
          const real = !Number.isNaN(at.getTime()) && at.toISOString().startsWith(v);
          if (sound !== real) throw new Error(`${v}: checked ${sound}, a Date says ${real}`);
          if (sound) dates++;
        }
      }
    }
    expect(dates).toBe(8 * 366 + 8 * 365); // (0, 4, 400, 1996, 2000, 2024, 2400 and 9996 are leap years)
  });

  it('validateDte still names every issue of a broken document', () => {
    const body = JSON.parse(readFileSync(path.join(DIR, files[0]!), 'utf8')) as Record<string, unknown>;
    const built = previewEmission(body, EMISOR, ident('01', 42));
    if (!built.ok) throw new Error('example does not build');
    const doc = clone(built.value) as unknown as Record<string, Record<string, unknown>>;
    doc['resumen']!['totalPagar'] = 1.234;
    doc['emisor']!['zz'] = 1;
    delete doc['identificacion']!['fecEmi'];
    const codes = validateDte(doc).map((i) => `${i.path} ${i.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'resumen.totalPagar TOO_MANY_DECIMALS',
        'emisor.zz ADDITIONAL_PROPERTY',
        'identificacion.fecEmi REQUIRED',
      ]),
    );
  });
});
