// Evento de Retorno (fe-eret-v1) structure and rules: every returned line belongs to a related FE/FEX/FSE document,
// each related document has returned lines, dates do not precede the returned documents, and the amounts follow the
// lines (±0.01, as MH checks summaries).
import { CODIGO_GENERACION } from '../identificacion-values.js';
import { type DteIssue, issue } from '../model.js';
import { type Dec, IVA_DIVISOR, IVA_RATE, sum, ZERO } from '../money.js';
import { apendiceShape, HOR, NIT_RE, tributosResumenShape } from '../validate/pieces.js';
import { checkContingency, checkNit, d, isObj, list, near, type O } from '../validate/semantic.js';
import { arr, int, m2, m2s, m8, m8s, nul, num, obj, str } from '../validate/shape.js';
import { RETORNO_TIPOS, RETORNO_VERSION } from './retorno.js';

const n8 = () => nul(str({ min: 1, max: 20 }));
const itemShape = obj({
  numItem: int({ min: 1, max: 2000 }),
  tipoItem: int({ enum: [1, 2, 3, 4] }),
  codigoGeneracion: str({ re: CODIGO_GENERACION }),
  cantidad: num({ exMin: 0, exMax: 100_000_000_000, dp: 8 }),
  precioUni: m8s(),
  descripcion: str({ min: 1, max: 1500 }),
  codigo: nul(str({ min: 1, max: 25 })),
  uniMedida: int({ min: 1, max: 99 }),
  montoDescu: m8(),
  codTributo: nul(str({ min: 2, max: 2 })),
  ventaNoSuj: m8(),
  ventaExenta: m8(),
  ventaGravada: m8(),
  compra: m8(),
  tributos: nul(arr(str({ min: 2, max: 2 }), { min: 1, unique: true })),
  psv: m8(),
  ivaItem: m8(),
  noGravado: m8s(),
  seguro: m8s(),
  flete: m8s(),
  ivaRete: num({ min: 0, dp: 2 }),
  reteRenta: m2(),
});

export const retornoShape = obj({
  identificacion: obj({
    version: int({ enum: [RETORNO_VERSION] }),
    ambiente: str({ enum: ['00', '01'] }),
    tipoModelo: int({ enum: [1, 2] }),
    tipoOperacion: int({ enum: [1, 2] }),
    tipoEvento: str({ enum: ['18'] }),
    tipoContingencia: nul(int({ enum: [1, 2, 3, 4, 5] })),
    motivoContin: nul(str({ min: 1, max: 500 })),
    codigoGeneracion: str({ re: CODIGO_GENERACION }),
    fecEmi: str({ date: true }),
    horEmi: str({ re: HOR }),
    fusion: nul(str({ re: NIT_RE })),
    tipoMoneda: str({ enum: ['USD'] }),
  }),
  documentoRelacionado: arr(
    obj({
      tipoDocumento: str({ enum: RETORNO_TIPOS }),
      codigoGeneracion: str({ re: CODIGO_GENERACION }),
      fechaEmision: str({ date: true }),
    }),
    { min: 1, max: 50 },
  ),
  emisor: obj({
    nit: str({ re: NIT_RE }),
    nombre: str({ min: 1, max: 250 }),
    codEstableMH: str({ min: 4, max: 4 }),
    codEstable: nul(str({ min: 1, max: 10 })),
    codPuntoVentaMH: str({ min: 4, max: 4 }),
    codPuntoVenta: nul(str({ min: 1, max: 15 })),
    recintoFiscal: nul(str({ min: 2, max: 2 })),
    tipoRegimen: nul(str({ min: 1, max: 4 })),
    regimen: nul(str({ min: 1, max: 13 })),
    tipoItemExpor: nul(int()),
  }),
  documento: nul(
    obj({
      tipoDocumento: nul(str()),
      numDocumento: n8(),
      nombre: nul(str({ min: 1, max: 250 })),
      codPais: nul(str()),
      nombrePais: nul(str({ min: 3, max: 50 })),
      telefono: nul(str({ min: 8, max: 30 })),
      correo: nul(str({ min: 1, max: 100 })),
    }),
  ),
  ventaTercero: nul(obj({ nit: n8(), nombre: nul(str({ min: 1, max: 250 })), codDomiciliado: nul(int()) })),
  compraTercero: nul(obj({ numDocumento: n8(), nombre: nul(str({ min: 1, max: 250 })) })),
  cuerpoDocumento: arr(itemShape, { min: 1, max: 2000 }),
  resumen: obj({
    totalNoSuj: m2(),
    totalExenta: m2(),
    totalGravada: m2(),
    totalCompraExcluidos: m2(),
    subTotalVentas: m2(),
    tributos: tributosResumenShape(),
    totalSeguro: nul(m2()),
    totalFlete: nul(m2()),
    montoTotalOperacion: m2(),
    ivaRete: m2(),
    reteRenta: nul(m2()),
    totalNoGravado: m2s(),
    totalPagar: m2(),
    totalLetras: nul(str({ min: 8, max: 200 })),
    totalNoOnerosas: m2(),
    totalIva: m2(),
    saldoFavor: num({ max: 0, exMin: -100_000_000_000, dp: 2 }),
  }),
  apendice: apendiceShape(),
});

