import type { Invoice } from '../invoices/invoice.entity.js';
import { compactJws } from '../invoices/invoice-jws.js';

/**
 * The "Archivo DTE" handed to the receptor: the DTE JSON + `firmaElectronica` (the JWS sent to MH) + `selloRecibido`
 * (Normativa v2.0 Anexo I Cuadro 11; MH's rules). Null until the document is signed. A contingency document
 * carries `selloRecibido: null` until MH receives it. `jws` is compactJws(inv), when the caller has it already.
 */
export function archivoDte(
  inv: Pick<Invoice, 'document' | 'jws' | 'selloRecibido'>,
  jws: string | null = compactJws(inv),
): Record<string, unknown> | null {
  if (!jws) return null;
  return { ...inv.document, firmaElectronica: jws, selloRecibido: inv.selloRecibido ?? null };
}
