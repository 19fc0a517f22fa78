// The FacturaXpress v1.0 integration body (what SIGMA servers written against the v1.0 guide send): `externalId`,
// `cuerpoDocumento[]` with MH's item names and `resumen`. It is translated into the emission body (docs/dte-input.md)
// before anything else, so one parser, one use case and one set of error codes serve both shapes. Amounts the client
// computed itself (ventaGravada, totalPagar, …) are kept as declared amounts and compared with the built document.
import { type DteIssue, issue } from '../model.js';
import { type Dec, dec } from '../money.js';
import { suggest } from './suggest.js';

type Obj = Record<string, unknown>;

/** A value the client computed; `doc` is where the engine's own value sits in the built document. */
export interface DeclaredAmount {
  path: string;
  value: Dec;
  doc: (string | number)[];
}

export interface Normalized {
  shape: 'contrato' | 'v1';
  body: unknown;
  declared: DeclaredAmount[];
  issues: DteIssue[];
  /** Maps a path of the translated body back to the caller's own field names. */
  pathOf: (path: string) => string;
}

const V1_MARKERS = ['externalId', 'cuerpoDocumento', 'resumen'];
const ITEM_MAP: Readonly<Record<string, string>> = {
  numItem: '',
  tipoItem: 'tipoItem',
  cantidad: 'cantidad',
  descripcion: 'descripcion',
  precioUni: 'precio',
  montoDescu: 'descuento',
  codigo: 'codigo',
  uniMedida: 'uniMedida',
  codTributo: 'codTributo',
  numeroDocumento: 'numeroDocumento',
  psv: 'psv',
};
const ITEM_AMOUNTS: Readonly<Record<string, string>> = {
  ventaGravada: 'gravado',
  ventaExenta: 'exento',
  ventaNoSuj: 'noSujeto',
  noGravado: 'noGravado',
};
const ITEM_DECLARED = ['ivaItem', 'totalIva'];
const RESUMEN_MAP: Readonly<Record<string, string>> = {
  condicionOperacion: 'condicionOperacion',
  pagos: 'pagos',
  numPagoElectronico: 'numPagoElectronico',
  observaciones: 'observaciones',
};
const RESUMEN_DISCOUNTS: Readonly<Record<string, string>> = {
  descuNoSuj: 'noSujeto',
  descuExenta: 'exento',
  descuGravada: 'gravado',
};
/** resumen amounts checked against the document (v1.0 names → v2 names where MH renamed them). */
const RESUMEN_DECLARED: Readonly<Record<string, string>> = {
  totalNoSuj: 'totalNoSuj',
  totalExenta: 'totalExenta',
  totalGravada: 'totalGravada',
  subTotalVentas: 'subTotalVentas',
  totalDescu: 'totalDescu',
  subTotal: 'subTotal',
  totalIva: 'totalIva',
  montoTotalOperacion: 'montoTotalOperacion',
  totalNoGravado: 'totalNoGravado',
  totalPagar: 'totalPagar',
  ivaRete1: 'ivaRete',
  ivaRete: 'ivaRete',
  ivaPerci1: 'ivaPerci',
  ivaPerci: 'ivaPerci',
};
/** Informative resumen fields the engine recomputes and does not compare (wording and percentages). */
const RESUMEN_IGNORED = ['totalLetras', 'porcentajeDescuento', 'saldoFavor', 'tributos'];

export function isV1Body(body: unknown): body is Obj {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && V1_MARKERS.some((k) => k in body);
}

function amount(v: unknown, path: string, issues: DteIssue[]): Dec | null {
  if (v === undefined || v === null) return null;
  const s = typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim() : null;
  if (s === null || !/^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/.test(s)) {
    issues.push(issue(path, 'INVALID_NUMBER', `${path} must be a decimal number`, { field: path }));
    return null;
  }
  return dec(s);
}

function unknownField(path: string, key: string, known: readonly string[]): DteIssue {
  const best = suggest(key, known);
  const hint = best ? `; did you mean ${best}?` : '';
  return issue(path, 'UNKNOWN_FIELD', `${key} is not a field of this body${hint}`, {
    field: key,
    suggestion: best ?? '',
  });
}

