// Receptor checks shared by the types whose receptor carries tipoDocumento/numDocumento, codActividad and a direccion
// (NR, NC/ND, CR, CL, FSE, CD): identity-document check digits and catalog codes.
import type { DteIssue } from '../model.js';
import { checkActividad, checkDireccion, checkIdentityDoc, isObj } from './semantic.js';

export function checkReceptorIdentity(rec: unknown, out: DteIssue[]): void {
  if (!isObj(rec)) return;
  checkIdentityDoc(rec['tipoDocumento'], rec['numDocumento'], 'receptor', out);
  checkActividad(rec['codActividad'], 'receptor.codActividad', out);
  checkDireccion(rec['direccion'], 'receptor.direccion', out);
}
