// parseEmission: validates the SIGMA emission body and returns a typed EmissionInput (paths relative to the body).
import * as CAT from '../catalogs/index.js';
import { TIPOS_DTE, type Result, type TipoDte } from '../model.js';
import { ZERO } from '../money.js';
import { MODULES } from '../types/registry.js';
import { type Obj, Reader } from './reader.js';
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
  };
}

export function parseEmission(body: unknown): Result<EmissionInput> {
  const r = new Reader();
  if (!r.isObj(body)) return { ok: false, issues: [{ path: '', code: 'INVALID_TYPE', message: 'the emission body must be a JSON object' }] };
  const b: Obj = body;
  const tipoRaw = b['tipoDte'] ?? '01';
  if (typeof tipoRaw !== 'string' || !(TIPOS_DTE as readonly string[]).includes(tipoRaw)) {
    return { ok: false, issues: [{ path: 'tipoDte', code: 'UNKNOWN_CODE', message: `tipoDte must be one of ${TIPOS_DTE.join(', ')}` }] };
  }
  const tipoDte = tipoRaw as TipoDte;
  const input = emptyInput(tipoDte, r.str(b, 'referenciaExterna', '', { required: true, max: 100 }) ?? '');
  input.condicionOperacion = Number(r.code(b, 'condicionOperacion', '', CAT.CONDICIONES_OPERACION, 'CAT-016', { fallback: '1' }) ?? 1);
  input.pagos = parsePagos(r, b);
  if (input.pagos && input.pagos.length > 1 && input.pagos.some((p) => p.monto === null)) {
    r.add('pagos', 'REQUIRED', 'with more than one payment every pago needs its monto');
  }
  // Credit sales: each payment states plazo and periodo (FACTS §2.4, CCF rule kept by MH).
  if (input.condicionOperacion === 2) {
    input.pagos?.forEach((p, i) => {
      if (!p.plazo || !p.periodo) r.add(`pagos[${i}]`, 'REQUIRED', 'condicionOperacion 2 (crédito) needs plazo and periodo on each pago');
    });
  }
  input.numPagoElectronico = r.str(b, 'numPagoElectronico', '', { max: 100 });
  input.observaciones = r.str(b, 'observaciones', '', { max: 3000 });
  input.apendice = parseApendice(r, b);
  const mod = MODULES[tipoDte];
  if (!mod) return { ok: false, issues: [{ path: 'tipoDte', code: 'NOT_SUPPORTED', message: `tipoDte ${tipoDte} is not supported yet` }] };
  mod.parse(r, b, input);
  return r.issues.length ? { ok: false, issues: r.issues } : { ok: true, value: input };
}
