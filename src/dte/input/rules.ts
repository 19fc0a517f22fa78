// Receptor rules per type: required fields and identity-document check digits at parse time.
import { isValidDui, isValidNrc, nitProblem } from '../dui-nit-nrc.js';
import { join, type Obj, type Reader } from './reader.js';
import type { EmissionInput, ReceptorInput } from './types.js';

export function checkIdentity(
  r: Reader,
  tipo: string | null,
  numero: string | null,
  path: string,
  numKey = 'numDocumento',
): void {
  if (!tipo || !numero) return;
  const p = join(path, numKey);
  if ((tipo === '13' || tipo === '36') && isPlaceholderDocument(numero)) {
    r.add(p, 'PLACEHOLDER_DOCUMENT', `${numKey} '${numero}' is all zeros: not an identity document`, {
      field: numKey,
      value: numero,
    });
    return;
  }
  if (tipo === '13') {
    if (!/^[0-9]{8}-?[0-9]$/.test(numero))
      r.add(p, 'INVALID_DUI_FORMAT', `${numKey} must be a DUI: ########-# or 9 digits`);
    else if (!isValidDui(numero))
      r.add(
        p,
        'INVALID_DUI_CHECK_DIGIT',
        `${numKey} '${numero}' has a wrong DUI check digit (MH DUI/NIT/NRC check rules)`,
      );
  } else if (tipo === '36') {
    checkNitValue(r, numero, p);
  }
}

/** What front desks type when the person shows no document: 00000000-0, 0000-000000-000-0, … */
export function isPlaceholderDocument(numero: string): boolean {
  return /^[0\s-]+$/.test(numero) && /0/.test(numero);
}

export function checkNitValue(r: Reader, v: string, p: string): void {
  if (isPlaceholderDocument(v)) {
    r.add(p, 'PLACEHOLDER_DOCUMENT', `'${v}' is all zeros: not a NIT`, { field: 'nit', value: v });
    return;
  }
  const prob = nitProblem(v);
  if (prob === 'format')
    r.add(
      p,
      'INVALID_NIT_FORMAT',
      'NIT must be 14 digits (hyphens allowed) or a 9-digit DUI (MH DUI/NIT/NRC check rules)',
    );
  if (prob === 'dui_check')
    r.add(
      p,
      'INVALID_DUI_CHECK_DIGIT',
      `'${v}' used as NIT is a DUI with a wrong check digit (MH DUI/NIT/NRC check rules)`,
    );
  if (prob === 'nit_check')
    r.add(p, 'INVALID_NIT_CHECK_DIGIT', `'${v}' has a wrong NIT check digit (MH DUI/NIT/NRC check rules)`);
}

export function checkNrc(r: Reader, v: string | null, p: string): void {
  if (v && !isValidNrc(v)) r.add(p, 'INVALID_NRC_FORMAT', 'nrc must be 2–8 digits (written 123456-7 or 1234567)');
}

/** Marks every listed receptor field that is missing. */
export function requireReceptor(
  r: Reader,
  body: Obj,
  input: EmissionInput,
  fields: readonly (keyof ReceptorInput)[],
  label: string,
): ReceptorInput | null {
  const rec = input.receptor;
  if (!rec) {
    if (!r.isObj(r.get(body, 'receptor'))) r.add('receptor', 'REQUIRED', `receptor is required for ${label}`);
    return null;
  }
  // A document number without a type is read as a NIT (36): the usual case for taxpayer receptors.
  if (rec.numDocumento && !rec.tipoDocumento) rec.tipoDocumento = '36';
  for (const f of fields) {
    if (rec[f] === null) r.add(`receptor.${f}`, 'REQUIRED', `receptor.${f} is required for ${label}`);
  }
  return rec;
}

/** requireReceptor + the identity-document and NRC checks of receptors given by tipoDocumento/numDocumento. */
export function requireIdentifiedReceptor(
  r: Reader,
  body: Obj,
  input: EmissionInput,
  fields: readonly (keyof ReceptorInput)[],
  label: string,
): ReceptorInput | null {
  const rec = requireReceptor(r, body, input, fields, label);
  if (rec) {
    checkIdentity(r, rec.tipoDocumento, rec.numDocumento, 'receptor');
    checkNrc(r, rec.nrc, 'receptor.nrc');
  }
  return rec;
}
