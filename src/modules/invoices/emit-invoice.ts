import { uuidV7 } from '../../core/uuid-v7.js';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { canonicalJson, sha256Hex } from '../../core/canonical-json.js';
import { ErrorCode } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import { invalid, ok, type Failure, type Result } from '../../core/result.js';
import { elSalvadorDateTime, newCodigoGeneracion, parseEmission, type EmissionInput } from '../../dte/index.js';
import type { DeclaredAmount } from '../../dte/input/v1-shape.js';
import { checkedDocument } from './checked-document.js';
import { emisorAt } from './emisor.js';
import { tenantProfile } from '../tenants/tenant-profile.js';
import { tenantNotFound } from '../tenants/tenant.errors.js';
import { creditNoteIssues, creditedCcfCodigos } from './credit-balance.js';
import { insertEmission, type NewEmission } from './insert-emission.js';
import { insertEmissionGrouped } from './insert-emission-group.js';
import { Invoice } from './invoice.entity.js';
import { correctRejectedInvoice } from './correct-rejected-invoice.js';
import { duplicateReference } from './invoice.errors.js';

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

/** The expected failures of an emission: the body breaks a rule, or its referenciaExterna names another body. */
export type EmitFailure = Failure<ErrorCode.VALIDATION_FAILED | ErrorCode.DUPLICATE_REFERENCE | ErrorCode.NOT_FOUND>;

/**
 * Validates the body, builds the DTE, then allocates the numeroControl and writes invoice + first event + transmit job
 * in ONE statement (insertEmission). Idempotent per tenant on referenciaExterna: the same body returns the same
 * invoice, a different body is DUPLICATE_REFERENCE — except for a document MH REJECTED, which the new body corrects and
 * sends again. Nothing leaves the process here; the worker signs and transmits.
 * A new reference (the common case) costs that one round trip: the reference is looked up only when the document
 * cannot be built or the insert finds it taken (the unique reference rolls the whole statement back, counter
 * included), and is then answered as before: the earlier invoice, its correction, or DUPLICATE_REFERENCE.
 */
export async function emitInvoice(
  ctx: Context,
  body: unknown,
  opts: EmitOptions = {},
): Promise<Result<EmitResult, EmitFailure>> {
  const tenantId = requireTenantScope(ctx, 'invoices:emit');
  const parsed = parseEmission(body);
  if (!parsed.ok) return invalid(parsed.issues);
  const input = parsed.value;
  const requestHash = sha256Hex(canonicalJson(body));
  const envelope = body as EmissionEnvelope & Record<string, unknown>;
  const row = await buildEmission(ctx, tenantId, input, envelope, requestHash, opts);
  // A replay is answered from its invoice even when the document would no longer build (e.g. a changed tenant).
  if (!row.ok) return (await answerTakenReference(ctx, tenantId, input, body, requestHash, opts)) ?? row;
  try {
    const persisted = await persistEmission(ctx, tenantId, row.value);
    return persisted.ok ? ok({ invoice: persisted.value, created: true }) : persisted;
  } catch (err) {
    // The reference exists (an earlier request, or a concurrent one that won the race): answer as it dictates.
    if (isUniqueViolation(err)) {
      const earlier = await answerTakenReference(ctx, tenantId, input, body, requestHash, opts);
      if (earlier) return earlier;
    }
    throw err;
  }
}

/** The answer to a request whose reference already has an invoice, or null when it has none. */
async function answerTakenReference(
  ctx: Context,
  tenantId: string,
  input: EmissionInput,
  body: unknown,
  requestHash: string,
  opts: EmitOptions,
): Promise<Result<EmitResult, EmitFailure> | null> {
  const found = await findReference(ctx, tenantId, input.referenciaExterna);
  if (!found) return null;
  if (found.requestHash === requestHash) return ok({ invoice: found, created: false });
  if (found.status === 'REJECTED') {
    const corrected = await correctRejectedInvoice(
      ctx,
      found.id,
      input,
      body as Record<string, unknown>,
      requestHash,
      opts.declared,
    );
    return corrected.ok ? ok({ invoice: corrected.value, created: false }) : corrected;
  }
  return duplicateReference(found);
}

