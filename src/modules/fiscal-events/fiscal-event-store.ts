import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { canonicalJson, sha256Hex } from '../../core/canonical-json.js';
import { AppError, ErrorCode, ValidationError } from '../../core/errors.js';
import {
  dteSummary,
  elSalvadorDateTime,
  newCodigoGeneracion,
  validateDte,
  type Ambiente,
  type DteDocument,
} from '../../dte/index.js';
import { enqueue } from '../../queue/enqueue.js';
import type { Tenant } from '../tenants/tenant.entity.js';
import { FiscalEvent, type ReturnedLine } from './fiscal-event.entity.js';
import { transmitFiscalEventJob } from './transmit-fiscal-event.job.js';

export interface EventEmission {
  event: FiscalEvent;
  /** false when an earlier identical request already created it (idempotent replay). */
  created: boolean;
}

export interface EventDraft {
  tenant: Tenant;
  tipoEvento: '17' | '18';
  referenciaExterna: string;
  requestHash: string;
  lines: ReturnedLine[] | null;
  build(ident: { ambiente: Ambiente; codigoGeneracion: string; fecEmi: string; horEmi: string }): DteDocument;
}

export const requestHashOf = (body: unknown): string => sha256Hex(canonicalJson(body));

export function ambienteOf(ctx: Context): Ambiente {
  return ctx.actor.kind === 'apiKey' || ctx.actor.kind === 'user' ? ctx.actor.ambiente : '00';
}

/** Idempotency per tenant on referenciaExterna: the same body returns the same event, another body is refused. */
export async function existingEvent(
  em: EntityManager,
  referenciaExterna: string,
  requestHash: string,
): Promise<FiscalEvent | null> {
  const found = await em.fork().findOne(FiscalEvent, { referenciaExterna });
  if (found && found.requestHash !== requestHash) {
    throw new AppError(
      ErrorCode.DUPLICATE_REFERENCE,
      `referenciaExterna "${referenciaExterna}" was already used ` +
        `with a different body (event ${found.id}, ${found.status})`,
      [
        {
          path: 'referenciaExterna',
          code: 'DUPLICATE_REFERENCE',
          message: `already used by event ${found.id} with a different body`,
        },
      ],
    );
  }
  return found;
}

/** Builds, validates and writes the event (QUEUED) and its transmission job in the caller's transaction. */
export async function insertFiscalEvent(ctx: Context, tx: EntityManager, draft: EventDraft): Promise<FiscalEvent> {
  const codigoGeneracion = newCodigoGeneracion();
  const ambiente = ambienteOf(ctx);
  const document = draft.build({ ambiente, codigoGeneracion, ...elSalvadorDateTime(ctx.clock.now()) });
  const issues = validateDte(document);
  if (issues.length) throw new ValidationError(issues);
  const idn = document.identificacion as { fecEmi: string; horEmi: string };
  const event = tx.create(FiscalEvent, {
    tenant: draft.tenant,
    ambiente,
    tipoEvento: draft.tipoEvento,
    status: 'QUEUED',
    referenciaExterna: draft.referenciaExterna,
    requestHash: draft.requestHash,
    codigoGeneracion,
    fecEmi: idn.fecEmi,
    horEmi: idn.horEmi,
    document,
    lines: draft.lines,
    total: totalOf(document),
    sendAttempts: 0,
  });
  await tx.flush();
  await enqueue(tx, transmitFiscalEventJob, { eventId: event.id }, { tenantId: draft.tenant.id });
  return event;
}

function totalOf(doc: DteDocument): string {
  const r = doc.resumen as Record<string, unknown>;
  const v = r.totalPagar ?? r.total;
  return typeof v === 'number' ? v.toFixed(2) : dteSummary(doc).totalPagar;
}

/** Runs the creating transaction; a concurrent identical request that won the unique reference race answers instead. */
export async function createOnce(
  ctx: Context,
  referenciaExterna: string,
  requestHash: string,
  run: (tx: EntityManager) => Promise<FiscalEvent>,
): Promise<EventEmission> {
  try {
    return { event: await ctx.em.fork().transactional(run), created: true };
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) {
      const winner = await existingEvent(ctx.em, referenciaExterna, requestHash);
      if (winner) return { event: winner, created: false };
    }
    throw err;
  }
}
