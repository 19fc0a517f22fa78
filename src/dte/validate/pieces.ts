// Shape pieces shared by several document types (taken from the Normativa 2.0 field lists).
import { CODIGO_GENERACION } from '../identificacion-values.js';
import { arr, int, m2, m8, nul, num, obj, type ObjShape, type Shape, str } from './shape.js';

export const HOR = /^(0[0-9]|1[0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$/;
export const NIT_RE = /^([0-9]{14}|[0-9]{9})$/;

export function numeroControlRe(tipo: string): RegExp {
  return tipo === '15'
    ? /^DTE-15-[A-Z0-9]{8}-[0-9]{15}$/
    : new RegExp(`^DTE-${tipo}-[MBSP][0-9]{3}P[0-9]{3}-[0-9]{15}$`);
}

export function identificacionShape(
  tipo: string,
  version: number,
  opts: { contingency: boolean; fusion?: 'required' | 'optional' },
): ObjShape {
  const props: Record<string, Shape> = {
    version: int({ enum: [version] }),
    ambiente: str({ enum: ['00', '01'] }),
    tipoDte: str({ enum: [tipo] }),
    numeroControl: str({ min: 31, max: 31, re: numeroControlRe(tipo) }),
    codigoGeneracion: str({ min: 36, max: 36, re: CODIGO_GENERACION }),
    tipoModelo: int({ enum: [1, 2] }),
    tipoOperacion: int({ enum: [1, 2] }),
    fecEmi: str({ date: true }),
    horEmi: str({ re: HOR }),
    tipoMoneda: str({ enum: ['USD'] }),
  };
  if (opts.contingency) {
    props['tipoContingencia'] = nul(int({ enum: [1, 2, 3, 4, 5] }));
    props['motivoContin'] = nul(str({ min: 1, max: 500 }));
  }
  if (opts.fusion) props['fusion'] = nul(str({ re: NIT_RE }));
  return obj(props, { optional: opts.fusion === 'optional' ? ['fusion'] : [] });
}

export const direccionShape = (): ObjShape =>
  obj({
    departamento: str({ re: /^[0-9]{2}$/ }),
    municipio: str({ re: /^[0-9]{2}$/ }),
    distrito: str({ re: /^[0-9]{2}$/ }),
    complemento: str({ min: 1, max: 200 }),
  });

export function emisorShape(extra: Record<string, Shape> = {}, codes = true): ObjShape {
  return obj({
    nit: str({ re: NIT_RE }),
    nrc: str({ re: /^[0-9]{2,8}$/ }),
    nombre: str({ min: 1, max: 250 }),
    codActividad: str({ re: /^[0-9]{5,6}$/ }),
    descActividad: str({ min: 5, max: 150 }),
    nombreComercial: nul(str({ min: 1, max: 150 })),
    direccion: direccionShape(),
    telefono: str({ min: 8, max: 30 }),
    correo: str({ min: 6, max: 100 }),
    ...(codes ? { codEstable: nul(str({ min: 4, max: 4 })), codPuntoVenta: nul(str({ min: 1, max: 15 })) } : {}),
    ...extra,
  });
}

export const documentoRelacionadoShape = (nullable: boolean, tipos?: readonly string[]): Shape => {
  const s = arr(
    obj({
      tipoDocumento: str(tipos ? { enum: tipos } : { re: /^[0-9]{2}$/ }),
      tipoGeneracion: int({ enum: [1, 2] }),
      numeroDocumento: str({ min: 1, max: 36 }),
      fechaEmision: str({ date: true }),
    }),
    { min: 1, max: 50 },
  );
  return nullable ? nul(s) : s;
};

export const ventaTerceroShape = (): Shape =>
  nul(
    obj({
      nit: nul(str({ min: 1, max: 20 })),
      nombre: str({ min: 1, max: 250 }),
      codDomiciliado: nul(int({ enum: [1, 2] })),
    }),
  );

export const otrosDocumentosMedicoShape = (): Shape =>
  nul(
    arr(
      obj({
        codDocAsociado: int({ min: 1, max: 4 }),
        descDocumento: nul(str({ min: 3, max: 100 })),
        detalleDocumento: nul(str({ min: 3, max: 300 })),
        medico: nul(
          obj({
            nombre: str({ min: 1, max: 100 }),
            nit: nul(str({ re: NIT_RE })),
            docIdentificacion: nul(str({ min: 1, max: 25 })),
            tipoServicio: int({ min: 1, max: 6 }),
          }),
        ),
      }),
      { min: 1, max: 10 },
    ),
  );

export const apendiceShape = (): Shape =>
  nul(
    arr(
      obj({ campo: str({ min: 1, max: 25 }), etiqueta: str({ min: 1, max: 50 }), valor: str({ min: 1, max: 150 }) }),
      { min: 1, max: 10 },
    ),
  );

export const tributosResumenShape = (): Shape =>
  nul(
    arr(obj({ codigo: str({ min: 2, max: 2 }), descripcion: str({ min: 1, max: 300 }), valor: m2() }), {
      unique: true,
    }),
  );

export const pagosShape = (withPlazo = true): Shape =>
  nul(
    arr(
      obj({
        codigo: str({ re: /^[0-9]{2}$/ }),
        montoPago: m2(),
        referencia: nul(str({ max: 50 })),
        ...(withPlazo ? { plazo: nul(str({ re: /^0[1-3]$/ })), periodo: nul(num({ exMin: 0 })) } : {}),
      }),
      { min: 1 },
    ),
  );

export const itemTributosShape = (): Shape => nul(arr(str({ min: 2, max: 2 }), { min: 1, unique: true }));
export { m8 };
