import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { canonicalJson, sha256Hex } from '../../core/canonical-json.js';
import { ValidationError } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import { buildDte, dteSummary, elSalvadorDateTime, newCodigoGeneracion, parseEmission, validateDte, type EmissionInput } from '../../dte/index.js';
import { checkDeclared, type DeclaredAmount } from '../../dte/input/v1-shape.js';
import { emissionInvalidationDeadline, isPerishable } from '../calendar/emission-deadlines.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { checkCreditNoteBalance, creditedCcfCodigos } from './credit-balance.js';
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

export interface EmitOptions {
  /** Amounts the caller computed itself (v1.0 bodies): each must equal the built document's. */
  declared?: readonly DeclaredAmount[];
}

export interface EmitResult {
  invoice: Invoice;
  /** false when an earlier identical request already created it (idempotent replay). */
  created: boolean;
}

/**
 * Validates the body, builds the DTE, then allocates the numeroControl and writes invoice + first event + transmit job
 * in ONE statement (insertEmission). Idempotent per tenant on referenciaExterna: the same body returns the same
 * invoice, a different body is DUPLICATE_REFERENCE — except for a document MH REJECTED, which the new body corrects and
 * sends again. Nothing leaves the process here; the worker signs and transmits.
 */
export async function emitInvoice(ctx: Context, body: unknown, opts: EmitOptions = {}): Promise<EmitResult> {
  const tenantId = requireTenantScope(ctx, 'invoices:emit');
  const parsed = parseEmission(body);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const input = parsed.value;
  const requestHash = sha256Hex(canonicalJson(body));
  const found = await findReference(ctx, tenantId, input.referenciaExterna);
  if (found?.requestHash === requestHash) return { invoice: found, created: false };
  if (found?.status === 'REJECTED') {
    const corrected = await correctRejectedInvoice(ctx, found.id, input, body as Record<string, unknown>, requestHash, opts.declared);
    return { invoice: corrected, created: false };
  }
  if (found) throw duplicateReference(found);
  const row = await buildEmission(ctx, tenantId, input, body as EmissionEnvelope & Record<string, unknown>, requestHash, opts);
  try {
    return { invoice: await persistEmission(ctx, tenantId, row), created: true };
  } catch (err) {
    // A concurrent identical request won the unique (tenant, referenciaExterna) race: answer with its invoice.
    if (isUniqueViolation(err)) {
      const winner = await findByReference(ctx, input.referenciaExterna, requestHash);
      if (winner) return { invoice: winner, created: false };
    }
    throw err;
  }
}

const isUniqueViolation = (err: unknown) =>
  err instanceof UniqueConstraintViolationException || (err as { code?: string })?.code === '23505';

/**
 * One statement for every document, except a Nota de Crédito: it is decided with the CCFs it credits locked, so two
 * notes on one CCF never credit more than remains between them (the check and the insert share one transaction).
 */
async function persistEmission(ctx: Context, tenantId: string, e: NewEmission): Promise<Invoice> {
  const codigos = e.row.tipoDte === '05' ? creditedCcfCodigos(e.document) : [];
  if (!codigos.length) return insertEmission(ctx.db.pool, ctx.em.fork(), e);
  const client = await ctx.db.pool.connect();
  try {
    await client.query('begin');
    await client.query(
      `select id from invoice where tenant_id = $1 and tipo_dte = '03' and codigo_generacion = any($2::text[]) order by id for update`,
      [tenantId, codigos],
    );
    // The rows are locked by this transaction: the balance is read without a second lock (it would wait on ours).
    await checkCreditNoteBalance(ctx.em.fork(), tenantId, '05', e.document, { lock: false });
    const invoice = await insertEmission(client, ctx.em.fork(), e);
    await client.query('commit');
    return invoice;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The invoice already emitted under this reference, if any: a one-index lookup, the full row only when it exists. */
async function findReference(ctx: Context, tenantId: string, referenciaExterna: string): Promise<Invoice | null> {
  const { rows } = await ctx.db.pool.query<{ id: string }>(
    `select id from invoice where tenant_id = $1 and referencia_externa = $2`,
    [tenantId, referenciaExterna],
  );
  return rows.length ? ctx.em.fork().findOne(Invoice, { id: rows[0]!.id }) : null;
}

async function findByReference(ctx: Context, referenciaExterna: string, requestHash: string): Promise<Invoice | null> {
  const found = await ctx.em.fork().findOne(Invoice, { referenciaExterna });
  if (found && found.requestHash !== requestHash) throw duplicateReference(found);
  return found;
}

/** Builds and validates the document (with a placeholder correlative of the same shape) and the row to persist. */
async function buildEmission(
  ctx: Context, tenantId: string, input: EmissionInput, body: EmissionEnvelope & Record<string, unknown>,
  requestHash: string, opts: EmitOptions,
): Promise<NewEmission> {
  const em = ctx.em.fork();
  const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
  const resolved = await resolveEmisor(em, tenant, body);
  if ('issues' in resolved) throw new ValidationError(resolved.issues);
  const { emisor } = resolved;
  const ambiente = ctx.actor.kind === 'apiKey' || ctx.actor.kind === 'user' ? ctx.actor.ambiente : '00';
  const { fecEmi, horEmi } = elSalvadorDateTime(ctx.clock.now());
  const codigoGeneracion = newCodigoGeneracion();
  const prefix = `DTE-${input.tipoDte}-${emisor.codEstableMH}${emisor.codPuntoVentaMH}-`;
  const numeroControl = `${prefix}000000000000000`;
  const document = buildDte(input, emisor, { ambiente, codigoGeneracion, numeroControl, fecEmi, horEmi });
  const issues = [...validateDte(document), ...checkDeclared(document, opts.declared ?? [])];
  if (issues.length) throw new ValidationError(issues);
  // A note on a CCF that cannot take it is refused here already; persistEmission decides again under the lock.
  await checkCreditNoteBalance(em, tenantId, input.tipoDte, document, { lock: false });
  const summary = dteSummary(document);
  const invalidationDeadline = await emissionInvalidationDeadline(em, tenantId, input.tipoDte, fecEmi, body);
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
      warnings: input.warnings.length ? input.warnings : null,
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
      invalidationDeadline,
      perishableMedicine: isPerishable(body),
      sandbox: ctx.mh.isSandbox,
      sendAttempts: 0,
      createdAt: now,
      updatedAt: now,
    },
    document,
    // The correlative is allocated in the insert itself (insertEmission): no gaps, the series locked only briefly.
    series: {
      tenantId, tipoDte: input.tipoDte, codEstableMH: emisor.codEstableMH, codPuntoVentaMH: emisor.codPuntoVentaMH,
      year: Number(fecEmi.slice(0, 4)),
    },
    numeroControlPrefix: prefix,
  };
}
