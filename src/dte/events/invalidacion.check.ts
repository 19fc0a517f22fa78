// Invalidación v3 structure and rules.
import * as CAT from '../catalogs/index.js';
import { CODIGO_GENERACION } from '../identificacion-values.js';
import { type DteIssue, EVENT_VERSIONS, issue, TIPOS_DTE, type TipoDte } from '../model.js';
import { HOR, NIT_RE } from '../validate/pieces.js';
import { checkCode, checkIdentityDoc, checkNit, isObj, type O } from '../validate/semantic.js';
import { int, nul, obj, str } from '../validate/shape.js';
import { invalidationDeadline } from './deadlines.js';

const NUMERO_CONTROL_ANY = /^DTE-[0-9]{2}-[A-Z0-9]{8}-[0-9]{15}$/;

export const invalidacionShape = obj({
  identificacion: obj({
    version: int({ enum: [EVENT_VERSIONS.invalidacion] }),
    ambiente: str({ enum: ['00', '01'] }),
    codigoGeneracion: str({ re: CODIGO_GENERACION }),
    fecEmi: str({ date: true }),
    horEmi: str({ re: HOR }),
    fusion: nul(str({ re: NIT_RE })),
  }),
  emisor: obj({
    nit: str({ re: NIT_RE }),
    nombre: str({ min: 1, max: 250 }),
    codEstableMH: str({ min: 4, max: 4 }),
    codEstable: nul(str({ min: 1, max: 10 })),
    codPuntoVentaMH: str({ min: 4, max: 4 }),
    codPuntoVenta: nul(str({ min: 1, max: 15 })),
    telefono: str({ min: 8, max: 30 }),
    correo: str({ min: 1, max: 100 }),
  }),
  documento: obj({
    // Normativa 2.0's events 17 (Operaciones Especiales) and 18 (Retorno) are invalidated like documents.
    tipoDte: str({ enum: [...TIPOS_DTE, '17', '18'] }),
    codigoGeneracion: str({ re: CODIGO_GENERACION }),
    selloRecibido: str({ re: /^[A-Z0-9]{40}$/ }),
    numeroControl: nul(str({ re: NUMERO_CONTROL_ANY })),
    fecEmi: str({ date: true }),
    codigoGeneracionR: nul(str({ re: CODIGO_GENERACION })),
    tipoDocumento: nul(str()),
    numDocumento: nul(str({ min: 1, max: 20 })),
    nombre: nul(str({ min: 1, max: 250 })),
    telefono: nul(str({ min: 8, max: 30 })),
    correo: nul(str({ max: 100 })),
  }),
  motivo: obj({
    tipoAnulacion: int({ enum: [1, 2, 3] }),
    motivoAnulacion: nul(str({ min: 1, max: 200 })),
    nombreResponsable: str({ min: 1, max: 100 }),
    tipDocResponsable: str(),
    numDocResponsable: str({ min: 1, max: 20 }),
    nombreSolicita: str({ min: 1, max: 100 }),
    tipDocSolicita: str(),
    numDocSolicita: str({ min: 1, max: 20 }),
  }),
});

export function checkInvalidacion(doc: O, out: DteIssue[]): void {
  const idn = doc['identificacion'] as O;
  const em = doc['emisor'] as O;
  const d = doc['documento'] as O;
  const m = doc['motivo'] as O;
  checkNit(em['nit'], 'emisor.nit', out);
  checkCode(m['tipoAnulacion'], CAT.MOTIVOS_EVENTO, 'CAT-024', 'motivo.tipoAnulacion', out);
  // Types 1 and 3 cite the replacement DTE; type 2 (rescind) has none.
  if (m['tipoAnulacion'] === 2 && d['codigoGeneracionR'] !== null)
    out.push(issue('documento.codigoGeneracionR', 'NOT_ALLOWED', 'tipoAnulacion 2 requires codigoGeneracionR null'));
  if (m['tipoAnulacion'] !== 2 && d['codigoGeneracionR'] === null)
    out.push(
      issue(
        'documento.codigoGeneracionR',
        'REQUIRED',
        'tipoAnulacion 1/3 requires the replacement DTE codigoGeneracionR',
      ),
    );
  if (m['tipoAnulacion'] === 3 && m['motivoAnulacion'] === null)
    out.push(issue('motivo.motivoAnulacion', 'REQUIRED', 'tipoAnulacion 3 (otro) requires motivoAnulacion'));
  if (d['codigoGeneracionR'] !== null && d['codigoGeneracionR'] === d['codigoGeneracion']) {
    out.push(
      issue('documento.codigoGeneracionR', 'INVALID_VALUE', 'the replacement DTE must differ from the invalidated one'),
    );
  }
  if (typeof d['numeroControl'] === 'string' && !d['numeroControl'].startsWith(`DTE-${String(d['tipoDte'])}-`)) {
    out.push(
      issue('documento.numeroControl', 'INCONSISTENT', 'documento.numeroControl does not match documento.tipoDte'),
    );
  }
  checkIdentityDoc(d['tipoDocumento'], d['numDocumento'], 'documento', out);
  checkIdentityDoc(
    m['tipDocResponsable'],
    m['numDocResponsable'],
    'motivo',
    out,
    'tipDocResponsable',
    'numDocResponsable',
  );
  checkIdentityDoc(m['tipDocSolicita'], m['numDocSolicita'], 'motivo', out, 'tipDocSolicita', 'numDocSolicita');
  const fec = String(idn['fecEmi']);
  const orig = String(d['fecEmi']);
  if (fec < orig)
    out.push(
      issue('identificacion.fecEmi', 'BEFORE_DOCUMENT', 'the invalidation cannot predate the invalidated document'),
    );
  else if (isObj(d) && fec > invalidationDeadline(d['tipoDte'] as TipoDte, orig)) {
    out.push(
      issue(
        'identificacion.fecEmi',
        'INVALIDATION_DEADLINE_EXCEEDED',
        `the window to invalidate this tipoDte ${String(d['tipoDte'])} ended ` +
          `on ${invalidationDeadline(d['tipoDte'] as TipoDte, orig)} (MH invalidation deadlines)`,
      ),
    );
  }
}
