import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { AppError, ErrorCode, ValidationError, type FieldIssue } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import { buildInvalidacion, elSalvadorDateTime, invalidationDeadline, newCodigoGeneracion, validateDte, type TipoDte } from '../../dte/index.js';
import { resolveEmisor } from '../invoices/emisor.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { writeOutbox } from '../notifications/fan-out.js';
import { cachedSigningMaterial } from '../transmission/signing-material.js';
import type { Person } from '../transmission/invalidate-invoice.js';
import { FiscalEvent } from './fiscal-event.entity.js';
import { fiscalEventWebhook } from './fiscal-event-webhooks.js';

export interface InvalidateFiscalEventInput {
  eventId: string;
  motivoAnulacion?: string | null;
  responsable: Person;
  solicitante: Person;
}

const INVALIDACION_VERSION = 3;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkPeople(input: InvalidateFiscalEventInput): void {
  const issues: FieldIssue[] = [];
  for (const [k, p] of [['responsable', input.responsable], ['solicitante', input.solicitante]] as const) {
    if (!p?.nombre?.trim()) issues.push({ path: `${k}.nombre`, code: 'REQUIRED', message: 'is required' });
    if (!p?.tipoDocumento) issues.push({ path: `${k}.tipoDocumento`, code: 'REQUIRED', message: 'is required (CAT-022)' });
    if (!p?.numDocumento) issues.push({ path: `${k}.numDocumento`, code: 'REQUIRED', message: 'is required' });
  }
  if (issues.length) throw new ValidationError(issues);
}

async function loadProcessed(ctx: Context, id: string): Promise<FiscalEvent> {
  const e = UUID.test(id) ? await ctx.em.fork().findOne(FiscalEvent, { id }) : null;
  if (!e) throw new AppError(ErrorCode.NOT_FOUND, `event ${id} not found`, [{ path: 'eventId', code: 'NOT_FOUND', message: 'no such event' }]);
  if (e.status !== 'PROCESSED') throw new AppError(ErrorCode.INVALID_STATE, `only a PROCESSED event can be invalidated (this one is ${e.status})`, [{ path: 'eventId', code: 'NOT_PROCESSED', message: `status is ${e.status}` }]);
  // MH: Retorno and Operaciones Especiales events are invalidated within the first 10 business days of the next month.
  const deadline = invalidationDeadline(e.tipoEvento as TipoDte, e.fecEmi);
  if (elSalvadorDateTime(ctx.clock.now()).fecEmi > deadline) {
    throw new AppError(ErrorCode.DEADLINE_PASSED, `MH accepts the invalidation of an event dated ${e.fecEmi} until ${deadline}`, [{ path: 'eventId', code: 'INVALIDATION_DEADLINE_PASSED', message: `deadline was ${deadline}` }]);
  }
  return e;
}

/**
 * Invalidates a sealed Retorno or Operaciones Especiales event (Invalidación v3, tipoAnulacion 2 — MH gives these
 * events no replacement document): signed, sent to anulardte and awaited. A returned document's balance comes back.
 */
export async function invalidateFiscalEvent(ctx: Context, input: InvalidateFiscalEventInput): Promise<FiscalEvent> {
  const tenantId = requireTenantScope(ctx, 'invoices:invalidate');
  checkPeople(input);
  const e = await loadProcessed(ctx, input.eventId);
  const em = ctx.em.fork();
  const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
  const emisorCodes = e.document.emisor as { codEstableMH?: string; codPuntoVentaMH?: string };
  const resolved = await resolveEmisor(em, tenant, e.tipoEvento === '18' ? emisorCodes : {});
  if ('issues' in resolved) throw new ValidationError(resolved.issues);
  const receptor = (e.document.documento ?? {}) as Record<string, string | null>;
  const motivoAnulacion = input.motivoAnulacion ?? null;
  const event = buildInvalidacion(
    {
      documento: {
        tipoDte: e.tipoEvento as TipoDte, codigoGeneracion: e.codigoGeneracion, selloRecibido: e.selloRecibido!, numeroControl: null as never,
        fecEmi: e.fecEmi, codigoGeneracionR: null, tipoDocumento: receptor.tipoDocumento ?? null, numDocumento: receptor.numDocumento ?? null,
        nombre: receptor.nombre ?? null,
      },
      motivo: {
        tipoAnulacion: 2, motivoAnulacion, nombreResponsable: input.responsable.nombre, tipDocResponsable: input.responsable.tipoDocumento,
        numDocResponsable: input.responsable.numDocumento, nombreSolicita: input.solicitante.nombre, tipDocSolicita: input.solicitante.tipoDocumento,
        numDocSolicita: input.solicitante.numDocumento,
      },
    },
    resolved.emisor,
    { ambiente: e.ambiente as '00' | '01', codigoGeneracion: newCodigoGeneracion(), ...elSalvadorDateTime(ctx.clock.now()) },
  );
  const issues = validateDte(event);
  if (issues.length) throw new ValidationError(issues.map((i) => ({ ...i, path: i.path.replace(/^motivo\./, '') })));
  return send(ctx, e, event, motivoAnulacion);
}

async function send(ctx: Context, e: FiscalEvent, event: Record<string, unknown>, motivoAnulacion: string | null): Promise<FiscalEvent> {
  const material = await cachedSigningMaterial(ctx.em, ctx.mh.masterKey, e.tenant.id, e.ambiente as '00' | '01');
  if (!material) throw new AppError(ErrorCode.NO_MH_CREDENTIAL, 'no MH certificate/credential imported for this ambiente');
  const jws = await ctx.mh.signer.sign(event, material.privateKeyPem);
  const o = await ctx.mh.client.anularDte(material.api, { ambiente: e.ambiente as '00' | '01', idEnvio: Date.now() % 2_000_000_000, version: INVALIDACION_VERSION, documento: jws });
  if (o.kind === 'rejected') {
    const obs = o.observaciones.length ? o.observaciones : [o.descripcionMsg ?? 'rechazado'];
    throw new AppError(ErrorCode.MH_REJECTED, `MH rejected the invalidation: ${obs.join('; ')}`, obs.map((m) => ({ path: 'eventId', code: o.codigoMsg ?? 'MH_REJECTED', message: m })));
  }
  if (o.kind !== 'processed') throw new AppError(ErrorCode.MH_UNAVAILABLE, `MH did not answer the invalidation (${o.reason}); nothing changed, try again`);
  return ctx.em.fork().transactional(async (tx) => {
    const locked = await tx.findOneOrFail(FiscalEvent, { id: e.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    locked.status = 'INVALIDATED';
    const idn = event.identificacion as { codigoGeneracion: string };
    locked.invalidation = { codigoGeneracion: idn.codigoGeneracion, selloRecibido: o.selloRecibido, fhProcesamiento: o.fhProcesamiento, tipoAnulacion: 2, motivoAnulacion, document: event };
    await tx.flush();
    const hook = fiscalEventWebhook(locked);
    await writeOutbox(tx, locked.tenant.id, { type: hook.type, data: hook.data, invoiceId: null, eventId: null });
    return locked;
  });
}