function translateItem(it: unknown, i: number, declared: DeclaredAmount[], issues: DteIssue[]): Obj {
  const p = `cuerpoDocumento[${i}]`;
  if (typeof it !== 'object' || it === null || Array.isArray(it)) {
    issues.push(issue(p, 'INVALID_TYPE', 'each cuerpoDocumento line must be an object'));
    return {};
  }
  const o = it as Obj;
  const out: Obj = {};
  const treatments: string[] = [];
  const known = [...Object.keys(ITEM_MAP), ...Object.keys(ITEM_AMOUNTS), ...ITEM_DECLARED];
  for (const [k, v] of Object.entries(o)) {
    if (k === 'numItem') {
      if (v !== undefined && v !== null && Number(v) !== i + 1) {
        issues.push(
          issue(`${p}.numItem`, 'NOT_ALLOWED', `numItem must be ${i + 1} (lines are numbered in order)`, {
            expected: i + 1,
          }),
        );
      }
    } else if (Object.hasOwn(ITEM_MAP, k)) out[ITEM_MAP[k]!] = v;
    else if (Object.hasOwn(ITEM_AMOUNTS, k)) {
      const a = amount(v, `${p}.${k}`, issues);
      if (a === null) continue;
      if (!a.isZero()) treatments.push(ITEM_AMOUNTS[k]!);
      declared.push({ path: `${p}.${k}`, value: a, doc: ['cuerpoDocumento', i, k] });
    } else if (ITEM_DECLARED.includes(k)) {
      const a = amount(v, `${p}.${k}`, issues);
      if (a !== null) declared.push({ path: `${p}.${k}`, value: a, doc: ['cuerpoDocumento', i, k] });
    } else issues.push(unknownField(`${p}.${k}`, k, known));
  }
  if (treatments.length > 1)
    issues.push(
      issue(p, 'MIXED_TAX_TREATMENT', `${p} has more than one of ventaGravada/ventaExenta/ventaNoSuj/noGravado`),
    );
  else if (treatments.length === 1) out['tratamientoFiscal'] = treatments[0];
  if (treatments[0] === 'noGravado' && out['precio'] === undefined) out['precio'] = o['noGravado'];
  return out;
}

function translateResumen(r: Obj, out: Obj, declared: DeclaredAmount[], issues: DteIssue[]): void {
  const known = [
    ...Object.keys(RESUMEN_MAP),
    ...Object.keys(RESUMEN_DISCOUNTS),
    ...Object.keys(RESUMEN_DECLARED),
    ...RESUMEN_IGNORED,
  ];
  const descuento: Obj = {};
  for (const [k, v] of Object.entries(r)) {
    const p = `resumen.${k}`;
    if (k === 'pagos')
      out['pagos'] = Array.isArray(v) ? v.map((x) => (x && typeof x === 'object' ? renamePago(x as Obj) : x)) : v;
    else if (Object.hasOwn(RESUMEN_MAP, k)) out[RESUMEN_MAP[k]!] = v;
    else if (Object.hasOwn(RESUMEN_DISCOUNTS, k)) {
      if (v !== null && v !== undefined) descuento[RESUMEN_DISCOUNTS[k]!] = v;
    } else if (Object.hasOwn(RESUMEN_DECLARED, k)) {
      const a = amount(v, p, issues);
      if (a === null) continue;
      declared.push({ path: p, value: a, doc: ['resumen', RESUMEN_DECLARED[k]!] });
      if ((k === 'ivaRete1' || k === 'ivaRete') && !a.isZero()) out['retencionIva'] = true;
      if ((k === 'ivaPerci1' || k === 'ivaPerci') && !a.isZero()) out['percepcionIva'] = true;
    } else if (!RESUMEN_IGNORED.includes(k)) issues.push(unknownField(p, k, known));
  }
  if (Object.keys(descuento).length) out['descuentoGlobal'] = descuento;
}

