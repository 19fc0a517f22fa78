import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { AppError, ErrorCode, ValidationError } from '../../core/errors.js';
import { buildDte, dteSummary, elSalvadorDateTime, newCodigoGeneracion, validateDte, type EmissionInput } from '../../dte/index.js';
import { checkDeclared, type DeclaredAmount } from '../../dte/input/v1-shape.js';
import { enqueue } from '../../queue/enqueue.js';
import { emissionInvalidationDeadline, isPerishable } from '../calendar/emission-deadlines.js';
import { transmitInvoiceJob } from '../transmission/transmit-invoice.job.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { checkCreditNoteBalance } from './credit-balance.js';
import { resolveEmisor } from './emisor.js';
import { Invoice, InvoiceEvent } from './invoice.entity.js';
import { transition } from './invoice-transitions.js';

const DAY = 24 * 3_600_000;

/**
 * SIGMA fixes the data of a document MH rejected and posts it again under the same referenciaExterna: the invoice is
 * rebuilt from the new body and transmitted again (REJECTED → QUEUED). MH: a rejected DTE corrected within 24 h is resent
 * with the same codigoGeneracion, after that with a new one. The numeroControl stays: MH never took it.
 */
export async function correctRejectedInvoice(ctx: Context, invoiceId: string, input: EmissionInput, body: Record<string, unknown>, requestHash: string, declared: readonly DeclaredAmount[] = []): Promise<Invoice> {
  return ctx.em.fork().transactional(async (tx) => {
    const inv = await tx.findOneOrFail(Invoice, { id: invoiceId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (inv.requestHash === requestHash) return inv; // a concurrent identical correction won
    if (inv.status !== 'REJECTED') throw duplicateReference(inv);
    if (input.tipoDte !== inv.tipoDte) {
      throw new AppError(ErrorCode.DUPLICATE_REFERENCE, `a correction of rejected invoice ${inv.id} keeps its document type (${inv.tipoDte})`, [
        { path: 'tipoDte', code: 'CORRECTION_CHANGES_TYPE', message: `the rejected document is a ${inv.tipoDte}; emit a new one under another referenciaExterna` },
      ]);
    }
    const tenant = await tx.findOneOrFail(Tenant, { id: inv.tenant.id });
    const resolved = await resolveEmisor(tx, tenant, { codEstableMH: inv.codEstableMH, codPuntoVentaMH: inv.codPuntoVentaMH });
    if ('issues' in resolved) throw new ValidationError(resolved.issues);
    const now = ctx.clock.now();
    const rejectedAt = (await tx.findOne(InvoiceEvent, { invoice: inv.id, type: 'dte.rejected' }, { orderBy: { id: 'desc' } }))?.createdAt ?? inv.updatedAt;
    const previous = inv.codigoGeneracion;
    const codigoGeneracion = now.getTime() - rejectedAt.getTime() < DAY ? previous : newCodigoGeneracion();
    const { fecEmi, horEmi } = elSalvadorDateTime(now);
    const document = buildDte(input, resolved.emisor, { ambiente: inv.ambiente as '00' | '01', codigoGeneracion, numeroControl: inv.numeroControl, fecEmi, horEmi });
    const issues = [...validateDte(document), ...checkDeclared(document, declared)];
    if (issues.length) throw new ValidationError(issues);
    await checkCreditNoteBalance(tx, inv.tenant.id, input.tipoDte, document);
    const summary = dteSummary(document);
    const invalidationDeadline = await emissionInvalidationDeadline(tx, inv.tenant.id, input.tipoDte, fecEmi, body);
    Object.assign(inv, {
      requestHash, document, codigoGeneracion, fecEmi, horEmi, warnings: input.warnings.length ? input.warnings : null,
      totalPagar: summary.totalPagar, receptorNombre: summary.receptorNombre, receptorNumDocumento: summary.receptorNumDocumento, receptorCorreo: summary.receptorCorreo,
      invalidationDeadline, perishableMedicine: isPerishable(body),
      jws: null, sendAttempts: 0, observaciones: null, mhCodigoMsg: null, mhDescripcionMsg: null,
    });
    await transition(tx, inv, 'QUEUED', 'dte.corrected', { previousCodigoGeneracion: previous, codigoGeneracion });
    await enqueue(tx, transmitInvoiceJob, { invoiceId: inv.id }, { tenantId: inv.tenant.id });
    return inv;
  });
}

export function duplicateReference(found: Invoice): AppError {
  return new AppError(ErrorCode.DUPLICATE_REFERENCE, `referenciaExterna "${found.referenciaExterna}" was already used with a different body (invoice ${found.id}, ${found.status})`, [
    { path: 'referenciaExterna', code: 'DUPLICATE_REFERENCE', message: `already used by invoice ${found.id} with a different body` },
  ]);
}
