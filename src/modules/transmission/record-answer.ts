import type { ProcessedOutcome, RejectedOutcome } from '../../hacienda/index.js';
import type { InvoiceStatus } from '../invoices/invoice-lifecycle.js';
import { queueInvoiceEmail } from '../email/queue-invoice-email.js';
import { transition } from '../invoices/invoice-transitions.js';
import { lockInvoice, type JobScope } from './job-scope.js';

/** MH's final word on a document (from recepción, consulta or a lote): PROCESSED with its sello, or REJECTED. */
export async function recordMhAnswer(scope: JobScope, id: string, o: ProcessedOutcome | RejectedOutcome, from: InvoiceStatus[]): Promise<boolean> {
  return scope.em.fork().transactional(async (tx) => {
    const inv = await lockInvoice(tx, id, false);
    if (!from.includes(inv.status)) return false;
    inv.mhCodigoMsg = o.codigoMsg;
    inv.mhDescripcionMsg = o.descripcionMsg;
    inv.observaciones = o.observaciones;
    if (scope.app.mh.isSandbox) inv.sandbox = true; // the answer came from a sandbox, not MH
    if (o.kind === 'processed') {
      inv.selloRecibido = o.selloRecibido;
      inv.fhProcesamiento = o.fhProcesamiento;
      inv.processedAt = scope.app.clock.now();
      await transition(tx, inv, 'PROCESSED', 'dte.processed', { selloRecibido: o.selloRecibido, codigoMsg: o.codigoMsg, observaciones: o.observaciones });
      // The receptor gets the document once MH has processed it, committed with the state change.
      if (inv.receptorCorreo) await queueInvoiceEmail(tx, inv, inv.receptorCorreo);
    } else {
      await transition(tx, inv, 'REJECTED', 'dte.rejected', { codigoMsg: o.codigoMsg, descripcionMsg: o.descripcionMsg, observaciones: o.observaciones });
    }
    return true;
  });
}
