import type { Context } from '../../context.js';
import { ErrorCode, type FieldIssue } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import { fail, invalid, ok, type Failure, type Result } from '../../core/result.js';
import {
  buildInvalidacion,
  dteSummary,
  elSalvadorDateTime,
  newCodigoGeneracion,
  validateDte,
} from '../../dte/index.js';
import { loadEmisor } from '../invoices/checked-document.js';
import { activeReturnOf } from '../fiscal-events/return-balance.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { invoiceNotFound } from '../invoices/invoice.errors.js';
import { transition } from '../invoices/invoice-transitions.js';
import { peopleIssues, sendInvalidation, type InvalidationSendFailure, type Person } from './invalidation-event.js';
import { lockInvoice } from './job-scope.js';

export type { Person } from './invalidation-event.js';

export interface InvalidateInvoiceInput {
  invoiceId: string;
  /** CAT-024: 1 error en la información, 2 rescindir la operación, 3 otro. */
  tipoAnulacion: 1 | 2 | 3;
  motivoAnulacion?: string | null;
  /** Types 1 and 3: the replacement document, already PROCESSED. */
  replacementInvoiceId?: string | null;
  responsable: Person;
  solicitante: Person;
}

/** Why an invoice is not invalidated: the input, the document's state or deadline, or MH's answer. */
export type InvalidateInvoiceFailure =
  | InvalidationSendFailure
  | Failure<ErrorCode.VALIDATION_FAILED | ErrorCode.NOT_FOUND | ErrorCode.INVALID_STATE | ErrorCode.DEADLINE_PASSED>;

/**
 * Builds, signs and sends the Invalidación v3 event for a PROCESSED document within MH's window for its type, and marks
 * it INVALIDATED once MH seals the event. MH's answer is awaited (the caller learns at once whether it stood).
 */
export async function invalidateInvoice(
  ctx: Context,
  input: InvalidateInvoiceInput,
): Promise<Result<Invoice, InvalidateInvoiceFailure>> {
  const tenantId = requireTenantScope(ctx, 'invoices:invalidate');
  const em = ctx.em.fork();
  const inv = await em.findOne(Invoice, { id: input.invoiceId });
  if (!inv) return invoiceNotFound(input.invoiceId);
  if (inv.status !== 'PROCESSED') {
    return fail(ErrorCode.INVALID_STATE, `only a PROCESSED document can be invalidated (this one is ${inv.status})`, [
      { path: 'invoiceId', code: 'NOT_PROCESSED', message: `status is ${inv.status}` },
    ]);
  }
  const today = elSalvadorDateTime(ctx.clock.now()).fecEmi;
  if (inv.invalidationDeadline && today > inv.invalidationDeadline) {
    const issued = `a ${inv.tipoDte} issued ${inv.fecEmi}`;
    const message = `MH accepts the invalidation of ${issued} until ${inv.invalidationDeadline}`;
    return fail(ErrorCode.DEADLINE_PASSED, message, [
      { path: 'invoiceId', code: 'INVALIDATION_DEADLINE_PASSED', message: `deadline was ${inv.invalidationDeadline}` },
    ]);
  }
  const replacement = await checkReplacement(em, input, inv);
  if (!replacement.ok) return replacement;
  const blocked = (await activeNoteOf(em, inv)) ?? (await activeReturnOf(em, inv));
  if (blocked) return blocked;

  const pos = { codEstableMH: inv.codEstableMH, codPuntoVentaMH: inv.codPuntoVentaMH };
  const resolved = await loadEmisor(em, tenantId, pos);
  if (!resolved.ok) return resolved;
  const summary = dteSummary(inv.document);
  const codigoGeneracion = newCodigoGeneracion();
  const event = buildInvalidacion(
    {
      documento: {
        tipoDte: inv.tipoDte,
        codigoGeneracion: inv.codigoGeneracion,
        selloRecibido: inv.selloRecibido!,
        numeroControl: inv.numeroControl,
        fecEmi: inv.fecEmi,
        codigoGeneracionR: replacement.value?.codigoGeneracion ?? null,
        tipoDocumento: summary.receptorTipoDocumento,
        numDocumento: summary.receptorNumDocumento,
        nombre: summary.receptorNombre,
      },
      motivo: {
        tipoAnulacion: input.tipoAnulacion,
        motivoAnulacion: input.motivoAnulacion ?? null,
        nombreResponsable: input.responsable.nombre,
        tipDocResponsable: input.responsable.tipoDocumento,
        numDocResponsable: input.responsable.numDocumento,
        nombreSolicita: input.solicitante.nombre,
        tipDocSolicita: input.solicitante.tipoDocumento,
        numDocSolicita: input.solicitante.numDocumento,
      },
    },
    resolved.value,
    { ambiente: inv.ambiente, codigoGeneracion, ...elSalvadorDateTime(ctx.clock.now()) },
  );
  // The window was checked above against the document's own deadline (the tenant's business-day calendar, the 2-year
  // window of perishable medicines); the pure validator only knows the national ordinary window.
  const issues = validateDte(event).filter((i) => i.code !== 'INVALIDATION_DEADLINE_EXCEEDED');
  if (issues.length) return invalid(issues.map((i) => ({ ...i, path: mapEventPath(i.path) })));
  const sent = await sendInvalidation(ctx, inv.tenant.id, inv.ambiente, event, 'invoiceId');
  if (!sent.ok) return sent;
  return ok(await recordInvalidation(ctx, inv, event, input, sent.value, replacement.value?.codigoGeneracion ?? null));
}

