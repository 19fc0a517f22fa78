import type { Invoice } from '../invoices/invoice.entity.js';

/**
 * The "Archivo DTE" handed to the receptor: the DTE JSON + `firmaElectronica` (the JWS sent to MH) + `selloRecibido`
 * (Normativa v2.0 Anexo I Cuadro 11; FACTS.md §4/§7). Null until the document is signed. A contingency document
 * carries `selloRecibido: null` until MH receives it.
 */
export function archivoDte(inv: Pick<Invoice, 'document' | 'signedDocument' | 'selloRecibido'>): Record<string, unknown> | null {
  if (!inv.signedDocument) return null;
  return { ...inv.document, firmaElectronica: inv.signedDocument, selloRecibido: inv.selloRecibido ?? null };
}
