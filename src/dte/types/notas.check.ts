// NC/ND v4 structure and rules.
import { checkOtrosTributos } from '../validate/otros-tributos.js';
import { checkRelated } from '../validate/related.js';
import * as CAT from '../catalogs/index.js';
import { DTE_VERSIONS, type DteIssue, issue, type TipoDte } from '../model.js';
import { sum, ZERO } from '../money.js';
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
  d,
  list,
  near,
  type O,
} from '../validate/semantic.js';
import { checkReceptorIdentity } from '../validate/receptor.js';
import { arr, int, m2, m2s, m8, m8s, nul, num, obj, type ObjShape, str } from '../validate/shape.js';
import { checkIvaTributo, checkSaleLines, checkSaleTotals, isResumen } from '../validate/ventas.js';

export function notaShape(tipo: '05' | '06'): ObjShape {
  const item = obj({
    numItem: int({ min: 1, max: 2000 }),
    tipoItem: int({ min: 1, max: 4 }),
    numeroDocumento: str({ min: 1, max: 36 }),
    cantidad: num({ exMin: 0, exMax: 1e11, dp: 8 }),
    codigo: nul(str({ min: 1, max: 25 })),
    codTributo: nul(str({ min: 2, max: 2 })),
    uniMedida: int({ min: 1, max: 99 }),
    descripcion: str({ min: 1, max: 1500 }),
    precioUni: m8(),
    montoDescu: m8(),
    ventaNoSuj: m8(),
    ventaExenta: m8(),
    ventaGravada: m8(),
    tributos: itemTributosShape(),
    noGravado: m8s(),
    ivaPerci: m8(),
    totalIva: m8(),
    ivaRete: m8(),
  });
  return obj({
    identificacion: identificacionShape(tipo, DTE_VERSIONS[tipo], { contingency: true, fusion: 'required' }),
    documentoRelacionado: documentoRelacionadoShape(false, ['03', '07']),
    emisor: emisorShape({}, false),
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
      correo: nul(str({ min: 1, max: 100 })),
    }),
    ventaTercero: ventaTerceroShape(),
    cuerpoDocumento: arr(item, { min: 1, max: 2000 }),
    resumen: obj({
      totalNoSuj: m2(),
      totalExenta: m2(),
      totalGravada: m2(),
      subTotalVentas: m2(),
      totalDescu: m2(),
      tributos: tributosResumenShape(),
      montoTotalOperacion: m2(),
      ivaPerci: m2(),
      totalIva: m2(),
      ivaRete: m2(),
      totalNoGravado: m2s(),
      totalPagar: m2(),
      totalLetras: nul(str({ min: 8, max: 200 })),
      condicionOperacion: int({ enum: [1, 2, 3] }),
      observaciones: nul(str({ max: 3000 })),
      codigoRetencionMH: nul(str({ max: 2 })),
      ...(tipo === '06' ? { numPagoElectronico: nul(str({ max: 100 })) } : {}),
    }),
    apendice: apendiceShape(),
  });
}

export function checkNota(doc: O, out: DteIssue[]): void {
  checkRelated(doc, { section: 'documentoRelacionado', numberKey: 'numeroDocumento', maxMonths: 3 }, out);
  checkContingency(doc['identificacion'], out);
  checkEmisor(doc['emisor'], out);
  checkReceptorIdentity(doc['receptor'], out);
  const rel = list(doc['documentoRelacionado']).map((x) => x['numeroDocumento']);
  const items = list(doc['cuerpoDocumento']);
  items.forEach((it, i) => {
    if (!rel.includes(it['numeroDocumento']))
      out.push(
        issue(
          `cuerpoDocumento[${i}].numeroDocumento`,
          'UNKNOWN_RELATED_DOCUMENT',
          'must be one of documentoRelacionado[].numeroDocumento',
        ),
      );
  });
  checkItemCatalogs(items, out);
  const res = isResumen(doc);
  checkCode(res['codigoRetencionMH'], CAT.RETENCIONES_IVA, 'CAT-006', 'resumen.codigoRetencionMH', out);
  checkSaleLines(items, { mode: 'ivaExcluido', globalDiscounts: false, itemIvaKey: 'totalIva' }, out);
  const { subTotal, base } = checkSaleTotals(items, res, { mode: 'ivaExcluido', globalDiscounts: false }, out);
  const iva = checkIvaTributo(res, base, out);
  near(res['totalIva'], iva, 'resumen.totalIva', out);
  const otros = checkOtrosTributos(items, res, 'ivaExcluido', out);
  near(res['montoTotalOperacion'], subTotal.plus(iva).plus(otros), 'resumen.montoTotalOperacion', out);
  const z = (k: string) => sum(items.map((it) => d(it[k]) ?? ZERO));
  near(res['ivaPerci'], z('ivaPerci'), 'resumen.ivaPerci', out);
  near(res['ivaRete'], z('ivaRete'), 'resumen.ivaRete', out);
  if (!(d(res['ivaRete']) ?? ZERO).isZero() && res['codigoRetencionMH'] === null)
    out.push(issue('resumen.codigoRetencionMH', 'REQUIRED', 'ivaRete > 0 needs codigoRetencionMH (CAT-006)'));
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
export const TIPOS_NOTA: readonly TipoDte[] = ['05', '06'];
