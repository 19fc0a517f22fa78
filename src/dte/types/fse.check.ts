// FSE v2 structure and rules.
import * as CAT from '../catalogs/index.js';
import { DTE_VERSIONS, type DteIssue, issue } from '../model.js';
import { sum, ZERO } from '../money.js';
import { apendiceShape, direccionShape, identificacionShape, NIT_RE, pagosShape } from '../validate/pieces.js';
import {
  checkCode,
  checkContingency,
  checkEmisor,
  checkItemCatalogs,
  checkPagos,
  d,
  list,
  near,
  type O,
} from '../validate/semantic.js';
import { checkReceptorIdentity } from '../validate/receptor.js';
import { arr, int, m2, m8, nul, num, obj, str } from '../validate/shape.js';
import { isResumen } from '../validate/ventas.js';

export const fseShape = obj({
  identificacion: identificacionShape('14', DTE_VERSIONS['14'], { contingency: true }),
  emisor: obj({
    nit: str({ re: NIT_RE }),
    nrc: nul(str({ re: /^[0-9]{2,8}$/ })),
    nombre: str({ min: 1, max: 250 }),
    codActividad: str({ re: /^[0-9]{5,6}$/ }),
    descActividad: str({ min: 5, max: 150 }),
    direccion: direccionShape(),
    telefono: str({ min: 8, max: 30 }),
    codEstable: nul(str({ min: 4, max: 4 })),
    codPuntoVenta: nul(str({ min: 1, max: 15 })),
    correo: str({ min: 6, max: 100 }),
  }),
  receptor: obj({
    tipoDocumento: str(),
    numDocumento: str({ min: 1, max: 20 }),
    nombre: str({ min: 1, max: 250 }),
    codActividad: nul(str({ re: /^[0-9]{5,6}$/ })),
    descActividad: nul(str({ min: 5, max: 150 })),
    direccion: direccionShape(),
    telefono: nul(str({ min: 8, max: 30 })),
    correo: nul(str({ min: 6, max: 100 })),
  }),
  cuerpoDocumento: arr(
    obj({
      numItem: int({ min: 1, max: 2000 }),
      tipoItem: int({ min: 1, max: 4 }),
      cantidad: num({ exMin: 0, exMax: 1e11, dp: 8 }),
      codigo: nul(str({ min: 1, max: 25 })),
      uniMedida: int({ min: 1, max: 99 }),
      descripcion: str({ min: 1, max: 1500 }),
      precioUni: m8(),
      montoDescu: m8(),
      compra: m8(),
    }),
    { min: 1, max: 2000 },
  ),
  resumen: obj({
    totalCompra: m2(),
    descu: m2(),
    totalDescu: m2(),
    subTotal: m2(),
    reteRenta: m2(),
    totalPagar: m2(),
    totalLetras: nul(str({ min: 1, max: 200 })),
    condicionOperacion: int({ enum: [1, 2, 3] }),
    pagos: pagosShape(),
    observaciones: nul(str({ min: 1, max: 3000 })),
  }),
  apendice: apendiceShape(),
});

export function checkFse(doc: O, out: DteIssue[]): void {
  checkContingency(doc['identificacion'], out);
  checkEmisor(doc['emisor'], out);
  checkReceptorIdentity(doc['receptor'], out);
  const items = list(doc['cuerpoDocumento']);
  checkItemCatalogs(items, out);
  items.forEach((it, i) => {
    const exp = (d(it['cantidad']) ?? ZERO).times(d(it['precioUni']) ?? ZERO).minus(d(it['montoDescu']) ?? ZERO);
    near(it['compra'], exp, `cuerpoDocumento[${i}].compra`, out);
  });
  const res = isResumen(doc);
  checkCode(res['condicionOperacion'], CAT.CONDICIONES_OPERACION, 'CAT-016', 'resumen.condicionOperacion', out);
  near(res['totalCompra'], sum(items.map((it) => d(it['compra']) ?? ZERO)), 'resumen.totalCompra', out);
  const subTotal = (d(res['totalCompra']) ?? ZERO).minus(d(res['descu']) ?? ZERO);
  near(res['subTotal'], subTotal, 'resumen.subTotal', out);
  near(
    res['totalDescu'],
    sum(items.map((it) => d(it['montoDescu']) ?? ZERO)).plus(d(res['descu']) ?? ZERO),
    'resumen.totalDescu',
    out,
  );
  near(res['totalPagar'], subTotal.minus(d(res['reteRenta']) ?? ZERO), 'resumen.totalPagar', out);
  if ((d(res['reteRenta']) ?? ZERO).gt(subTotal))
    out.push(issue('resumen.reteRenta', 'OUT_OF_RANGE', 'reteRenta exceeds subTotal'));
  checkPagos(res['pagos'], res['totalPagar'], out);
}
