// DCL v2 structure and rules (formulas documented in dcl.ts).
import * as CAT from '../catalogs/index.js';
import { DTE_VERSIONS, type DteIssue, issue } from '../model.js';
import { IVA_RATE, ZERO } from '../money.js';
import { apendiceShape, direccionShape, identificacionShape, NIT_RE } from '../validate/pieces.js';
import {
  checkActividad,
  checkCode,
  checkContingency,
  checkDireccion,
  checkEmisor,
  checkNit,
  d,
  near,
  type O,
} from '../validate/semantic.js';
import { m2, nul, num, obj, str } from '../validate/shape.js';

const pos2 = () => num({ exMin: 0, exMax: 1e11, dp: 2 });

export const dclShape = obj({
  identificacion: identificacionShape('09', DTE_VERSIONS['09'], { contingency: false }),
  emisor: obj({
    nit: str({ re: NIT_RE }),
    nrc: str({ re: /^[0-9]{2,8}$/ }),
    nombre: str({ min: 1, max: 250 }),
    codActividad: str({ re: /^[0-9]{5,6}$/ }),
    descActividad: str({ min: 5, max: 150 }),
    nombreComercial: nul(str({ min: 1, max: 150 })),
    telefono: str({ min: 8, max: 30 }),
    correo: str({ min: 6, max: 100 }),
    direccion: direccionShape(),
    codigo: nul(str({ min: 4, max: 4 })),
    puntoVenta: nul(str({ min: 1, max: 15 })),
  }),
  receptor: obj({
    nit: str({ re: NIT_RE }),
    nrc: nul(str({ re: /^[0-9]{2,8}$/ })),
    nombre: str({ min: 1, max: 250 }),
    codActividad: str({ re: /^[0-9]{5,6}$/ }),
    descActividad: str({ min: 5, max: 150 }),
    nombreComercial: nul(str({ min: 1, max: 150 })),
    tipoEstablecimiento: str(),
    direccion: nul(direccionShape()),
    telefono: nul(str({ min: 8, max: 30 })),
    correo: str({ min: 6, max: 100 }),
  }),
  cuerpoDocumento: obj({
    periodoLiquidacionFechaInicio: str({ date: true }),
    periodoLiquidacionFechaFin: str({ date: true }),
    codLiquidacion: nul(str({ min: 1, max: 30 })),
    cantidadDoc: nul(num({ exMin: 0, exMax: 1e9 })),
    valorOperaciones: pos2(),
    montoSinPercepcion: nul(m2()),
    descripSinPercepcion: nul(str({ min: 1, max: 100 })),
    subTotal: pos2(),
    iva: pos2(),
    montoSujetoPercepcion: pos2(),
    ivaPercibido: pos2(),
    comision: m2(),
    porcentComision: num({ min: 0, max: 100, dp: 2 }),
    ivaComision: m2(),
    liquidoApagar: pos2(),
    totalLetras: str({ min: 1, max: 200 }),
    observaciones: nul(str({ min: 1, max: 1000 })),
  }),
  extension: obj({
    nombEntrega: str({ min: 1, max: 100 }),
    docuEntrega: str({ min: 1, max: 25 }),
    codEmpleado: nul(str({ min: 1, max: 15 })),
  }),
  apendice: apendiceShape(),
});

export function checkDcl(doc: O, out: DteIssue[]): void {
  checkContingency(doc['identificacion'], out);
  checkEmisor(doc['emisor'], out);
  const rec = doc['receptor'] as O;
  checkNit(rec['nit'], 'receptor.nit', out);
  checkActividad(rec['codActividad'], 'receptor.codActividad', out);
  checkDireccion(rec['direccion'], 'receptor.direccion', out);
  checkCode(rec['tipoEstablecimiento'], CAT.TIPOS_ESTABLECIMIENTO, 'CAT-009', 'receptor.tipoEstablecimiento', out);
  const c = doc['cuerpoDocumento'] as O;
  const z = (k: string) => d(c[k]) ?? ZERO;
  const p = (k: string) => `cuerpoDocumento.${k}`;
  if (String(c['periodoLiquidacionFechaFin']) < String(c['periodoLiquidacionFechaInicio']))
    out.push(issue(p('periodoLiquidacionFechaFin'), 'INVALID_RANGE', 'the period ends before it starts'));
  near(c['iva'], z('valorOperaciones').minus(z('montoSinPercepcion')).minus(z('subTotal')), p('iva'), out);
  near(c['ivaComision'], z('comision').times(IVA_RATE), p('ivaComision'), out);
  near(c['comision'], z('valorOperaciones').times(z('porcentComision')).div(100), p('comision'), out);
  near(
    c['liquidoApagar'],
    z('valorOperaciones').minus(z('ivaPercibido')).minus(z('comision')).minus(z('ivaComision')),
    p('liquidoApagar'),
    out,
  );
}
