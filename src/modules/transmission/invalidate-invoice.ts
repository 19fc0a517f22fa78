import type { Context } from '../../context.js';
import { AppError, ErrorCode, ValidationError, type FieldIssue } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import { buildInvalidacion, dteSummary, elSalvadorDateTime, newCodigoGeneracion, validateDte, type TipoDte } from '../../dte/index.js';
import { resolveEmisor } from '../invoices/emisor.js';
import { refuseWithReturns } from '../fiscal-events/return-balance.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { transition } from '../invoices/invoice-transitions.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { cachedSigningMaterial } from './signing-material.js';
import { lockInvoice } from './job-scope.js';

export interface Person {
  nombre: string;
  /** CAT-022: 36 NIT, 13 DUI, 37 otro, 03 pasaporte, 02 carnet de residente. */
  tipoDocumento: string;
  numDocumento: string;
}

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

const INVALIDACION_VERSION = 3;

/**
 * Builds, signs and sends the Invalidación v3 event for a PROCESSED document within MH's window for its type, and marks
 * it INVALIDATED once MH seals the event. MH's answer is awaited (the caller learns at once whether it stood).
 */
export async function invalidateInvoice(ctx: Context, input: InvalidateInvoiceInput): Promise<Invoice> {
  const tenantId = requireTenantScope(ctx, 'invoices:invalidate');
  const em = ctx.em.fork();
  const inv = await em.findOne(Invoice, { id: input.invoiceId });
  if (!inv) throw new AppError(ErrorCode.NOT_FOUND, `invoice ${input.invoiceId} not found`, [{ path: 'invoiceId', code: 'NOT_FOUND', message: 'no such invoice' }]);
  if (inv.status !== 'PROCESSED') throw new AppError(ErrorCode.INVALID_STATE, `only a PROCESSED document can be invalidated (this one is ${inv.status})`, [{ path: 'invoiceId', code: 'NOT_PROCESSED', message: `status is ${inv.status}` }]);
  const today = elSalvadorDateTime(ctx.clock.now()).fecEmi;
  if (inv.invalidationDeadline && today > inv.invalidationDeadline) {
    throw new AppError(ErrorCode.DEADLINE_PASSED, `MH accepts the invalidation of a ${inv.tipoDte} issued ${inv.fecEmi} until ${inv.invalidationDeadline}`, [{ path: 'invoiceId', code: 'INVALIDATION_DEADLINE_PASSED', message: `deadline was ${inv.invalidationDeadline}` }]);
  }
  const replacement = await checkReplacement(em, input, inv);
  await refuseWithActiveNotes(em, inv);
  await refuseWithReturns(em, inv);

  const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
  const resolved = await resolveEmisor(em, tenant, { codEstableMH: inv.codEstableMH, codPuntoVentaMH: inv.codPuntoVentaMH });
  if ('issues' in resolved) throw new ValidationError(resolved.issues);
  const summary = dteSummary(inv.document);
  const codigoGeneracion = newCodigoGeneracion();
  const event = buildInvalidacion(
    {
      documento: {
        tipoDte: inv.tipoDte as TipoDte,
        codigoGeneracion: inv.codigoGeneracion,
        selloRecibido: inv.selloRecibido!,
        numeroControl: inv.numeroControl,
        fecEmi: inv.fecEmi,
        codigoGeneracionR: replacement?.codigoGeneracion ?? null,
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
    resolved.emisor,
    { ambiente: inv.ambiente as '00' | '01', codigoGeneracion, ...elSalvadorDateTime(ctx.clock.now()) },
  );
  // The window was checked above against the document's own deadline (the tenant's business-day calendar, the 2-year
  // window of perishable medicines); the pure validator only knows the national ordinary window.
  const issues = validateDte(event).filter((i) => i.code !== 'INVALIDATION_DEADLINE_EXCEEDED');
  if (issues.length) throw new ValidationError(issues.map((i) => ({ ...i, path: mapEventPath(i.path) })));
  return sendEvent(ctx, inv, event, input, replacement?.codigoGeneracion ?? null);
}

async function sendEvent(ctx: Context, inv: Invoice, event: Record<string, unknown>, input: InvalidateInvoiceInput, codigoGeneracionR: string | null): Promise<Invoice> {
  const material = await cachedSigningMaterial(ctx.em, ctx.mh.masterKey, inv.tenant.id, inv.ambiente as '00' | '01');
  if (!material) throw new AppError(ErrorCode.NO_MH_CREDENTIAL, 'no MH certificate/credential imported for this ambiente');
  const jws = await ctx.mh.signer.sign(event, material.privateKeyPem);
  const o = await ctx.mh.client.anularDte(material.api, { ambiente: inv.ambiente as '00' | '01', idEnvio: Date.now() % 2_000_000_000, version: INVALIDACION_VERSION, documento: jws });
  if (o.kind === 'rejected') {
    const obs = o.observaciones.length ? o.observaciones : [o.descripcionMsg ?? 'rechazado'];
    throw new AppError(ErrorCode.MH_REJECTED, `MH rejected the invalidation: ${obs.join('; ')}`, obs.map((m) => ({ path: 'invoiceId', code: o.codigoMsg ?? 'MH_REJECTED', message: m })));
  }
  if (o.kind !== 'processed') throw new AppError(ErrorCode.MH_UNAVAILABLE, `MH did not answer the invalidation (${o.reason}); nothing changed, try again`);
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
    await transition(tx, locked, 'INVALIDATED', 'dte.invalidated', { selloRecibido: o.selloRecibido, tipoAnulacion: input.tipoAnulacion, codigoGeneracionR });
    return locked;
  });
}

