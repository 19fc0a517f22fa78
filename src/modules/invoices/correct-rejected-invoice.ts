import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { ErrorCode } from '../../core/errors.js';
import { fail, ok, type Failure, type Result } from '../../core/result.js';
import { elSalvadorDateTime, newCodigoGeneracion, type EmissionInput } from '../../dte/index.js';
import type { DeclaredAmount } from '../../dte/input/v1-shape.js';
import { enqueue } from '../../queue/enqueue.js';
import { transmitInvoiceJob } from '../transmission/transmit-invoice.job.js';
import { checkedDocument, loadEmisor } from './checked-document.js';
import { Invoice, InvoiceEvent } from './invoice.entity.js';
import { duplicateReference } from './invoice.errors.js';
import { transition } from './invoice-transitions.js';

const DAY = 24 * 3_600_000;

/**
 * SIGMA fixes the data of a document MH rejected and posts it again under the same referenciaExterna: the invoice is
 * rebuilt from the new body and transmitted again (REJECTED → QUEUED). MH: a rejected DTE corrected within 24 h is
 * resent with the same codigoGeneracion, after that with a new one. The numeroControl stays: MH never took it.
 */
export async function correctRejectedInvoice(
  ctx: Context,
  invoiceId: string,
  input: EmissionInput,
  body: Record<string, unknown>,
  requestHash: string,
  declared: readonly DeclaredAmount[] = [],
): Promise<Result<Invoice, Failure<ErrorCode.VALIDATION_FAILED | ErrorCode.DUPLICATE_REFERENCE>>> {
  // A failure returns before anything is written: the transaction commits nothing and releases the row lock.
  return ctx.em.fork().transactional(async (tx) => {
    const inv = await tx.findOneOrFail(Invoice, { id: invoiceId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (inv.requestHash === requestHash) return ok(inv); // a concurrent identical correction won
    if (inv.status !== 'REJECTED') return duplicateReference(inv);
    if (input.tipoDte !== inv.tipoDte) {
      const message = `a correction of rejected invoice ${inv.id} keeps its document type (${inv.tipoDte})`;
      return fail(ErrorCode.DUPLICATE_REFERENCE, message, [
        {
          path: 'tipoDte',
          code: 'CORRECTION_CHANGES_TYPE',
          message: `the rejected document is a ${inv.tipoDte}; emit a new one under another referenciaExterna`,
        },
      ]);
    }
    const pos = { codEstableMH: inv.codEstableMH, codPuntoVentaMH: inv.codPuntoVentaMH };
    const emisor = await loadEmisor(tx, inv.tenant.id, pos);
    if (!emisor.ok) return emisor;
    const now = ctx.clock.now();
    const rejectedAt =
      (await tx.findOne(InvoiceEvent, { invoice: inv.id, type: 'dte.rejected' }, { orderBy: { id: 'desc' } }))
        ?.createdAt ?? inv.updatedAt;
    const previous = inv.codigoGeneracion;
    const codigoGeneracion = now.getTime() - rejectedAt.getTime() < DAY ? previous : newCodigoGeneracion();
    const { fecEmi, horEmi } = elSalvadorDateTime(now);
    const ident = { ambiente: inv.ambiente, codigoGeneracion, numeroControl: inv.numeroControl, fecEmi, horEmi };
    const opts = { declared, lockCredited: true };
    const checked = await checkedDocument(() => tx, inv.tenant.id, input, emisor.value, ident, body, opts);
    if (!checked.ok) return checked;
    const { document, summary, invalidationDeadline, perishableMedicine } = checked.value;
    Object.assign(inv, {
      requestHash,
      document,
      codigoGeneracion,
      fecEmi,
      horEmi,
      warnings: input.warnings.length ? input.warnings : null,
      totalPagar: summary.totalPagar,
      receptorNombre: summary.receptorNombre,
      receptorNumDocumento: summary.receptorNumDocumento,
      receptorCorreo: summary.receptorCorreo,
      invalidationDeadline,
      perishableMedicine,
      jws: null,
      sendAttempts: 0,
      observaciones: null,
      mhCodigoMsg: null,
      mhDescripcionMsg: null,
    });
    await transition(tx, inv, 'QUEUED', 'dte.corrected', { previousCodigoGeneracion: previous, codigoGeneracion });
    await enqueue(tx, transmitInvoiceJob, { invoiceId: inv.id }, { tenantId: inv.tenant.id });
    return ok(inv);
  });
}
