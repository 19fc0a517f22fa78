// CL v2 structure and rules.
import { checkRelated } from '../validate/related.js';
import * as CAT from '../catalogs/index.js';
import { DTE_VERSIONS, type DteIssue } from '../model.js';
import { IVA_RATE, sum, ZERO } from '../money.js';
import {
  apendiceShape,
  direccionShape,
  emisorShape,
  identificacionShape,
  itemTributosShape,
  tributosResumenShape,
} from '../validate/pieces.js';
import { checkCode, checkContingency, checkEmisor, d, list, near, type O } from '../validate/semantic.js';
import { checkReceptorIdentity } from '../validate/receptor.js';
import { arr, int, m2s, m8s, nul, num, obj, str } from '../validate/shape.js';
import { checkIvaTributo, isResumen } from '../validate/ventas.js';

export const clShape = obj({
  identificacion: identificacionShape('08', DTE_VERSIONS['08'], { contingency: false, fusion: 'required' }),
  emisor: emisorShape({ telefono: nul(str({ min: 8, max: 30 })) }),
  receptor: obj({
    tipoDocumento: str(),
    numDocumento: str({ min: 1, max: 20 }),
    codDomiciliado: int({ enum: [1, 2] }),
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
      tipoDte: str(),
      tipoGeneracion: int({ enum: [1, 2] }),
      numeroDocumento: str({ min: 1, max: 36 }),
      fechaEmision: str({ date: true }),
      ventaNoSuj: m8s(),
      ventaExenta: m8s(),
      ventaGravada: m8s(),
      exportaciones: m8s(),
      tributos: itemTributosShape(),
      ivaItem: m8s(),
      observaciones: nul(str({ min: 1, max: 1000 })),
    }),
    { min: 1, max: 500 },
  ),
  resumen: obj({
    totalNoSuj: m2s(),
    totalExenta: m2s(),
    totalGravada: m2s(),
    exportacion: m2s(),
    subTotalVentas: m2s(),
    tributos: tributosResumenShape(),
    montoTotalOperacion: m2s(),
    ivaPerci: m2s(),
    total: num({ min: 0, exMax: 1e11, dp: 2 }),
    totalLetras: nul(str({ min: 1, max: 200 })),
    condicionOperacion: int({ enum: [1, 2, 3] }),
    observaciones: nul(str({ min: 1, max: 3000 })),
  }),
  apendice: apendiceShape(),
});

export function checkCl(doc: O, out: DteIssue[]): void {
  checkRelated(doc, { section: 'cuerpoDocumento', numberKey: 'numeroDocumento', maxMonths: null }, out);
  checkContingency(doc['identificacion'], out);
  checkEmisor(doc['emisor'], out);
  checkReceptorIdentity(doc['receptor'], out);
  const items = list(doc['cuerpoDocumento']);
  const z = (v: unknown) => d(v) ?? ZERO;
  items.forEach((it, i) => {
    checkCode(it['tipoDte'], CAT.TIPOS_DOCUMENTO, 'CAT-002', `cuerpoDocumento[${i}].tipoDte`, out);
    near(it['ivaItem'], z(it['ventaGravada']).times(IVA_RATE), `cuerpoDocumento[${i}].ivaItem`, out);
  });
  const res = isResumen(doc);
  const s = (k: string) => sum(items.map((it) => z(it[k])));
  near(res['totalNoSuj'], s('ventaNoSuj'), 'resumen.totalNoSuj', out);
  near(res['totalExenta'], s('ventaExenta'), 'resumen.totalExenta', out);
  near(res['totalGravada'], s('ventaGravada'), 'resumen.totalGravada', out);
  near(res['exportacion'], s('exportaciones'), 'resumen.exportacion', out);
  const sub = z(res['totalNoSuj']).plus(z(res['totalExenta'])).plus(z(res['totalGravada'])).plus(z(res['exportacion']));
  near(res['subTotalVentas'], sub, 'resumen.subTotalVentas', out);
  const iva = checkIvaTributo(res, z(res['totalGravada']), out);
  near(res['montoTotalOperacion'], sub.plus(iva), 'resumen.montoTotalOperacion', out);
  near(res['total'], z(res['montoTotalOperacion']).plus(z(res['ivaPerci'])), 'resumen.total', out);
}
