import type { Context } from '../../context.js';
import type { ErrorCode } from '../../core/errors.js';
import { invalid, ok, type Failure, type Result } from '../../core/result.js';
import { expandServiceItems } from '../services/emission-items.js';
import { receptorForEmission } from './receptor-for-emission.js';

type Obj = Record<string, unknown>;

const PROFILE_FIELDS_NOT_ON: Readonly<Record<string, readonly string[]>> = {
  '01': ['nombreComercial'],
  '14': ['nombreComercial'],
  '11': ['nrc', 'codActividad', 'direccion'],
};

/** MH allows at most 2000 cuerpoDocumento lines; checked before any lookup so a huge body costs nothing. */
export const MAX_ITEMS_PER_INVOICE = 2000;

/** MH's rules: a receptor with NIT and NRC is a contribuyente and receives a CCF (03); anyone else a Factura (01). */
export function inferTipoDte(receptor: unknown): '01' | '03' {
  const r = (receptor && typeof receptor === 'object' ? receptor : {}) as Obj;
  const nit = !r.tipoDocumento || r.tipoDocumento === '36';
  return nit && typeof r.numDocumento === 'string' && r.numDocumento && typeof r.nrc === 'string' && r.nrc
    ? '03'
    : '01';
}

/**
 * Turns the SIGMA request into the emission body docs/dte-input.md describes: `patientId` without an inline receptor
 * takes SIGMA's patient fields and the patient's fiscal profile (see receptorForEmission), items by `serviceId` take
 * the service mapping, and a missing tipoDte is inferred from the receptor. A patient nothing is known of emits to a
 * consumidor final (FE).
 */
export async function expandEmission(
  ctx: Context,
  body: unknown,
): Promise<Result<unknown, Failure<ErrorCode.VALIDATION_FAILED | ErrorCode.NOT_FOUND>>> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return ok(body);
  const b = { ...(body as Obj) };
  if (Array.isArray(b.items) && b.items.length > MAX_ITEMS_PER_INVOICE) {
    const message = `an invoice allows at most ${MAX_ITEMS_PER_INVOICE} items`;
    return invalid([{ path: 'items', code: 'TOO_MANY', message }]);
  }
  let fromProfile = false;
  if (typeof b.patientId === 'string' && (b.receptor === undefined || b.receptor === null)) {
    const found = await receptorForEmission(ctx, b.patientId);
    if (!found.ok) return found;
    const receptor = found.value;
    if (receptor) b.receptor = receptor;
    fromProfile = !!receptor;
  }
  if (b.tipoDte === undefined || b.tipoDte === null) b.tipoDte = inferTipoDte(b.receptor);
  // The stored profile may hold fields this document type has no place for (unknown-field checks are for what the
  // caller wrote, not for what FacturaXpress filled in).
  const drop = fromProfile ? (PROFILE_FIELDS_NOT_ON[String(b.tipoDte)] ?? []) : [];
  if (drop.length)
    b.receptor = Object.fromEntries(Object.entries(b.receptor as Obj).filter(([k]) => !drop.includes(k)));
  const items = await expandServiceItems(ctx, b.items, String(b.tipoDte));
  if (!items.ok) return items;
  return ok({ ...b, items: items.value });
}
