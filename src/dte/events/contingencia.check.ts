// Contingencia v4 structure and rules.
import * as CAT from '../catalogs/index.js';
import { CODIGO_GENERACION } from '../identificacion-values.js';
import { type DteIssue, EVENT_VERSIONS, issue, type TipoDte } from '../model.js';
import { HOR, NIT_RE } from '../validate/pieces.js';
import { checkCode, checkIdentityDoc, checkNit, list, type O } from '../validate/semantic.js';
import { arr, int, nul, obj, str } from '../validate/shape.js';
import { isContingencyAllowed } from './deadlines.js';

export const contingenciaShape = obj({
  identificacion: obj({
    version: int({ enum: [EVENT_VERSIONS.contingencia] }),
    ambiente: str({ enum: ['00', '01'] }),
    codigoGeneracion: str({ re: CODIGO_GENERACION }),
    fTransmision: str({ date: true }),
    hTransmision: str({ re: HOR }),
  }),
  emisor: obj({
    nit: str({ re: NIT_RE }),
    nombre: str({ min: 1, max: 250 }),
    nombreResponsable: str({ min: 1, max: 100 }),
    tipoDocResponsable: str(),
    numeroDocResponsable: str({ min: 1, max: 25 }),
    tipoEstablecimiento: str(),
    codEstableMH: nul(str({ min: 4, max: 4 })),
    codPuntoVentaMH: nul(str({ min: 4, max: 4 })),
    telefono: str({ min: 8, max: 30 }),
    correo: str({ min: 1, max: 100 }),
  }),
  detalleDTE: arr(
    obj({ noItem: int({ min: 1, max: 1000 }), tipoDoc: str(), codigoGeneracion: str({ re: CODIGO_GENERACION }) }),
    { min: 1, max: 1000 },
  ),
  motivo: obj({
    fInicio: str({ date: true }),
    fFin: str({ date: true }),
    hInicio: str({ re: HOR }),
    hFin: str({ re: HOR }),
    tipoContingencia: int({ enum: [1, 2, 3, 4, 5] }),
    motivoContingencia: nul(str({ max: 500 })),
  }),
});

export function checkContingencia(doc: O, out: DteIssue[]): void {
  const em = doc['emisor'] as O;
  const m = doc['motivo'] as O;
  checkNit(em['nit'], 'emisor.nit', out);
  checkCode(em['tipoEstablecimiento'], CAT.TIPOS_ESTABLECIMIENTO, 'CAT-009', 'emisor.tipoEstablecimiento', out);
  checkIdentityDoc(
    em['tipoDocResponsable'],
    em['numeroDocResponsable'],
    'emisor',
    out,
    'tipoDocResponsable',
    'numeroDocResponsable',
  );
  const seen = new Set<unknown>();
  list(doc['detalleDTE']).forEach((x, i) => {
    const p = `detalleDTE[${i}]`;
    if (x['noItem'] !== i + 1) out.push(issue(`${p}.noItem`, 'INVALID_SEQUENCE', `noItem must be ${i + 1}`));
    const t = String(x['tipoDoc']);
    if (!(t in CAT.TIPOS_DOCUMENTO))
      out.push(issue(`${p}.tipoDoc`, 'UNKNOWN_CODE', `tipoDoc '${t}' is not in CAT-002`));
    else if (['08', '09', '15'].includes(t) || !isContingencyAllowed(t as TipoDte))
      out.push(
        issue(
          `${p}.tipoDoc`,
          'CONTINGENCY_NOT_ALLOWED',
          `tipoDoc ${t} cannot be issued in contingency (MH contingency rules)`,
        ),
      );
    if (seen.has(x['codigoGeneracion']))
      out.push(issue(`${p}.codigoGeneracion`, 'DUPLICATE', 'each DTE is reported once'));
    seen.add(x['codigoGeneracion']);
  });
  if (m['tipoContingencia'] === 5 && m['motivoContingencia'] === null)
    out.push(issue('motivo.motivoContingencia', 'REQUIRED', 'tipoContingencia 5 (otro) requires motivoContingencia'));
  const start = `${String(m['fInicio'])}T${String(m['hInicio'])}`;
  const end = `${String(m['fFin'])}T${String(m['hFin'])}`;
  if (end < start) out.push(issue('motivo.fFin', 'INVALID_RANGE', 'the contingency ends before it starts'));
}