const z = (v: unknown): Dec => d(v) ?? ZERO;

function checkLines(doc: O, out: DteIssue[]): void {
  const rel = list(doc['documentoRelacionado']);
  const codes = rel.map((r) => r['codigoGeneracion']);
  if (new Set(codes).size !== codes.length)
    out.push(issue('documentoRelacionado', 'DUPLICATE', 'a document is related twice'));
  const items = list(doc['cuerpoDocumento']);
  items.forEach((it, i) => {
    const p = `cuerpoDocumento[${i}]`;
    if (!codes.includes(it['codigoGeneracion']))
      out.push(
        issue(
          `${p}.codigoGeneracion`,
          'UNKNOWN_RELATED_DOCUMENT',
          'must be one of documentoRelacionado[].codigoGeneracion',
        ),
      );
    if (it['numItem'] !== i + 1) out.push(issue(`${p}.numItem`, 'INVALID_VALUE', `numItem must be ${i + 1}`));
    const amounts = [it['ventaNoSuj'], it['ventaExenta'], it['ventaGravada'], it['compra']].map(z);
    if (amounts.filter((a) => !a.isZero()).length > 1)
      out.push(issue(p, 'MIXED_TAX_TREATMENT', `${p} has more than one of ventaNoSuj/ventaExenta/ventaGravada/compra`));
    near(
      Number(sum(amounts).toFixed()),
      z(it['cantidad']).times(z(it['precioUni'])).minus(z(it['montoDescu'])),
      `${p}.ventaGravada`,
      out,
    );
  });
  rel.forEach((r, i) => {
    if (!items.some((it) => it['codigoGeneracion'] === r['codigoGeneracion']))
      out.push(
        issue(`documentoRelacionado[${i}]`, 'NO_RETURNED_LINES', 'a related document needs at least one returned line'),
      );
    if (String(r['fechaEmision']) > String((doc['identificacion'] as O)['fecEmi'])) {
      out.push(
        issue(
          `documentoRelacionado[${i}].fechaEmision`,
          'AFTER_EVENT',
          'the returned document cannot be dated after the event',
        ),
      );
    }
  });
}

function checkTotals(doc: O, out: DteIssue[]): void {
  const items = list(doc['cuerpoDocumento']);
  const res = doc['resumen'] as O;
  const s = (k: string) => sum(items.map((it) => z(it[k])));
  near(res['totalNoSuj'], s('ventaNoSuj'), 'resumen.totalNoSuj', out);
  near(res['totalExenta'], s('ventaExenta'), 'resumen.totalExenta', out);
  near(res['totalGravada'], s('ventaGravada'), 'resumen.totalGravada', out);
  near(res['totalCompraExcluidos'], s('compra'), 'resumen.totalCompraExcluidos', out);
  const subTotal = z(res['totalNoSuj'])
    .plus(z(res['totalExenta']))
    .plus(z(res['totalGravada']))
    .plus(z(res['totalCompraExcluidos']));
  near(res['subTotalVentas'], subTotal, 'resumen.subTotalVentas', out);
  near(
    res['montoTotalOperacion'],
    z(res['subTotalVentas']).plus(sum(list(res['tributos']).map((t) => z(t['valor'])))),
    'resumen.montoTotalOperacion',
    out,
  );
  near(
    res['totalPagar'],
    z(res['montoTotalOperacion']).minus(z(res['ivaRete'])).minus(z(res['reteRenta'])).plus(z(res['totalNoGravado'])),
    'resumen.totalPagar',
    out,
  );
  const allFe = list(doc['documentoRelacionado']).every((r) => r['tipoDocumento'] === '01');
  if (allFe) near(res['totalIva'], z(res['totalGravada']).div(IVA_DIVISOR).times(IVA_RATE), 'resumen.totalIva', out);
  if (
    list(doc['documentoRelacionado']).some((r) => r['tipoDocumento'] === '11') &&
    !list(res['tributos']).some((t) => t['codigo'] === 'C3')
  ) {
    out.push(
      issue('resumen.tributos', 'REQUIRED', 'returns of an export invoice list tributo C3 (IVA exportaciones 0 %)'),
    );
  }
}

export function checkRetorno(doc: O, out: DteIssue[]): void {
  checkContingency(doc['identificacion'], out);
  checkNit((doc['emisor'] as O)['nit'], 'emisor.nit', out);
  if (isObj(doc['ventaTercero']) && isObj(doc['compraTercero']))
    out.push(issue('compraTercero', 'NOT_ALLOWED', 'ventaTercero and compraTercero are mutually exclusive'));
  checkLines(doc, out);
  checkTotals(doc, out);
}
