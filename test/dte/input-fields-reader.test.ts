import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEmission } from '../../src/dte/index.js';
import { parseRecorded, readerReadsAll } from '../../src/dte/input/parse.js';
import { TIPOS_DTE } from '../../src/dte/model.js';
import { CASES } from './cases.js';

type Obj = Record<string, unknown>;

const EXAMPLES = new URL('../../examples/dte/', import.meta.url);
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, body: JSON.parse(readFileSync(new URL(f, EXAMPLES), 'utf8')) as Obj }));
const bodies = [
  ...examples,
  ...Object.entries(CASES).flatMap(([tipo, cases]) => cases!.map((c) => ({ name: `${tipo} ${c.name}`, body: c.body }))),
];

/** Every place of a body that holds an object (arrays' elements included), with a way to reach it in a copy. */
function objectPaths(v: unknown, path: (string | number)[] = [], out: (string | number)[][] = []) {
  if (typeof v !== 'object' || v === null) return out;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) objectPaths(v[i], [...path, i], out);
  } else {
    out.push(path);
    for (const [k, x] of Object.entries(v)) objectPaths(x, [...path, k], out);
  }
  return out;
}

const at = (root: unknown, path: (string | number)[]) =>
  path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root) as Obj;

/** Bodies broken in many ways at every object: unknown keys, typos, fields of other types, nulls, wrong types. */
function variants(body: Obj): { name: string; body: unknown }[] {
  const out: { name: string; body: unknown }[] = [];
  const copy = () => structuredClone(body);
  for (const path of objectPaths(body)) {
    const where = path.join('.') || '(root)';
    const keys = Object.keys(at(body, path));
    for (const [name, change] of [
      ['unknown key', (o: Obj) => void (o['zzUnknown'] = 1)],
      ['envelope keys', (o: Obj) => Object.assign(o, { patientId: 'P-1', serviceId: 'S-1', codEstableMH: 'M001' })],
      ['other types fields', (o: Obj) => Object.assign(o, { numPagoElectronico: 'x', exportacion: {}, fusion: null })],
      ['more fields', (o: Obj) => Object.assign(o, { tipo: 'bien', tratamientoFiscal: 'exento', modoTransp: 1 })],
      ['receptor key', (o: Obj) => Object.assign(o, { receptor: { nombre: 'x', zz: 1 } })],
      [
        'empty',
        (o: Obj) => {
          for (const k of keys) delete o[k];
        },
      ],
    ] as const) {
      const b = copy();
      change(at(b, path));
      out.push({ name: `${where}: ${name}`, body: b });
    }
    for (const k of keys) {
      for (const [name, value] of [
        ['typo', undefined],
        ['null', null],
        ['number', 7],
        ['string', 'x'],
        ['object', { a: 1 }],
        ['array', [{ a: 1 }]],
        ['undefined', undefined],
      ] as const) {
        const b = copy();
        const o = at(b, path);
        if (name === 'typo') {
          o[`${k}s`] = o[k];
          delete o[k];
        } else o[k] = value;
        out.push({ name: `${where}.${k}: ${name}`, body: b });
      }
    }
  }
  for (const t of [...TIPOS_DTE, '99', 1, null]) out.push({ name: `tipoDte ${t}`, body: { ...copy(), tipoDte: t } });
  out.push({ name: 'not an object', body: [body] });
  return out;
}

describe('the emission body read without the recording proxy', () => {
  it('every example and case of every type is read whole by the reader (no second parse)', () => {
    for (const b of bodies) expect(readerReadsAll(structuredClone(b.body)), b.name).toBe(true);
  });

  it('gives the answer of the proxy on every example broken in every way: issues, paths, messages, the input', () => {
    let compared = 0;
    for (const b of bodies) {
      for (const v of variants(b.body)) {
        const expected = typeof v.body === 'object' && v.body !== null && !Array.isArray(v.body);
        const got = parseEmission(v.body);
        if (expected) expect(got, `${b.name} / ${v.name}`).toEqual(parseRecorded(v.body as Obj));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(5000);
  });
});
