// CCF v4 structure and rules.
import { checkOtrosTributos } from '../validate/otros-tributos.js';
import { DTE_VERSIONS, type DteIssue } from '../model.js';
import {
  apendiceShape,
  direccionShape,
  documentoRelacionadoShape,
  emisorShape,
  identificacionShape,
  itemTributosShape,
  NIT_RE,
  otrosDocumentosMedicoShape,
  pagosShape,
  tributosResumenShape,
  ventaTerceroShape,
} from '../validate/pieces.js';
import { checkActividad, checkDireccion, checkNit, d, isObj, list, near, type O } from '../validate/semantic.js';
import { arr, int, m2, m2s, m8, m8s, nul, num, obj, str } from '../validate/shape.js';
import { checkIvaTributo, checkOnePercent, checkSaleLines, checkSaleTotals, isResumen } from '../validate/ventas.js';
import { checkFeCcfCommon } from './fe.check.js';

const item = obj({
  numItem: int({ min: 1, max: 2000 }),
  tipoItem: int({ min: 1, max: 4 }),
  numeroDocumento: nul(str({ min: 1, max: 36 })),
  codigo: nul(str({ min: 1, max: 25 })),
  codTributo: nul(str({ min: 2, max: 2 })),
  descripcion: str({ min: 1, max: 1500 }),
  cantidad: num({ exMin: 0, exMax: 1e11, dp: 8 }),
  uniMedida: int({ min: 1, max: 99 }),
  precioUni: m8(),
  montoDescu: m8(),
  ventaNoSuj: m8(),
  ventaExenta: m8(),
  ventaGravada: m8(),
  tributos: itemTributosShape(),
  psv: m8(),
  noGravado: m8s(),
});

export const ccfShape = obj({
  identificacion: identificacionShape('03', DTE_VERSIONS['03'], { contingency: true }),
  documentoRelacionado: documentoRelacionadoShape(true),
  emisor: emisorShape(),
  receptor: obj({
    nit: str({ re: NIT_RE }),
    nrc: str({ re: /^[0-9]{2,8}$/ }),
    nombre: str({ min: 1, max: 250 }),
    codActividad: str({ re: /^[0-9]{5,6}$/ }),
    descActividad: str({ min: 5, max: 150 }),
    nombreComercial: nul(str({ min: 1, max: 150 })),
    direccion: direccionShape(),
    telefono: nul(str({ min: 8, max: 30 })),
    correo: nul(str({ min: 1, max: 100 })),
  }),
  otrosDocumentos: otrosDocumentosMedicoShape(),
  ventaTercero: ventaTerceroShape(),
  cuerpoDocumento: arr(item, { min: 1, max: 2000 }),
  resumen: obj({
    totalNoSuj: m2(),
    totalExenta: m2(),
    totalGravada: m2(),
    subTotalVentas: m2(),
    descuNoSuj: m2(),
    descuExenta: m2(),
    descuGravada: m2(),
    porcentajeDescuento: num({ min: 0, max: 100, dp: 2 }),
    totalDescu: m2(),
    tributos: tributosResumenShape(),
    subTotal: m2(),
    ivaPerci: m2(),
    ivaRete: m2(),
    montoTotalOperacion: m2(),
    totalNoGravado: m2s(),
    totalPagar: m2(),
    totalLetras: nul(str({ min: 8, max: 200 })),
    saldoFavor: num({ max: 0, exMin: -1e11, dp: 2 }),
    condicionOperacion: int({ enum: [1, 2, 3] }),
    pagos: pagosShape(),
    numPagoElectronico: nul(str({ max: 100 })),
    observaciones: nul(str({ min: 1, max: 3000 })),
  }),
  apendice: apendiceShape(),
});

export function checkCcf(doc: O, out: DteIssue[]): void {
  checkFeCcfCommon(doc, out);
  const rec = doc['receptor'];
  if (isObj(rec)) {
    checkNit(rec['nit'], 'receptor.nit', out);
    checkActividad(rec['codActividad'], 'receptor.codActividad', out);
    checkDireccion(rec['direccion'], 'receptor.direccion', out);
  }
  const items = list(doc['cuerpoDocumento']);
  const res = isResumen(doc);
  checkSaleLines(items, { mode: 'ivaExcluido', globalDiscounts: true }, out);
  const { subTotal, base } = checkSaleTotals(items, res, { mode: 'ivaExcluido', globalDiscounts: true }, out);
  checkIvaTributo(res, base, out);
  checkOtrosTributos(items, res, 'ivaExcluido', out);
  near(
    res['montoTotalOperacion'],
    subTotal.plus(list(res['tributos']).reduce((a, t) => a.plus(d(t['valor']) ?? 0), subTotal.minus(subTotal))),
    'resumen.montoTotalOperacion',
    out,
  );
  checkOnePercent(res, 'ivaRete', base, out);
  checkOnePercent(res, 'ivaPerci', base, out);
  const mto = d(res['montoTotalOperacion']);
  if (mto)
    near(
      res['totalPagar'],
      mto
        .plus(d(res['ivaPerci']) ?? 0)
        .minus(d(res['ivaRete']) ?? 0)
        .plus(d(res['totalNoGravado']) ?? 0),
      'resumen.totalPagar',
      out,
    );
}
