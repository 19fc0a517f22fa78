// emisor section variants. v2.0 moved codEstableMH/codPuntoVentaMH into numeroControl; codEstable/codPuntoVenta stay
// as the taxpayer's own codes.
import { onlyDigits } from '../dui-nit-nrc.js';
import type { Emisor } from '../model.js';

export function emisorCore(e: Emisor): Record<string, unknown> {
  return {
    nit: onlyDigits(e.nit),
    nrc: onlyDigits(e.nrc),
    nombre: e.nombre,
    codActividad: e.codActividad,
    descActividad: e.descActividad,
    nombreComercial: e.nombreComercial,
    direccion: { ...e.direccion },
    telefono: e.telefono,
    correo: e.correo,
  };
}

/** FE, CCF, NR, CR, CL, FEX, FSE, CD: core + the taxpayer's own establishment/POS codes. */
export function emisorWithCodes(e: Emisor): Record<string, unknown> {
  return { ...emisorCore(e), codEstable: e.codEstable, codPuntoVenta: e.codPuntoVenta };
}
