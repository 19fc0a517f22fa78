// receptor variants. Identity numbers are sent as digits only: the v2.0 schemas carry no hyphenated DUI pattern and
// Anexo IV says "DUI = 9 dígitos".
import { onlyDigits } from '../dui-nit-nrc.js';
import type { ReceptorInput } from '../input/types.js';

export function docNumber(tipo: string | null, numero: string | null): string | null {
  if (numero === null) return null;
  return tipo === '13' || tipo === '36' ? onlyDigits(numero) : numero;
}

/** FE-style receptor: tipoDocumento/numDocumento + the rest, unknown keys null. */
export function receptorPersona(r: ReceptorInput, o: { nrcOnlyWithNit: boolean }): Record<string, unknown> {
  return {
    tipoDocumento: r.tipoDocumento,
    numDocumento: docNumber(r.tipoDocumento, r.numDocumento),
    nrc: r.nrc && (!o.nrcOnlyWithNit || r.tipoDocumento === '36') ? onlyDigits(r.nrc) : null,
    nombre: r.nombre,
    codActividad: r.codActividad,
    descActividad: r.descActividad,
    direccion: r.direccion ? { ...r.direccion } : null,
    telefono: r.telefono,
    correo: r.correo,
  };
}

/** CCF-family receptor with nombreComercial (NC/ND/NR/CR/CL use tipoDocumento+numDocumento). */
export function receptorContribuyente(r: ReceptorInput): Record<string, unknown> {
  return {
    tipoDocumento: r.tipoDocumento,
    numDocumento: docNumber(r.tipoDocumento, r.numDocumento),
    nrc: r.nrc ? onlyDigits(r.nrc) : null,
    nombre: r.nombre,
    codActividad: r.codActividad,
    descActividad: r.descActividad,
    nombreComercial: r.nombreComercial,
    direccion: r.direccion ? { ...r.direccion } : null,
    telefono: r.telefono,
    correo: r.correo,
  };
}
