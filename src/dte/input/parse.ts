// parseEmission: validates the SIGMA emission body and returns a typed EmissionInput (paths relative to the body).
import * as CAT from '../catalogs/index.js';
import { TIPOS_DTE, type Result, type TipoDte } from '../model.js';
import { ZERO } from '../money.js';
import { MODULES } from '../types/registry.js';
import { allRead, recording, unknownFieldIssues } from './fields.js';
import { type Obj, Reader, type Reads } from './reader.js';
import { parseApendice, parsePagos } from './sections.js';
import type { EmissionInput } from './types.js';

export function emptyInput(tipoDte: TipoDte, referenciaExterna: string): EmissionInput {
  return {
    tipoDte,
    referenciaExterna,
    receptor: null,
    items: [],
    condicionOperacion: 1,
    pagos: null,
    numPagoElectronico: null,
    documentoRelacionado: null,
    otrosDocumentos: null,
    ventaTercero: null,
    descuentoGlobal: { noSujeto: ZERO, exento: ZERO, gravado: ZERO },
    retencionIva: false,
    percepcionIva: false,
    porcentajeReteRenta: ZERO,
    fusion: null,
    observaciones: null,
    apendice: null,
    exportacion: null,
    compraTercero: null,
    retenciones: [],
    liquidaciones: [],
    dcl: null,
    donaciones: [],
    warnings: [],
  };
}

/**
 * Parses the body; a field the chosen tipoDte does not read is refused (unknown, with the closest known name, or used
 * only by other types), so that no typo silently changes the document.
 *
 * The body is parsed as it is, its reader noting each key it reads: when every key of the body was read (the usual
 * body), that is the answer. Otherwise the body is parsed again through the recording proxy, which sees every read
 * (the reader notes only its own, a subset of them), and the unread fields are told apart as before: the answer is
 * the same either way, the proxy's wrapping and its traps are paid only by a body with a field left unread.
 */
export function parseEmission(body: unknown): Result<EmissionInput> {
  if (!new Reader().isObj(body))
    return {
      ok: false,
      issues: [{ path: '', code: 'INVALID_TYPE', message: 'the emission body must be a JSON object' }],
    };
  const reads: Reads = new Map();
  const parsed = parseBody(body, new Reader(reads));
  if (!parsed.ok && parsed.issues.some((i) => i.path === 'tipoDte')) return parsed;
  return allRead(body, reads) ? parsed : parseRecorded(body);
}

/** The parse through the recording proxy, with the issues of every field it did not read (exported for its test). */
export function parseRecorded(body: Obj): Result<EmissionInput> {
  const seen = new WeakMap<object, Set<string>>();
  const parsed = parseBody(recording(body, seen));
  if (!parsed.ok && parsed.issues.some((i) => i.path === 'tipoDte')) return parsed;
  const tipoDte = String(body['tipoDte'] ?? '01');
  const others = TIPOS_DTE.filter((t) => MODULES[t]);
  const fields = unknownFieldIssues(
    body,
    seen,
    tipoDte,
    others,
    (t, s, paths) => void parseBody(recording(body, s, { tipoDte: t, ...linesFor(body, paths) })),
  );
  if (!fields.length) return parsed;
  return { ok: false, issues: [...fields, ...(parsed.ok ? [] : parsed.issues)] };
}

/** Whether the reader alone saw every field of this body read (parseEmission's answer then needs no second parse). */
export function readerReadsAll(body: Obj): boolean {
  const reads: Reads = new Map();
  parseBody(body, new Reader(reads));
  return allRead(body, reads);
}

/** The types whose MH document carries each of these summary parts (a field the type lacks is refused, not dropped). */
const USES: Record<'condicion' | 'pagos' | 'numPagoElectronico', readonly TipoDte[]> = {
  condicion: ['01', '03', '05', '06', '08', '11', '14'],
  pagos: ['01', '03', '11', '14', '15'],
  numPagoElectronico: ['01', '03', '06', '11'],
};

/**
 * Only the lines an unread path points into (the same objects), so that telling typos apart costs little on big bodies.
 */
function linesFor(body: Obj, paths: readonly string[]): Obj {
  const items = body['items'];
  if (!Array.isArray(items) || items.length <= 1) return {};
  const wanted = new Set(paths.flatMap((p) => /^items\[(\d+)\]/.exec(p)?.[1] ?? []).map(Number));
  return { items: items.filter((_, i) => i === 0 || wanted.has(i)) };
}

function parseBody(body: Obj, r: Reader = new Reader()): Result<EmissionInput> {
  const b: Obj = body;
  const tipoRaw = r.get(b, 'tipoDte') ?? '01';
  if (typeof tipoRaw !== 'string' || !(TIPOS_DTE as readonly string[]).includes(tipoRaw)) {
    return {
      ok: false,
      issues: [{ path: 'tipoDte', code: 'UNKNOWN_CODE', message: `tipoDte must be one of ${TIPOS_DTE.join(', ')}` }],
    };
  }
  const tipoDte = tipoRaw as TipoDte;
  const input = emptyInput(tipoDte, r.str(b, 'referenciaExterna', '', { required: true, max: 100 }) ?? '');
  if (USES.condicion.includes(tipoDte)) {
    input.condicionOperacion = Number(
      r.code(b, 'condicionOperacion', '', CAT.CONDICIONES_OPERACION, 'CAT-016', { fallback: '1' }) ?? 1,
    );
  }
  if (USES.pagos.includes(tipoDte)) input.pagos = parsePagos(r, b);
  if (input.pagos && input.pagos.length > 1 && input.pagos.some((p) => p.monto === null)) {
    r.add('pagos', 'REQUIRED', 'with more than one payment every pago needs its monto');
  }
  // Credit sales: each payment states plazo and periodo.
  if (input.condicionOperacion === 2) {
    input.pagos?.forEach((p, i) => {
      if (!p.plazo || !p.periodo)
        r.add(`pagos[${i}]`, 'REQUIRED', 'condicionOperacion 2 (crédito) needs plazo and periodo on each pago');
    });
  }
  if (USES.numPagoElectronico.includes(tipoDte))
    input.numPagoElectronico = r.str(b, 'numPagoElectronico', '', { max: 100 });
  input.observaciones = r.str(b, 'observaciones', '', { max: 3000 });
  input.apendice = parseApendice(r, b);
  const mod = MODULES[tipoDte];
  if (!mod)
    return {
      ok: false,
      issues: [{ path: 'tipoDte', code: 'NOT_SUPPORTED', message: `tipoDte ${tipoDte} is not supported yet` }],
    };
  mod.parse(r, b, input);
  input.warnings = r.warnings;
  return r.issues.length ? { ok: false, issues: r.issues } : { ok: true, value: input };
}