/** MH sealed the event: the invoice becomes INVALIDATED with the event's sello, in one transaction with its event. */
async function recordInvalidation(
  ctx: Context,
  inv: Invoice,
  event: Record<string, unknown>,
  input: InvalidateInvoiceInput,
  o: { selloRecibido: string; fhProcesamiento: string | null },
  codigoGeneracionR: string | null,
): Promise<Invoice> {
  return ctx.em.fork().transactional(async (tx) => {
    const locked = await lockInvoice(tx, inv.id);
    locked.invalidation = {
      codigoGeneracion: (event.identificacion as { codigoGeneracion: string }).codigoGeneracion,
      selloRecibido: o.selloRecibido,
      fhProcesamiento: o.fhProcesamiento,
      tipoAnulacion: input.tipoAnulacion,
      motivoAnulacion: input.motivoAnulacion ?? null,
      codigoGeneracionR,
      document: event,
    };
    await transition(tx, locked, 'INVALIDATED', 'dte.invalidated', {
      selloRecibido: o.selloRecibido,
      tipoAnulacion: input.tipoAnulacion,
      codigoGeneracionR,
    });
    return locked;
  });
}

/** Types 1 and 3 name an already PROCESSED replacement of the same tenant; type 2 names none. */
async function checkReplacement(
  em: Context['em'],
  input: InvalidateInvoiceInput,
  inv: Invoice,
): Promise<Result<Invoice | null, Failure<ErrorCode.VALIDATION_FAILED>>> {
  const issues: FieldIssue[] = [];
  if (![1, 2, 3].includes(input.tipoAnulacion))
    issues.push({ path: 'tipoAnulacion', code: 'UNKNOWN_CODE', message: 'must be 1, 2 or 3 (CAT-024)' });
  if (input.tipoAnulacion === 2 && input.replacementInvoiceId)
    issues.push({
      path: 'replacementInvoiceId',
      code: 'NOT_ALLOWED',
      message: 'tipoAnulacion 2 (rescindir) has no replacement document',
    });
  if (input.tipoAnulacion !== 2 && !input.replacementInvoiceId)
    issues.push({
      path: 'replacementInvoiceId',
      code: 'REQUIRED',
      message: 'tipoAnulacion 1 and 3 need the replacement document, issued and PROCESSED first',
    });
  issues.push(...peopleIssues(input));
  if (issues.length) return invalid(issues);
  if (input.tipoAnulacion === 2) return ok(null);
  const r = await em.findOne(Invoice, { id: input.replacementInvoiceId! });
  if (!r || r.id === inv.id || r.status !== 'PROCESSED') {
    const message = 'must be another PROCESSED document of this tenant';
    return invalid([{ path: 'replacementInvoiceId', code: 'INVALID_REPLACEMENT', message }]);
  }
  return ok(r);
}

/** A CCF/CR with an active NC/ND relating it cannot be invalidated before them. */
async function activeNoteOf(
  em: Context['em'],
  inv: Invoice,
): Promise<Result<never, Failure<ErrorCode.INVALID_STATE>> | null> {
  if (inv.tipoDte !== '03' && inv.tipoDte !== '07') return null;
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `select id from invoice where tenant_id = ? and tipo_dte in ('05', '06')
      and status in ('QUEUED', 'SIGNED', 'SENT', 'UNKNOWN', 'CONTINGENCY', 'PROCESSED')
     and document -> 'documentoRelacionado' @> ?::jsonb limit 1`,
    [inv.tenant.id, JSON.stringify([{ numeroDocumento: inv.codigoGeneracion }])],
  );
  if (!rows.length) return null;
  const message = `invoice ${rows[0]!.id} (a credit/debit note) relates this document: invalidate it first`;
  return fail(ErrorCode.INVALID_STATE, message, [
    { path: 'invoiceId', code: 'ACTIVE_RELATED_NOTE', message: `note ${rows[0]!.id} must be invalidated first` },
  ]);
}

function mapEventPath(p: string): string {
  return p.startsWith('motivo.') ? p.replace('motivo.', '') : p;
}
