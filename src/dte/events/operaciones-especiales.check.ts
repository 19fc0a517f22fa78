// Evento de Operaciones Especiales (fe-eop-v1) structure and rules: CAT-023 document types, one tax treatment per
// line, amounts = cantidad × precioUni, ranges ordered, reported documents not dated after the event, summary sums.
import { CODIGO_GENERACION } from '../identificacion-values.js';
import { type DteIssue, issue } from '../model.js';
import { type Dec, sum, ZERO } from '../money.js';
import { apendiceShape, HOR, NIT_RE } from '../validate/pieces.js';
import { checkNit, d, list, near, type O } from '../validate/semantic.js';
import { arr, int, m2, m8, nul, num, obj, str } from '../validate/shape.js';
import { EOP_VERSION, OPERACIONES_ESPECIALES } from './operaciones-especiales.js';

export const eopShape = obj({
  identificacion: obj({
    version: int({ enum: [EOP_VERSION] }),
    ambiente: str({ enum: ['00', '01'] }),
    tipoModelo: int({ enum: [1] }),
    tipoOperacion: int({ enum: [1] }),
    tipoEvento: str({ enum: ['17'] }),
    codigoGeneracion: str({ re: CODIGO_GENERACION }),
    fecEmi: str({ date: true }),
    horEmi: str({ re: HOR }),
    tipoMoneda: str({ enum: ['USD'] }),
  }),
  emisor: obj({ nit: str({ re: NIT_RE }), nombre: str({ min: 1, max: 250 }) }),
  cuerpoDocumento: arr(
    obj({
      numItem: int({ min: 1, max: 2000 }),
      codigoGeneracionRef: nul(str({ re: CODIGO_GENERACION })),
      tipoDocumento: str({ enum: Object.keys(OPERACIONES_ESPECIALES) }),
      numDocumento: nul(str({ min: 1, max: 36 })),
      fechaEmision: nul(str({ date: true })),
      cantidad: int({ min: 1 }),
      descripcion: str({ min: 1, max: 1500 }),
      docDel: nul(str({ max: 36 })),
      docAl: nul(str({ max: 36 })),
      precioUni: m8(),
      ventaNoSuj: m8(),
      ventaExenta: m8(),
      ventaGravada: m8(),
      tributos: nul(arr(str({ min: 2, max: 2 }), { min: 1, unique: true })),
    }),
    { min: 1, max: 2000 },
  ),
  resumen: obj({
    totalNoSuj: m2(),
    totalExenta: m2(),
    totalGravada: m2(),
    subTotal: m2(),
    tributos: nul(
      arr(
        obj({
          codigo: str({ min: 2, max: 2 }),
          descripcion: str({ min: 1, max: 300 }),
          valor: num({ exMax: 100_000_000_000, dp: 2 }),
        }),
        { unique: true },
      ),
    ),
    total: m2(),
    totalLetras: nul(str({ min: 8, max: 200 })),
  }),
  apendice: apendiceShape(),
});

const z = (v: unknown): Dec => d(v) ?? ZERO;

export function checkOperacionesEspeciales(doc: O, out: DteIssue[]): void {
  checkNit((doc['emisor'] as O)['nit'], 'emisor.nit', out);
  const fecEmi = String((doc['identificacion'] as O)['fecEmi']);
  const items = list(doc['cuerpoDocumento']);
  items.forEach((it, i) => {
    const p = `cuerpoDocumento[${i}]`;
    if (it['numItem'] !== i + 1) out.push(issue(`${p}.numItem`, 'INVALID_VALUE', `numItem must be ${i + 1}`));
    const amounts = [it['ventaNoSuj'], it['ventaExenta'], it['ventaGravada']].map(z);
    if (amounts.filter((a) => !a.isZero()).length > 1)
      out.push(issue(p, 'MIXED_TAX_TREATMENT', `${p} has more than one of ventaNoSuj/ventaExenta/ventaGravada`));
    near(Number(sum(amounts).toFixed()), z(it['precioUni']).times(z(it['cantidad'])), `${p}.ventaGravada`, out);
    if (typeof it['fechaEmision'] === 'string' && it['fechaEmision'] > fecEmi)
      out.push(issue(`${p}.fechaEmision`, 'AFTER_EVENT', 'a reported document cannot be dated after the event'));
    const [del, al] = [it['docDel'], it['docAl']];
    if ((del === null) !== (al === null))
      out.push(issue(`${p}.docAl`, 'INCOMPLETE_RANGE', 'docDel and docAl go together'));
    if (
      typeof del === 'string' &&
      typeof al === 'string' &&
      /^[0-9]+$/.test(del) &&
      /^[0-9]+$/.test(al) &&
      BigInt(del) > BigInt(al)
    ) {
      out.push(issue(`${p}.docAl`, 'INVALID_RANGE', 'docAl must not be lower than docDel'));
    }
  });
  const res = doc['resumen'] as O;
  const s = (k: string) => sum(items.map((it) => z(it[k])));
  near(res['totalNoSuj'], s('ventaNoSuj'), 'resumen.totalNoSuj', out);
  near(res['totalExenta'], s('ventaExenta'), 'resumen.totalExenta', out);
  near(res['totalGravada'], s('ventaGravada'), 'resumen.totalGravada', out);
  near(
    res['subTotal'],
    z(res['totalNoSuj']).plus(z(res['totalExenta'])).plus(z(res['totalGravada'])),
    'resumen.subTotal',
    out,
  );
  near(
    res['total'],
    z(res['subTotal']).plus(sum(list(res['tributos']).map((t) => z(t['valor'])))),
    'resumen.total',
    out,
  );
}
