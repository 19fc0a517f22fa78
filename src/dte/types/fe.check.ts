// FE v2 structure and rules for validateDte.
import { checkOtrosTributos } from '../validate/otros-tributos.js';
import { checkRelated } from '../validate/related.js';
import * as CAT from '../catalogs/index.js';
import { DTE_VERSIONS, type DteIssue, issue } from '../model.js';
import { IVA_DIVISOR, IVA_RATE } from '../money.js';
import {
  apendiceShape,
  direccionShape,
  documentoRelacionadoShape,
  emisorShape,
  identificacionShape,
  itemTributosShape,
  otrosDocumentosMedicoShape,
  pagosShape,
  tributosResumenShape,
  ventaTerceroShape,
} from '../validate/pieces.js';
import {
  checkActividad,
  checkCode,
  checkContingency,
  checkDireccion,
  checkEmisor,
  checkIdentityDoc,
  checkItemCatalogs,
  checkNit,
  checkPagos,
  d,
  isObj,
  list,
  near,
  type O,
} from '../validate/semantic.js';
import { arr, int, m2, m2s, m8, m8s, nul, num, obj, str } from '../validate/shape.js';
import { checkOnePercent, checkSaleLines, checkSaleTotals, isResumen, tributosSum } from '../validate/ventas.js';
import { FE_ID_THRESHOLD } from './fe.js';

const item = obj({
  numItem: int({ min: 1, max: 2000 }),
  tipoItem: int({ min: 1, max: 4 }),
  numeroDocumento: nul(str({ min: 1, max: 36 })),
  cantidad: num({ exMin: 0, exMax: 1e11, dp: 8 }),
  codigo: nul(str({ min: 1, max: 25 })),
  codTributo: nul(str({ min: 2, max: 2 })),
  uniMedida: int({ min: 1, max: 99 }),
  descripcion: str({ min: 1, max: 1500 }),
  precioUni: m8s(),
  montoDescu: m8(),
  ventaNoSuj: m8(),
  ventaExenta: m8(),
  ventaGravada: m8(),
  tributos: itemTributosShape(),
  psv: m8(),
  noGravado: m8s(),
  ivaItem: m8(),
});

export const feShape = obj({
  identificacion: identificacionShape('01', DTE_VERSIONS['01'], { contingency: true }),
  documentoRelacionado: documentoRelacionadoShape(true),
  emisor: emisorShape(),
  receptor: nul(
    obj({
      tipoDocumento: nul(str()),
      numDocumento: nul(str({ min: 1, max: 20 })),
      nrc: nul(str({ re: /^[0-9]{2,8}$/ })),
      nombre: nul(str({ min: 1, max: 250 })),
      codActividad: nul(str({ re: /^[0-9]{5,6}$/ })),
      descActividad: nul(str({ min: 5, max: 150 })),
      direccion: nul(direccionShape()),
      telefono: nul(str({ min: 8, max: 30 })),
      correo: nul(str({ min: 6, max: 100 })),
    }),
  ),
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
    ivaRete: m2(),
    montoTotalOperacion: m2(),
    totalNoGravado: m2s(),
    totalPagar: m2(),
    totalLetras: nul(str({ min: 1, max: 200 })),
    totalIva: m2(),
    saldoFavor: num({ max: 0, exMin: -1e11, dp: 2 }),
    condicionOperacion: int({ enum: [1, 2, 3] }),
    pagos: pagosShape(),
    numPagoElectronico: nul(str({ max: 100 })),
    observaciones: nul(str({ min: 1, max: 3000 })),
  }),
  apendice: apendiceShape(),
});

