import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { ErrorCode } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import { fail, invalid, ok, type Failure, type Result } from '../../core/result.js';
import {
  buildInvalidacion,
  elSalvadorDateTime,
  invalidationDeadline,
  newCodigoGeneracion,
  validateDte,
} from '../../dte/index.js';
import type { ProcessedOutcome } from '../../hacienda/index.js';
import { loadEmisor } from '../invoices/checked-document.js';
import { writeOutbox } from '../notifications/fan-out.js';
import {
  peopleIssues,
  sendInvalidation,
  type InvalidationSendFailure,
  type Person,
} from '../transmission/invalidation-event.js';
import { FiscalEvent } from './fiscal-event.entity.js';
import { fiscalEventWebhook } from './fiscal-event-webhooks.js';

export interface InvalidateFiscalEventInput {
  eventId: string;
  motivoAnulacion?: string | null;
  responsable: Person;
  solicitante: Person;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why an event is not invalidated: the input, the event's state or deadline, or MH's answer. */
export type InvalidateFiscalEventFailure =
  | InvalidationSendFailure
  | Failure<ErrorCode.VALIDATION_FAILED | ErrorCode.NOT_FOUND | ErrorCode.INVALID_STATE | ErrorCode.DEADLINE_PASSED>;

async function loadProcessed(
  ctx: Context,
  id: string,
): Promise<Result<FiscalEvent, Failure<ErrorCode.NOT_FOUND | ErrorCode.INVALID_STATE | ErrorCode.DEADLINE_PASSED>>> {
  const e = UUID.test(id) ? await ctx.em.fork().findOne(FiscalEvent, { id }) : null;
  if (!e) {
    const issue = { path: 'eventId', code: 'NOT_FOUND', message: 'no such event' };
    return fail(ErrorCode.NOT_FOUND, `event ${id} not found`, [issue]);
  }
  if (e.status !== 'PROCESSED') {
    return fail(ErrorCode.INVALID_STATE, `only a PROCESSED event can be invalidated (this one is ${e.status})`, [
      { path: 'eventId', code: 'NOT_PROCESSED', message: `status is ${e.status}` },
    ]);
  }
  // MH: Retorno and Operaciones Especiales events are invalidated within the first 10 business days of the next month.
  const deadline = invalidationDeadline(e.tipoEvento, e.fecEmi);
  if (elSalvadorDateTime(ctx.clock.now()).fecEmi > deadline) {
    const message = `MH accepts the invalidation of an event dated ${e.fecEmi} until ${deadline}`;
    return fail(ErrorCode.DEADLINE_PASSED, message, [
      { path: 'eventId', code: 'INVALIDATION_DEADLINE_PASSED', message: `deadline was ${deadline}` },
    ]);
  }
  return ok(e);
}

/**
 * Invalidates a sealed Retorno or Operaciones Especiales event (Invalidación v3, tipoAnulacion 2 — MH gives these
 * events no replacement document): signed, sent to anulardte and awaited. A returned document's balance comes back.
 */
export async function invalidateFiscalEvent(
  ctx: Context,
  input: InvalidateFiscalEventInput,
): Promise<Result<FiscalEvent, InvalidateFiscalEventFailure>> {
  const tenantId = requireTenantScope(ctx, 'invoices:invalidate');
  const people = peopleIssues(input);
  if (people.length) return invalid(people);
  const loaded = await loadProcessed(ctx, input.eventId);
  if (!loaded.ok) return loaded;
  const e = loaded.value;
  const em = ctx.em.fork();
  const emisorCodes = e.document.emisor as { codEstableMH?: string; codPuntoVentaMH?: string };
  const resolved = await loadEmisor(em, tenantId, e.tipoEvento === '18' ? emisorCodes : {});
  if (!resolved.ok) return resolved;
  const receptor = (e.document.documento ?? {}) as Record<string, string | null>;
  const motivoAnulacion = input.motivoAnulacion ?? null;
  const event = buildInvalidacion(
    {
      documento: {
        tipoDte: e.tipoEvento,
        codigoGeneracion: e.codigoGeneracion,
        selloRecibido: e.selloRecibido!,
        numeroControl: null as never,
        fecEmi: e.fecEmi,
        codigoGeneracionR: null,
        tipoDocumento: receptor.tipoDocumento ?? null,
        numDocumento: receptor.numDocumento ?? null,
        nombre: receptor.nombre ?? null,
      },
      motivo: {
        tipoAnulacion: 2,
        motivoAnulacion,
        nombreResponsable: input.responsable.nombre,
        tipDocResponsable: input.responsable.tipoDocumento,
        numDocResponsable: input.responsable.numDocumento,
        nombreSolicita: input.solicitante.nombre,
        tipDocSolicita: input.solicitante.tipoDocumento,
        numDocSolicita: input.solicitante.numDocumento,
      },
    },
    resolved.value,
    { ambiente: e.ambiente, codigoGeneracion: newCodigoGeneracion(), ...elSalvadorDateTime(ctx.clock.now()) },
  );
  const issues = validateDte(event);
  if (issues.length) return invalid(issues.map((i) => ({ ...i, path: i.path.replace(/^motivo\./, '') })));
  const sent = await sendInvalidation(ctx, e.tenant.id, e.ambiente, event, 'eventId');
  if (!sent.ok) return sent;
  return ok(await recordInvalidation(ctx, e, event, motivoAnulacion, sent.value));
}

/** MH sealed the event: it becomes INVALIDATED, with its webhook in the outbox of the same transaction. */
async function recordInvalidation(
  ctx: Context,
  e: FiscalEvent,
  event: Record<string, unknown>,
  motivoAnulacion: string | null,
  o: ProcessedOutcome,
): Promise<FiscalEvent> {
  return ctx.em.fork().transactional(async (tx) => {
    const locked = await tx.findOneOrFail(FiscalEvent, { id: e.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    locked.status = 'INVALIDATED';
    const idn = event.identificacion as { codigoGeneracion: string };
    locked.invalidation = {
      codigoGeneracion: idn.codigoGeneracion,
      selloRecibido: o.selloRecibido,
      fhProcesamiento: o.fhProcesamiento,
      tipoAnulacion: 2,
      motivoAnulacion,
      document: event,
    };
    await tx.flush();
    const hook = fiscalEventWebhook(locked);
    await writeOutbox(tx, locked.tenant.id, { type: hook.type, data: hook.data, invoiceId: null, eventId: null });
    return locked;
  });
}
