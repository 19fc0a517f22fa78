// CD v2 structure and rules.
import * as CAT from '../catalogs/index.js';
import { DTE_VERSIONS, type DteIssue } from '../model.js';
import { sum, ZERO } from '../money.js';
import { apendiceShape, direccionShape, identificacionShape, pagosShape } from '../validate/pieces.js';
import {
  checkCode,
  checkContingency,
  checkEmisor,
  checkIdentityDoc,
  checkPagos,
  d,
  list,
  near,
  type O,
} from '../validate/semantic.js';
import { checkReceptorIdentity } from '../validate/receptor.js';
import { arr, int, m2, m8, nul, num, obj, str } from '../validate/shape.js';
import { isResumen } from '../validate/ventas.js';

export const cdShape = obj({
  identificacion: identificacionShape('15', DTE_VERSIONS['15'], { contingency: false }),
  emisor: obj({
    tipoDocumento: str(),
    numDocumento: str({ min: 9, max: 14 }),
    nrc: nul(str({ re: /^[0-9]{2,8}$/ })),
    nombre: str({ min: 1, max: 250 }),
    codActividad: str({ re: /^[0-9]{5,6}$/ }),
    descActividad: str({ min: 5, max: 150 }),
    nombreComercial: nul(str({ min: 1, max: 150 })),
    direccion: direccionShape(),
    telefono: str({ min: 8, max: 30 }),
    correo: str({ min: 6, max: 100 }),
    codEstable: nul(str({ min: 4, max: 4 })),
    codPuntoVenta: nul(str({ min: 1, max: 15 })),
  }),
  receptor: obj({
    tipoDocumento: str(),
    numDocumento: str({ min: 1, max: 20 }),
    nrc: nul(str({ re: /^[0-9]{2,8}$/ })),
    nombre: str({ min: 1, max: 250 }),
    codActividad: nul(str({ re: /^[0-9]{5,6}$/ })),
    descActividad: nul(str({ min: 1, max: 150 })),
    direccion: nul(direccionShape()),
    telefono: nul(str({ min: 8, max: 30 })),
    correo: nul(str({ min: 6, max: 100 })),
    codDomiciliado: int({ enum: [1, 2] }),
    codPais: str({ re: /^[A-Z]{2}$/ }),
  }),
  otrosDocumentos: arr(
    obj({
      codDocAsociado: int({ min: 1, max: 4 }),
      descDocumento: nul(str({ min: 3, max: 100 })),
      detalleDocumento: nul(str({ min: 3, max: 300 })),
    }),
    { min: 1, max: 10 },
  ),
  cuerpoDocumento: arr(
    obj({
      numItem: int({ min: 1, max: 2000 }),
      tipoDonacion: int({ enum: [1, 2, 3] }),
      cantidad: num({ exMin: 0, exMax: 1e11, dp: 8 }),
      codigo: nul(str({ min: 1, max: 25 })),
      uniMedida: int({ min: 1, max: 99 }),
      descripcion: str({ min: 1, max: 1500 }),
      tipoDepreciacion: m8(),
      valorUni: m8(),
      valor: m8(),
    }),
    { min: 1, max: 2000 },
  ),
  resumen: obj({ valorTotal: m2(), totalLetras: nul(str({ min: 1, max: 200 })), pagos: pagosShape(false) }),
  apendice: apendiceShape(),
});

export function checkCd(doc: O, out: DteIssue[]): void {
  checkContingency(doc['identificacion'], out);
  const em = doc['emisor'] as O;
  checkEmisor(em, out, 'numDocumento');
  checkIdentityDoc(em['tipoDocumento'], em['numDocumento'], 'emisor', out);
  const rec = doc['receptor'] as O;
  checkReceptorIdentity(rec, out);
  checkCode(rec['codPais'], CAT.PAISES, 'CAT-020', 'receptor.codPais', out);
  const items = list(doc['cuerpoDocumento']);
  const z = (v: unknown) => d(v) ?? ZERO;
  items.forEach((it, i) => {
    checkCode(it['uniMedida'], CAT.UNIDADES_MEDIDA, 'CAT-014', `cuerpoDocumento[${i}].uniMedida`, out);
    near(
      it['valor'],
      z(it['cantidad']).times(z(it['valorUni'])).minus(z(it['tipoDepreciacion'])),
      `cuerpoDocumento[${i}].valor`,
      out,
    );
  });
  const res = isResumen(doc);
  near(res['valorTotal'], sum(items.map((it) => z(it['valor']))), 'resumen.valorTotal', out);
  checkPagos(res['pagos'], res['valorTotal'], out);
}