/** Checks shared by FE and CCF: related docs, otrosDocumentos/médico, catalogs, contingency, emisor, pagos. */
export function checkFeCcfCommon(doc: O, out: DteIssue[]): void {
  checkRelated(doc, { section: 'documentoRelacionado', numberKey: 'numeroDocumento', maxMonths: null }, out);
  checkContingency(doc['identificacion'], out);
  checkEmisor(doc['emisor'], out);
  list(doc['documentoRelacionado']).forEach((r, i) => {
    checkCode(r['tipoDocumento'], CAT.TIPOS_DOCUMENTO, 'CAT-002', `documentoRelacionado[${i}].tipoDocumento`, out);
  });
  list(doc['otrosDocumentos']).forEach((o, i) => {
    const p = `otrosDocumentos[${i}]`;
    const m = o['medico'];
    if (o['codDocAsociado'] === 3 && !isObj(m))
      out.push(
        issue(
          `${p}.medico`,
          'REQUIRED',
          'codDocAsociado 3 needs the medico object (MH: the médico block of health services)',
        ),
      );
    if (isObj(m)) {
      if (m['nit'] === null && m['docIdentificacion'] === null)
        out.push(
          issue(
            `${p}.medico`,
            'MEDICO_DOC_REQUIRED',
            'medico needs nit or docIdentificacion (MH: the médico block of health services)',
          ),
        );
      if (typeof m['nit'] === 'string') checkNit(m['nit'], `${p}.medico.nit`, out);
      checkCode(m['tipoServicio'], CAT.SERVICIOS_MEDICOS, 'CAT-010', `${p}.medico.tipoServicio`, out);
    }
  });
  if (isObj(doc['ventaTercero'])) checkNit(doc['ventaTercero']['nit'], 'ventaTercero.nit', out);
  checkItemCatalogs(list(doc['cuerpoDocumento']), out);
  const res = isResumen(doc);
  checkCode(res['condicionOperacion'], CAT.CONDICIONES_OPERACION, 'CAT-016', 'resumen.condicionOperacion', out);
  checkPagos(res['pagos'], res['totalPagar'], out);
}

export function checkFe(doc: O, out: DteIssue[]): void {
  checkFeCcfCommon(doc, out);
  const rec = doc['receptor'];
  if (isObj(rec)) {
    checkIdentityDoc(rec['tipoDocumento'], rec['numDocumento'], 'receptor', out);
    if (rec['nrc'] !== null && rec['tipoDocumento'] !== '36')
      out.push(issue('receptor.nrc', 'NOT_ALLOWED', 'FE receptor nrc only with tipoDocumento 36 (MH item rules)'));
    checkActividad(rec['codActividad'], 'receptor.codActividad', out);
    checkDireccion(rec['direccion'], 'receptor.direccion', out);
  }
  const items = list(doc['cuerpoDocumento']);
  const res = isResumen(doc);
  checkSaleLines(items, { mode: 'ivaIncluido', globalDiscounts: true, itemIvaKey: 'ivaItem' }, out);
  const { subTotal, base } = checkSaleTotals(items, res, { mode: 'ivaIncluido', globalDiscounts: true }, out);
  const codes = list(res['tributos']).map((t) => t['codigo']);
  if (codes.includes('20') || codes.includes('C3'))
    out.push(
      issue(
        'resumen.tributos',
        'NOT_ALLOWED',
        'FE resumen.tributos must not contain 20 or C3: IVA is ' +
          'inside the prices (on a Factura IVA is inside the prices)',
      ),
    );
  checkOtrosTributos(items, res, 'ivaIncluido', out);
  // The base without IVA (baseSinIva of an IVA-included base), divided once for both checks that use it.
  const sinIva = base.div(IVA_DIVISOR);
  near(res['totalIva'], sinIva.times(IVA_RATE), 'resumen.totalIva', out);
  near(res['montoTotalOperacion'], subTotal.plus(tributosSum(res)), 'resumen.montoTotalOperacion', out);
  checkOnePercent(res, 'ivaRete', sinIva, out);
  const mto = d(res['montoTotalOperacion']);
  if (mto)
    near(
      res['totalPagar'],
      mto.minus(d(res['ivaRete']) ?? 0).plus(d(res['totalNoGravado']) ?? 0),
      'resumen.totalPagar',
      out,
    );
  if (mto?.gte(FE_ID_THRESHOLD) && !(isObj(rec) && rec['tipoDocumento'] && rec['numDocumento'] && rec['nombre'])) {
    out.push(
      issue(
        'receptor',
        'RECEPTOR_REQUIRED_ABOVE_THRESHOLD',
        'montoTotalOperacion ≥ $25,000.00 needs receptor tipoDocumento, numDocumento and nombre (MH receptor rules)',
      ),
    );
  }
}
