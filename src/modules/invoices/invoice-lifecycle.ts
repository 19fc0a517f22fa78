import { AppError, ErrorCode } from '../../core/errors.js';

/**
 * The invoice lifecycle, as one table. An illegal move is a bug (it throws), never silently applied.
 *   QUEUED → SIGNED → SENT → PROCESSED | REJECTED
 *   SENT → UNKNOWN (timeout) → consultadte → PROCESSED | REJECTED, or resend (SENT, at most 2 resends) → CONTINGENCY
 *   SIGNED/SENT/UNKNOWN → CONTINGENCY (MH unreachable) → PROCESSED | REJECTED (via event + lote)
 *   REJECTED → QUEUED (SIGMA corrects the data and posts again under the same referenciaExterna)
 *   PROCESSED → INVALIDATED
 */
export const INVOICE_STATUSES = [
  'QUEUED',
  'SIGNED',
  'SENT',
  'UNKNOWN',
  'PROCESSED',
  'REJECTED',
  'CONTINGENCY',
  'INVALIDATED',
] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const TRANSITIONS: Record<InvoiceStatus, readonly InvoiceStatus[]> = {
  QUEUED: ['SIGNED'],
  SIGNED: ['SENT', 'CONTINGENCY'],
  SENT: ['PROCESSED', 'REJECTED', 'UNKNOWN', 'SIGNED', 'CONTINGENCY'],
  UNKNOWN: ['PROCESSED', 'REJECTED', 'SENT', 'CONTINGENCY'],
  CONTINGENCY: ['PROCESSED', 'REJECTED'],
  PROCESSED: ['INVALIDATED'],
  REJECTED: ['QUEUED'], // corrected by SIGMA and sent again (correct-rejected-invoice.ts)
  INVALIDATED: [],
};

/** Where the pipeline stops (a REJECTED document only moves again when SIGMA corrects it). */
export const FINAL_STATUSES: readonly InvoiceStatus[] = ['PROCESSED', 'REJECTED', 'INVALIDATED'];

export function canMove(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertMove(from: InvoiceStatus, to: InvoiceStatus): void {
  if (!canMove(from, to)) throw new AppError(ErrorCode.INVALID_STATE, `illegal invoice transition ${from} → ${to}`);
}
