// NR v4 structure and rules.
import { checkOtrosTributos } from '../validate/otros-tributos.js';
import { checkRelated } from '../validate/related.js';
import * as CAT from '../catalogs/index.js';
import { DTE_VERSIONS, type DteIssue } from '../model.js';
import {
  apendiceShape,
  direccionShape,
  documentoRelacionadoShape,
  emisorShape,
  identificacionShape,
  itemTributosShape,
  tributosResumenShape,
  ventaTerceroShape,
} from '../validate/pieces.js';
import {
  checkCode,
  checkContingency,
  checkEmisor,
  checkItemCatalogs,
  isObj,
  list,
  near,
  type O,
} from '../validate/semantic.js';
import { checkReceptorIdentity } from '../validate/receptor.js';
import { arr, int, m2, m8, nul, num, obj, str } from '../validate/shape.js';
import { checkIvaTributo, checkSaleLines, checkSaleTotals, isResumen } from '../validate/ventas.js';

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
});

export const nrShape = obj({
  identificacion: identificacionShape('04', DTE_VERSIONS['04'], { contingency: true }),
  documentoRelacionado: documentoRelacionadoShape(true, ['01', '03', '11']),
  emisor: emisorShape(),
  receptor: obj({
    tipoDocumento: str(),
    numDocumento: str({ min: 1, max: 20 }),
    nrc: nul(str({ re: /^[0-9]{2,8}$/ })),
    nombre: str({ min: 1, max: 250 }),
    codActividad: str({ re: /^[0-9]{5,6}$/ }),
    descActividad: str({ min: 5, max: 150 }),
    nombreComercial: nul(str({ min: 1, max: 150 })),
    direccion: nul(direccionShape()),
    telefono: nul(str({ min: 8, max: 30 })),
    correo: nul(str({ min: 6, max: 100 })),
    bienTitulo: str({ re: /^0[1-5]$/ }),
  }),
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
    montoTotalOperacion: m2(),
    totalLetras: nul(str({ min: 1, max: 200 })),
    observaciones: nul(str({ max: 3000 })),
  }),
  apendice: apendiceShape(),
});

export function checkNr(doc: O, out: DteIssue[]): void {
  checkRelated(doc, { section: 'documentoRelacionado', numberKey: 'numeroDocumento', maxMonths: null }, out);
  checkContingency(doc['identificacion'], out);
  checkEmisor(doc['emisor'], out);
  const rec = doc['receptor'];
  checkReceptorIdentity(rec, out);
  if (isObj(rec)) checkCode(rec['bienTitulo'], CAT.TITULOS_BIENES, 'CAT-025', 'receptor.bienTitulo', out);
  const items = list(doc['cuerpoDocumento']);
  const res = isResumen(doc);
  checkItemCatalogs(items, out);
  checkSaleLines(items, { mode: 'ivaExcluido', globalDiscounts: true }, out);
  const { subTotal, base } = checkSaleTotals(items, res, { mode: 'ivaExcluido', globalDiscounts: true }, out);
  const iva = checkIvaTributo(res, base, out);
  const otros = checkOtrosTributos(items, res, 'ivaExcluido', out);
  near(res['montoTotalOperacion'], subTotal.plus(iva).plus(otros), 'resumen.montoTotalOperacion', out);
}