function renamePago(p: Obj): Obj {
  const { montoPago, ...rest } = p;
  return montoPago === undefined ? rest : { ...rest, monto: montoPago };
}

const PATH_BACK: [RegExp, string][] = [
  [/^items\[(\d+)\]\.precio$/, 'cuerpoDocumento[$1].precioUni'],
  [/^items\[(\d+)\]\.descuento$/, 'cuerpoDocumento[$1].montoDescu'],
  [/^items\[(\d+)\]\.tratamientoFiscal$/, 'cuerpoDocumento[$1]'],
  [/^items(\[|$)/, 'cuerpoDocumento$1'],
  [/^referenciaExterna$/, 'externalId'],
  [/^(condicionOperacion|numPagoElectronico)$/, 'resumen.$1'],
  [/^pagos\[(\d+)\]\.monto$/, 'resumen.pagos[$1].montoPago'],
  [/^pagos(\[|$)/, 'resumen.pagos$1'],
  [/^descuentoGlobal\.noSujeto$/, 'resumen.descuNoSuj'],
  [/^descuentoGlobal\.exento$/, 'resumen.descuExenta'],
  [/^descuentoGlobal\.gravado$/, 'resumen.descuGravada'],
];

function pathBack(path: string): string {
  const rule = PATH_BACK.find(([re]) => re.test(path));
  return rule ? path.replace(rule[0], rule[1]) : path;
}

/** Detects the body's shape and translates a v1.0 body into the emission body; a contract body passes unchanged. */
export function normalizeBody(body: unknown): Normalized {
  if (!isV1Body(body)) return { shape: 'contrato', body, declared: [], issues: [], pathOf: (p) => p };
  const issues: DteIssue[] = [];
  const declared: DeclaredAmount[] = [];
  const { externalId, cuerpoDocumento, resumen, ...rest } = body;
  const out: Obj = { ...rest };
  if (externalId !== undefined) {
    if (rest['referenciaExterna'] !== undefined && rest['referenciaExterna'] !== externalId) {
      issues.push(
        issue('externalId', 'CONFLICTING_FIELDS', 'externalId and referenciaExterna are the same field: give one'),
      );
    }
    out['referenciaExterna'] = externalId;
  }
  if (cuerpoDocumento !== undefined) {
    if (rest['items'] !== undefined)
      issues.push(
        issue('cuerpoDocumento', 'CONFLICTING_FIELDS', 'cuerpoDocumento and items are the same field: give one'),
      );
    out['items'] = Array.isArray(cuerpoDocumento)
      ? cuerpoDocumento.map((it, i) => translateItem(it, i, declared, issues))
      : cuerpoDocumento;
  }
  if (resumen !== undefined && resumen !== null) {
    if (typeof resumen !== 'object' || Array.isArray(resumen))
      issues.push(issue('resumen', 'INVALID_TYPE', 'resumen must be an object'));
    else translateResumen(resumen as Obj, out, declared, issues);
  }
  return { shape: 'v1', body: out, declared, issues, pathOf: pathBack };
}

/** Every declared amount must equal the engine's within MH's ±0.01 tolerance; a mismatch names both values. */
export function checkDeclared(document: Obj, declared: readonly DeclaredAmount[]): DteIssue[] {
  const out: DteIssue[] = [];
  for (const d of declared) {
    let v: unknown = document;
    for (const k of d.doc) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
    if (typeof v !== 'number') {
      if (!d.value.isZero())
        out.push(
          issue(
            d.path,
            'FIELD_NOT_USED',
            `${d.path} is not part of this document type (the engine computes no such amount)`,
            { field: d.path },
          ),
        );
      continue;
    }
    const engine = dec(String(v));
    if (d.value.minus(engine).abs().gt('0.01')) {
      out.push(
        issue(
          d.path,
          'AMOUNT_MISMATCH',
          `${d.path} is ${d.value.toFixed(2)} but the engine computes ${engine.toFixed(2)}`,
          { field: d.path, sent: d.value.toFixed(2), computed: engine.toFixed(2) },
        ),
      );
    }
  }
  return out;
}
