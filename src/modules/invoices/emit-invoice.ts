import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Context } from '../../core/context.js';
import { canonicalJson, sha256Hex } from '../../core/canonical-json.js';
import { AppError, ErrorCode, ValidationError } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import { buildDte, dteSummary, elSalvadorDateTime, invalidationDeadline, newCodigoGeneracion, parseEmission, validateDte, type EmissionInput } from '../../dte/index.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { resolveEmisor } from './emisor.js';
import { insertEmission, type NewEmission } from './insert-emission.js';
import { Invoice } from './invoice.entity.js';
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
 * Validates the body, builds the DTE, then allocates the numeroControl and writes invoice + first event + transmit job
 * in ONE statement (insertEmission). Idempotent per tenant on referenciaExterna: the same body returns the same invoice, a different
 * body is DUPLICATE_REFERENCE — except for a document MH REJECTED, which the new body corrects and sends again.
 * Nothing leaves the process here; the worker signs and transmits.
 */
export async function emitInvoice(ctx: Context, body: unknown): Promise<EmitResult> {
  const tenantId = requireTenantScope(ctx, 'invoices:emit');
  const parsed = parseEmission(body);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const input = parsed.value;
  const requestHash = sha256Hex(canonicalJson(body));
  const found = await findReference(ctx, tenantId, input.referenciaExterna);
  if (found?.requestHash === requestHash) return { invoice: found, created: false };
  if (found?.status === 'REJECTED') return { invoice: await correctRejectedInvoice(ctx, found.id, input, body as Record<string, unknown>, requestHash), created: false };
  if (found) throw duplicateReference(found);
  const row = await buildEmission(ctx, tenantId, input, body as EmissionEnvelope & Record<string, unknown>, requestHash);
  try {
    return { invoice: await insertEmission(ctx.db, ctx.em.fork(), row), created: true };
  } catch (err) {
    // A concurrent identical request won the unique (tenant, referenciaExterna) race: answer with its invoice.
    if (isUniqueViolation(err)) {
      const winner = await findByReference(ctx, input.referenciaExterna, requestHash);
      if (winner) return { invoice: winner, created: false };
    }
    throw err;
  }
}

const isUniqueViolation = (err: unknown) => err instanceof UniqueConstraintViolationException || (err as { code?: string })?.code === '23505';

/** The invoice already emitted under this reference, if any: a one-index lookup, the full row only when it exists. */
async function findReference(ctx: Context, tenantId: string, referenciaExterna: string): Promise<Invoice | null> {
  const { rows } = await ctx.db.pool.query<{ id: string }>(`select id from invoice where tenant_id = $1 and referencia_externa = $2`, [tenantId, referenciaExterna]);
  return rows.length ? ctx.em.fork().findOne(Invoice, { id: rows[0]!.id }) : null;
}

async function findByReference(ctx: Context, referenciaExterna: string, requestHash: string): Promise<Invoice | null> {
  const found = await ctx.em.fork().findOne(Invoice, { referenciaExterna });
  if (found && found.requestHash !== requestHash) throw duplicateReference(found);
  return found;
}

/** Builds and validates the document (with a placeholder correlative of the same shape) and the row to persist. */
async function buildEmission(ctx: Context, tenantId: string, input: EmissionInput, body: EmissionEnvelope & Record<string, unknown>, requestHash: string): Promise<NewEmission> {
  const em = ctx.em.fork();
  const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
  const resolved = await resolveEmisor(em, tenant, body);
  if ('issues' in resolved) throw new ValidationError(resolved.issues);
  const { emisor } = resolved;
  const ambiente = ctx.actor.kind === 'apiKey' || ctx.actor.kind === 'user' ? ctx.actor.ambiente : '00';
  const { fecEmi, horEmi } = elSalvadorDateTime(ctx.clock.now());
  const codigoGeneracion = newCodigoGeneracion();
  const prefix = `DTE-${input.tipoDte}-${emisor.codEstableMH}${emisor.codPuntoVentaMH}-`;
  const document = buildDte(input, emisor, { ambiente, codigoGeneracion, numeroControl: `${prefix}000000000000000`, fecEmi, horEmi });
  const issues = validateDte(document);
  if (issues.length) throw new ValidationError(issues);
  const summary = dteSummary(document);
  const now = new Date();
  return {
    row: {
      id: randomUUID(),
      tenant: tenantId,
      ambiente,
      tipoDte: input.tipoDte,
      status: 'QUEUED',
      referenciaExterna: input.referenciaExterna,
      requestHash,
      input: body,
      codigoGeneracion,
      codEstableMH: emisor.codEstableMH,
      codPuntoVentaMH: emisor.codPuntoVentaMH,
      fecEmi,
      horEmi,
      totalPagar: summary.totalPagar,
      receptorNombre: summary.receptorNombre,
      receptorNumDocumento: summary.receptorNumDocumento,
      receptorCorreo: summary.receptorCorreo,
      patientId: typeof body.patientId === 'string' ? body.patientId : null,
      invalidationDeadline: invalidationDeadline(input.tipoDte, fecEmi),
      sendAttempts: 0,
      createdAt: now,
      updatedAt: now,
    },
    document,
    // The correlative is allocated in the insert itself (insertEmission): no gaps, the series locked only briefly.
    series: { tenantId, tipoDte: input.tipoDte, codEstableMH: emisor.codEstableMH, codPuntoVentaMH: emisor.codPuntoVentaMH, year: Number(fecEmi.slice(0, 4)) },
    numeroControlPrefix: prefix,
  };
}
