// CR v2 structure and rules.
import { checkRelated } from '../validate/related.js';
import * as CAT from '../catalogs/index.js';
import { DTE_VERSIONS, type DteIssue } from '../model.js';
import { dec, sum, ZERO } from '../money.js';
import { apendiceShape, direccionShape, emisorShape, identificacionShape } from '../validate/pieces.js';
import { checkCode, checkContingency, checkEmisor, d, list, near, type O } from '../validate/semantic.js';
import { checkReceptorIdentity } from '../validate/receptor.js';
import { arr, int, m2, nul, num, obj, str } from '../validate/shape.js';
import { isResumen } from '../validate/ventas.js';
import { RETENTION_RATES } from './cr.js';

const pos2 = () => num({ exMin: 0, exMax: 1e11, dp: 2 });

export const crShape = obj({
  identificacion: identificacionShape('07', DTE_VERSIONS['07'], { contingency: true, fusion: 'optional' }),
  emisor: emisorShape({ telefono: nul(str({ min: 8, max: 30 })) }),
  receptor: obj({
    tipoDocumento: str(),
    numDocumento: str({ min: 1, max: 20 }),
    nrc: nul(str({ re: /^[0-9]{2,8}$/ })),
    nombre: str({ min: 1, max: 250 }),
    codActividad: str({ re: /^[0-9]{5,6}$/ }),
    descActividad: str({ min: 5, max: 150 }),
    nombreComercial: nul(str({ min: 1, max: 150 })),
    direccion: direccionShape(),
    telefono: nul(str({ min: 8, max: 30 })),
    correo: nul(str({ min: 6, max: 100 })),
  }),
  cuerpoDocumento: arr(
    obj({
      numItem: int({ min: 1, max: 500 }),
      tipoDte: nul(str()),
      tipoGeneracion: nul(int({ enum: [1, 2] })),
      numDocumento: nul(str({ min: 1, max: 36 })),
      fechaEmision: nul(str({ date: true })),
      montoSujetoGrav: pos2(),
      codigoRetencionMH: str(),
      ivaRetenido: pos2(),
      descripcion: nul(str({ min: 1, max: 1500 })),
    }),
    { min: 1, max: 500 },
  ),
  resumen: obj({
    totalSujetoRetencion: pos2(),
    totalIva: m2(),
    totalIvaRetenido: pos2(),
    totalLetras: nul(str({ min: 1, max: 200 })),
    observaciones: nul(str({ min: 1, max: 3000 })),
  }),
  apendice: apendiceShape(),
});

export function checkCr(doc: O, out: DteIssue[]): void {
  checkRelated(doc, { section: 'cuerpoDocumento', numberKey: 'numDocumento', maxMonths: null }, out);
  checkContingency(doc['identificacion'], out);
  checkEmisor(doc['emisor'], out);
  checkReceptorIdentity(doc['receptor'], out);
  const items = list(doc['cuerpoDocumento']);
  items.forEach((it, i) => {
    const p = `cuerpoDocumento[${i}]`;
    checkCode(it['tipoDte'], CAT.TIPOS_DOCUMENTO, 'CAT-002', `${p}.tipoDte`, out);
    checkCode(it['codigoRetencionMH'], CAT.RETENCIONES_IVA, 'CAT-006', `${p}.codigoRetencionMH`, out);
    const rate = RETENTION_RATES[String(it['codigoRetencionMH'])];
    if (rate) near(it['ivaRetenido'], (d(it['montoSujetoGrav']) ?? ZERO).times(dec(rate)), `${p}.ivaRetenido`, out);
  });
  const res = isResumen(doc);
  near(
    res['totalSujetoRetencion'],
    sum(items.map((it) => d(it['montoSujetoGrav']) ?? ZERO)),
    'resumen.totalSujetoRetencion',
    out,
  );
  near(res['totalIvaRetenido'], sum(items.map((it) => d(it['ivaRetenido']) ?? ZERO)), 'resumen.totalIvaRetenido', out);
}