const isUniqueViolation = (err: unknown) =>
  err instanceof UniqueConstraintViolationException || (err as { code?: string })?.code === '23505';

/**
 * One statement for every document, except a Nota de Crédito: it is decided with the CCFs it credits locked, so two
 * notes on one CCF never credit more than remains between them (the check and the insert share one transaction).
 */
async function persistEmission(
  ctx: Context,
  tenantId: string,
  e: NewEmission,
): Promise<Result<Invoice, Failure<ErrorCode.VALIDATION_FAILED>>> {
  const codigos = e.row.tipoDte === '05' ? creditedCcfCodigos(e.document) : [];
  const meta = ctx.db.orm.em.getMetadata(Invoice);
  // Announced (event and the workers' wake-up) only once committed, before the caller hears of the invoice.
  if (!codigos.length) {
    const { invoice, notes } = await insertEmissionGrouped(ctx.db.pool, meta, e);
    await ctx.db.notifier.send(notes);
    return ok(invoice);
  }
  const client = await ctx.db.pool.connect();
  try {
    await client.query('begin');
    await client.query(
      `select id from invoice where tenant_id = $1 and tipo_dte = '03' ` +
        `and codigo_generacion = any($2::text[]) order by id for update`,
      [tenantId, codigos],
    );
    // The rows are locked by this transaction: the balance is read without a second lock (it would wait on ours).
    const issues = await creditNoteIssues(ctx.em.fork(), tenantId, '05', e.document, { lock: false });
    if (issues.length) {
      await client.query('rollback');
      return invalid(issues);
    }
    const { invoice, notes } = await insertEmission(client, meta, e);
    await client.query('commit');
    await ctx.db.notifier.send(notes);
    return ok(invoice);
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

/** Builds and validates the document (with a placeholder correlative of the same shape) and the row to persist. */
async function buildEmission(
  ctx: Context,
  tenantId: string,
  input: EmissionInput,
  body: EmissionEnvelope & Record<string, unknown>,
  requestHash: string,
  opts: EmitOptions,
): Promise<Result<NewEmission, Failure<ErrorCode.VALIDATION_FAILED | ErrorCode.NOT_FOUND>>> {
  // The tenant, its establishments and calendar from the per-process cache (invalidated by every change).
  const profile = await tenantProfile(ctx.db, () => ctx.log, tenantId);
  if (!profile) return tenantNotFound(tenantId);
  const resolved = emisorAt(profile.tenant, profile.establishments, body);
  if ('issues' in resolved) return invalid(resolved.issues);
  const { emisor } = resolved;
  const ambiente = ctx.actor.kind === 'apiKey' || ctx.actor.kind === 'user' ? ctx.actor.ambiente : '00';
  const { fecEmi, horEmi } = elSalvadorDateTime(ctx.clock.now());
  const codigoGeneracion = newCodigoGeneracion();
  const prefix = `DTE-${input.tipoDte}-${emisor.codEstableMH}${emisor.codPuntoVentaMH}-`;
  const numeroControl = `${prefix}000000000000000`;
  // A note on a CCF that cannot take it is refused here already; persistEmission decides again under the lock.
  const ident = { ambiente, codigoGeneracion, numeroControl, fecEmi, horEmi };
  const checked = await checkedDocument(() => ctx.em.fork(), tenantId, input, emisor, ident, body, {
    ...opts,
    calendar: profile.calendar,
  });
  if (!checked.ok) return checked;
  const { document, summary, invalidationDeadline, perishableMedicine } = checked.value;
  const now = new Date();
  return ok({
    row: {
      // (time-ordered: a new document's index entries go to the end of the id index, however large the history)
      id: uuidV7(),
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
      perishableMedicine,
      sandbox: ctx.mh.isSandbox,
      sendAttempts: 0,
      createdAt: now,
      updatedAt: now,
    },
    document,
    // The correlative is allocated in the insert itself (insertEmission): no gaps, the series locked only briefly.
    series: {
      tenantId,
      tipoDte: input.tipoDte,
      codEstableMH: emisor.codEstableMH,
      codPuntoVentaMH: emisor.codPuntoVentaMH,
      year: Number(fecEmi.slice(0, 4)),
    },
    numeroControlPrefix: prefix,
  });
}