/** Types 1 and 3 name an already PROCESSED replacement of the same tenant; type 2 names none. */
async function checkReplacement(em: Context['em'], input: InvalidateInvoiceInput, inv: Invoice): Promise<Invoice | null> {
  const issues: FieldIssue[] = [];
  if (![1, 2, 3].includes(input.tipoAnulacion)) issues.push({ path: 'tipoAnulacion', code: 'UNKNOWN_CODE', message: 'must be 1, 2 or 3 (CAT-024)' });
  if (input.tipoAnulacion === 2 && input.replacementInvoiceId) issues.push({ path: 'replacementInvoiceId', code: 'NOT_ALLOWED', message: 'tipoAnulacion 2 (rescindir) has no replacement document' });
  if (input.tipoAnulacion !== 2 && !input.replacementInvoiceId) issues.push({ path: 'replacementInvoiceId', code: 'REQUIRED', message: 'tipoAnulacion 1 and 3 need the replacement document, issued and PROCESSED first' });
  for (const [k, p] of [['responsable', input.responsable], ['solicitante', input.solicitante]] as const) {
    if (!p?.nombre?.trim()) issues.push({ path: `${k}.nombre`, code: 'REQUIRED', message: 'is required' });
    if (!p?.tipoDocumento) issues.push({ path: `${k}.tipoDocumento`, code: 'REQUIRED', message: 'is required (CAT-022)' });
    if (!p?.numDocumento) issues.push({ path: `${k}.numDocumento`, code: 'REQUIRED', message: 'is required' });
  }
  if (issues.length) throw new ValidationError(issues);
  if (input.tipoAnulacion === 2) return null;
  const r = await em.findOne(Invoice, { id: input.replacementInvoiceId! });
  if (!r || r.id === inv.id || r.status !== 'PROCESSED') {
    throw new ValidationError([{ path: 'replacementInvoiceId', code: 'INVALID_REPLACEMENT', message: 'must be another PROCESSED document of this tenant' }]);
  }
  return r;
}

/** A CCF/CR with an active NC/ND relating it cannot be invalidated before them. */
async function refuseWithActiveNotes(em: Context['em'], inv: Invoice): Promise<void> {
  if (inv.tipoDte !== '03' && inv.tipoDte !== '07') return;
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `select id from invoice where tenant_id = ? and tipo_dte in ('05', '06') and status in ('QUEUED', 'SIGNED', 'SENT', 'UNKNOWN', 'CONTINGENCY', 'PROCESSED')
     and document -> 'documentoRelacionado' @> ?::jsonb limit 1`,
    [inv.tenant.id, JSON.stringify([{ numeroDocumento: inv.codigoGeneracion }])],
  );
  if (rows.length) throw new AppError(ErrorCode.INVALID_STATE, `invoice ${rows[0]!.id} (a credit/debit note) relates this document: invalidate it first`, [{ path: 'invoiceId', code: 'ACTIVE_RELATED_NOTE', message: `note ${rows[0]!.id} must be invalidated first` }]);
}

function mapEventPath(p: string): string {
  return p.startsWith('motivo.') ? p.replace('motivo.', '') : p;
}
