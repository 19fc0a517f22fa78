// FEX v3 structure and rules.
import { checkOtrosTributos } from '../validate/otros-tributos.js';
import { checkRelated } from '../validate/related.js';
import * as CAT from '../catalogs/index.js';
import { DTE_VERSIONS, type DteIssue, issue } from '../model.js';
import { sum, ZERO } from '../money.js';
import {
  apendiceShape,
  documentoRelacionadoShape,
  emisorShape,
  identificacionShape,
  itemTributosShape,
  pagosShape,
  tributosResumenShape,
  ventaTerceroShape,
} from '../validate/pieces.js';
import {
  checkCode,
  checkContingency,
  checkEmisor,
  checkItemCatalogs,
  checkPagos,
  d,
  isObj,
  list,
  near,
  type O,
} from '../validate/semantic.js';
import { arr, int, m2, m2s, m8, m8s, nul, num, obj, str } from '../validate/shape.js';
import { checkSaleLines, isResumen } from '../validate/ventas.js';

const item = obj({
  numItem: int({ min: 1, max: 2000 }),
  tipoItem: int({ min: 1, max: 4 }),
  numeroDocumento: nul(str({ min: 1, max: 36 })),
  cantidad: num({ exMin: 0, exMax: 1e11, dp: 8 }),
  codigo: nul(str({ min: 1, max: 25 })),
  codTributo: nul(str({ min: 2, max: 2 })),
  uniMedida: int({ min: 1, max: 99 }),
  descripcion: str({ min: 1, max: 1500 }),
  precioUni: m8(),
  montoDescu: m8(),
  ventaGravada: m8(),
  tributos: itemTributosShape(),
  noGravado: m8s(),
});

export const fexShape = obj({
  identificacion: identificacionShape('11', DTE_VERSIONS['11'], { contingency: true }),
  documentoRelacionado: documentoRelacionadoShape(true),
  emisor: emisorShape({
    tipoItemExpor: int({ enum: [1, 2, 3] }),
    recintoFiscal: nul(str({ min: 2, max: 2 })),
    tipoRegimen: nul(str()),
    regimen: nul(str({ min: 1, max: 13 })),
  }),
  receptor: obj({
    nombre: str({ min: 1, max: 250 }),
    tipoDocumento: str({ min: 2, max: 2 }),
    numDocumento: str({ min: 1, max: 20 }),
    descActividad: str({ min: 5, max: 150 }),
    nombreComercial: nul(str({ min: 1, max: 150 })),
    codPais: str({ re: /^[A-Z]{2}$/ }),
    nombrePais: str({ min: 3, max: 50 }),
    complemento: str({ min: 1, max: 200 }),
    tipoPersona: int({ enum: [1, 2] }),
    telefono: nul(str({ min: 8, max: 30 })),
    correo: nul(str({ min: 6, max: 100 })),
  }),
  otrosDocumentos: nul(
    arr(
      obj({
        codDocAsociado: int({ min: 1, max: 4 }),
        descDocumento: nul(str({ min: 3, max: 100 })),
        detalleDocumento: nul(str({ min: 3, max: 300 })),
        placaTrans: nul(str({ min: 5, max: 70 })),
        modoTransp: nul(int({ min: 1, max: 7 })),
        numConductor: nul(str({ min: 5, max: 100 })),
        nombreConductor: nul(str({ min: 5, max: 200 })),
      }),
      { min: 1, max: 20 },
    ),
  ),
  ventaTercero: ventaTerceroShape(),
  compraTercero: nul(obj({ numDocumento: str({ min: 1, max: 20 }), nombre: str({ min: 1, max: 250 }) })),
  cuerpoDocumento: arr(item, { min: 1, max: 2000 }),
  resumen: obj({
    totalGravada: m2(),
    descuGravada: m2(),
    porcentajeDescuento: num({ min: 0, max: 100, dp: 2 }),
    totalDescu: m2(),
    seguro: m2(),
    flete: nul(m2()),
    tributos: tributosResumenShape(),
    montoTotalOperacion: m2(),
    totalNoGravado: m2s(),
    totalNoOnerosas: m2(),
    totalPagar: m2(),
    totalLetras: nul(str({ min: 1, max: 200 })),
    saldoFavor: m2s(),
    condicionOperacion: int({ enum: [1, 2, 3] }),
    pagos: pagosShape(),
    codIncoterms: nul(str({ max: 2 })),
    descIncoterms: nul(str({ min: 1, max: 150 })),
    numPagoElectronico: nul(str({ min: 1, max: 100 })),
    observaciones: nul(str({ min: 1, max: 3000 })),
  }),
  apendice: apendiceShape(),
});

export function checkFex(doc: O, out: DteIssue[]): void {
  checkRelated(doc, { section: 'documentoRelacionado', numberKey: 'numeroDocumento', maxMonths: null }, out);
  checkContingency(doc['identificacion'], out);
  checkEmisor(doc['emisor'], out);
  const em = doc['emisor'] as O;
  checkCode(em['recintoFiscal'], CAT.RECINTOS_FISCALES, 'CAT-027', 'emisor.recintoFiscal', out);
  checkCode(em['regimen'], CAT.REGIMENES, 'CAT-028', 'emisor.regimen', out);
  checkCode(em['tipoRegimen'], CAT.TIPOS_REGIMEN, 'CAT-033', 'emisor.tipoRegimen', out);
  const rec = doc['receptor'] as O;
  checkCode(rec['codPais'], CAT.PAISES, 'CAT-020', 'receptor.codPais', out);
  checkCode(rec['tipoDocumento'], CAT.TIPOS_DOCUMENTO_IDENTIFICACION, 'CAT-022', 'receptor.tipoDocumento', out);
  if (isObj(doc['ventaTercero']) && isObj(doc['compraTercero']))
    out.push(issue('compraTercero', 'NOT_ALLOWED', 'ventaTercero and compraTercero are mutually exclusive'));
  const items = list(doc['cuerpoDocumento']);
  checkItemCatalogs(items, out);
  checkSaleLines(items, { mode: 'ivaExcluido', globalDiscounts: true, lineTributo: 'C3' }, out);
  const res = isResumen(doc);
  const z = (v: unknown) => d(v) ?? ZERO;
  near(res['totalGravada'], sum(items.map((it) => z(it['ventaGravada']))), 'resumen.totalGravada', out);
  near(res['totalNoGravado'], sum(items.map((it) => z(it['noGravado']))), 'resumen.totalNoGravado', out);
  near(
    res['totalDescu'],
    sum(items.map((it) => z(it['montoDescu']))).plus(z(res['descuGravada'])),
    'resumen.totalDescu',
    out,
  );
  if (!list(res['tributos']).some((t) => t['codigo'] === 'C3'))
    out.push(issue('resumen.tributos', 'REQUIRED', 'FEX lists tributo C3 even at $0 (MH document structure)'));
  const otros = checkOtrosTributos(items, res, 'ivaExcluido', out);
  const mto = z(res['totalGravada'])
    .minus(z(res['descuGravada']))
    .plus(z(res['seguro']))
    .plus(z(res['flete']))
    .plus(otros);
  near(res['montoTotalOperacion'], mto, 'resumen.montoTotalOperacion', out);
  near(res['totalPagar'], z(res['montoTotalOperacion']).plus(z(res['totalNoGravado'])), 'resumen.totalPagar', out);
  checkCode(res['codIncoterms'], CAT.INCOTERMS, 'CAT-031', 'resumen.codIncoterms', out);
  checkPagos(res['pagos'], res['totalPagar'], out);
}
