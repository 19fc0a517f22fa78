import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Context } from '../../core/context.js';
import { canonicalJson, sha256Hex } from '../../core/canonical-json.js';
import { AppError, ErrorCode, ValidationError } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import { buildDte, dteSummary, elSalvadorDateTime, invalidationDeadline, newCodigoGeneracion, parseEmission, validateDte, type EmissionInput } from '../../dte/index.js';
import { enqueue } from '../../queue/enqueue.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { allocateNumeroControl } from './control-number.js';
import { resolveEmisor } from './emisor.js';
import { Invoice } from './invoice.entity.js';
import { appendEvent } from './invoice-transitions.js';
import { transmitInvoiceJob } from '../transmission/transmit-invoice.job.js';
import { correctRejectedInvoice, duplicateReference } from './correct-rejected-invoice.js';

/** Body fields FacturaXpress reads itself; everything else is the DTE input (docs/dte-input.md). */
interface EmissionEnvelope {
  codEstableMH?: string;
  codPuntoVentaMH?: string;
  patientId?: string;
}

export interface EmitResult {
  invoice: Invoice;
  /** false when an earlier identical request already created it (idempotent replay). */
  created: boolean;
}

/**
 * Validates the body, allocates the numeroControl, builds the DTE and writes invoice + first event + transmit job in
 * ONE transaction. Idempotent per tenant on referenciaExterna: the same body returns the same invoice, a different
 * body is DUPLICATE_REFERENCE — except for a document MH REJECTED, which the new body corrects and sends again.
 * Nothing leaves the process here; the worker signs and transmits.
 */
export async function emitInvoice(ctx: Context, body: unknown): Promise<EmitResult> {
  const tenantId = requireTenantScope(ctx, 'invoices:emit');
  const parsed = parseEmission(body);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const input = parsed.value;
  const requestHash = sha256Hex(canonicalJson(body));
  const found = await ctx.em.fork().findOne(Invoice, { referenciaExterna: input.referenciaExterna });
  if (found?.requestHash === requestHash) return { invoice: found, created: false };
  if (found?.status === 'REJECTED') return { invoice: await correctRejectedInvoice(ctx, found.id, input, body as Record<string, unknown>, requestHash), created: false };
  if (found) throw duplicateReference(found);
  try {
    const invoice = await ctx.em.fork().transactional((tx) => createInvoice(ctx, tx, tenantId, input, body as EmissionEnvelope & Record<string, unknown>, requestHash));
    return { invoice, created: true };
  } catch (err) {
    // A concurrent identical request won the unique (tenant, referenciaExterna) race: answer with its invoice.
    if (err instanceof UniqueConstraintViolationException) {
      const winner = await findByReference(ctx, input.referenciaExterna, requestHash);
      if (winner) return { invoice: winner, created: false };
    }
    throw err;
  }
}

async function findByReference(ctx: Context, referenciaExterna: string, requestHash: string): Promise<Invoice | null> {
  const found = await ctx.em.fork().findOne(Invoice, { referenciaExterna });
  if (found && found.requestHash !== requestHash) throw duplicateReference(found);
  return found;
}

async function createInvoice(ctx: Context, tx: Context['em'], tenantId: string, input: EmissionInput, body: EmissionEnvelope & Record<string, unknown>, requestHash: string): Promise<Invoice> {
  const tenant = await tx.findOneOrFail(Tenant, { id: tenantId });
  const resolved = await resolveEmisor(tx, tenant, body);
  if ('issues' in resolved) throw new ValidationError(resolved.issues);
  const { emisor } = resolved;
  const ambiente = ctx.actor.kind === 'apiKey' || ctx.actor.kind === 'user' ? ctx.actor.ambiente : '00';
  const { fecEmi, horEmi } = elSalvadorDateTime(ctx.clock.now());
  const codigoGeneracion = newCodigoGeneracion();
  // Built and validated with a placeholder correlative of the same shape; the real one is allocated last (below).
  const placeholder = `DTE-${input.tipoDte}-${emisor.codEstableMH}${emisor.codPuntoVentaMH}-000000000000000`;
  const document = buildDte(input, emisor, { ambiente, codigoGeneracion, numeroControl: placeholder, fecEmi, horEmi });
  const issues = validateDte(document);
  if (issues.length) throw new ValidationError(issues);
  const summary = dteSummary(document);
  const invoice = tx.create(Invoice, {
    tenant,
    ambiente,
    tipoDte: input.tipoDte,
    status: 'QUEUED',
    referenciaExterna: input.referenciaExterna,
    requestHash,
    input: body,
    codigoGeneracion,
    numeroControl: `PENDING-${codigoGeneracion.slice(0, 23)}`, // unique until the real number is set below
    codEstableMH: emisor.codEstableMH,
    codPuntoVentaMH: emisor.codPuntoVentaMH,
    fecEmi,
    horEmi,
    document,
    totalPagar: summary.totalPagar,
    receptorNombre: summary.receptorNombre,
    receptorNumDocumento: summary.receptorNumDocumento,
    receptorCorreo: summary.receptorCorreo,
    patientId: typeof body.patientId === 'string' ? body.patientId : null,
    invalidationDeadline: invalidationDeadline(input.tipoDte, fecEmi),
    sendAttempts: 0,
  });
  await tx.flush();
  await appendEvent(tx, invoice, 'dte.queued', null, { codigoGeneracion });
  await enqueue(tx, transmitInvoiceJob, { invoiceId: invoice.id }, { tenantId });
  // The numeroControl last: the series' counter row stays locked only for this update and the commit, so concurrent
  // emissions on one series serialise on as little as possible, and a rollback still releases the number (no gaps).
  const numeroControl = await allocateNumeroControl(tx, { tenantId, tipoDte: input.tipoDte, codEstableMH: emisor.codEstableMH, codPuntoVentaMH: emisor.codPuntoVentaMH, year: Number(fecEmi.slice(0, 4)) });
  invoice.numeroControl = numeroControl;
  invoice.document = { ...document, identificacion: { ...(document.identificacion as Record<string, unknown>), numeroControl } };
  return invoice;
}
