// Loads MH's official Normativa 2.0 schemas for the conformance tests (read at test time only; never copied).
// MH's ND v4 file has a defect: `tributos` is keyed "" in cuerpoDocumento items and in resumen. ND is
// therefore validated against a CORRECTED COPY made here in memory ("" renamed to "tributos"); the file is untouched.
// ajv's built-in multipleOf divides binary floats (11.3 / 0.01 = 1130.0000000000002, 288.9942197 / 1e-8 =
// 28899421969.999996), so it rejects valid decimals. MH's validator works on decimals; we therefore replace the
// multipleOf keyword by an exact decimal check (decimal.js on the number's shortest string form). Nothing else changes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { Decimal } from 'decimal.js';
import type { TipoDte } from '../../src/dte/index.js';
import { sharedPresent } from '../helpers/shared.js';

export const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/mh/schemas/normativa-2.0',
);
export const present = sharedPresent(ROOT, "MH's official Normativa 2.0 schemas");

export const SCHEMA_FILES: Record<
  TipoDte | 'invalidacion' | 'contingencia' | 'retorno' | 'operacionesEspeciales',
  string
> = {
  '01': 'v2/fe-f-v2.json',
  '03': 'v4/fe-ccf-v4.json',
  '04': 'v4/fe-nr-v4.json',
  '05': 'v4/fe-nc-v4.json',
  '06': 'v4/fe-nd-v4.json',
  '07': 'v2/fe-cr-v2.json',
  '08': 'v2/fe-cl-v2.json',
  '09': 'v2/fe-dcl-v2.json',
  '11': 'v3/fe-fex-v3.json',
  '14': 'v2/fe-fse-v2.json',
  '15': 'v2/fe-cd-v2.json',
  invalidacion: 'v3/invalidacion-schema-v3.json',
  contingencia: 'v4/contingencia-schema-v4.json',
  retorno: 'v1/fe-eret-v1.json',
  operacionesEspeciales: 'v1/fe-eop-v1.json',
};

/** Rename every "" property (and its entry in `required`) to `tributos` — the defect of MH's ND v4 file. */
function fixNdDefect(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fixNdDefect);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'properties' && typeof v === 'object' && v !== null && '' in v) {
      const props = { ...(v as Record<string, unknown>) };
      props['tributos'] = props[''];
      delete props[''];
      out[k] = fixNdDefect(props);
    } else if (k === 'required' && Array.isArray(v)) {
      out[k] = v.map((x) => (x === '' ? 'tributos' : x));
    } else out[k] = fixNdDefect(v);
  }
  return out;
}

const cache = new Map<string, ValidateFunction>();
export function officialValidator(kind: keyof typeof SCHEMA_FILES): ValidateFunction {
  const hit = cache.get(kind);
  if (hit) return hit;
  const ajv = new Ajv({ allErrors: true, strict: false });
  (addFormatsModule as unknown as (a: Ajv) => void)(ajv);
  ajv.removeKeyword('multipleOf');
  ajv.addKeyword({
    keyword: 'multipleOf',
    type: 'number',
    schemaType: 'number',
    validate: (m: number, x: number) => new Decimal(String(x)).mod(new Decimal(String(m))).isZero(),
  });
  let schema = JSON.parse(readFileSync(path.join(ROOT, SCHEMA_FILES[kind]), 'utf8')) as Record<string, unknown>;
  if (kind === '06') schema = fixNdDefect(schema) as Record<string, unknown>;
  delete schema['$schema'];
  const v = ajv.compile(schema);
  cache.set(kind, v);
  return v;
}
