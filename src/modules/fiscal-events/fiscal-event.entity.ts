import { defineEntity, p } from '@mikro-orm/core';
import type { Ambiente, TipoEvento } from '../../dte/model.js';
import { Tenant } from '../tenants/tenant.entity.js';

/**
 * QUEUED → SENT → PROCESSED (sello) | REJECTED; SENT → UNKNOWN (no answer) → consultadte → PROCESSED | REJECTED |
 * resend; PROCESSED → INVALIDATED (MH sealed its Invalidación).
 */
export const FISCAL_EVENT_STATUSES = ['QUEUED', 'SENT', 'UNKNOWN', 'PROCESSED', 'REJECTED', 'INVALIDATED'] as const;
export type FiscalEventStatus = (typeof FISCAL_EVENT_STATUSES)[number];

/** One returned line of an Evento de Retorno: what the per-line balances of the returned documents sum. */
export interface ReturnedLine {
  invoiceId: string;
  codigoGeneracion: string;
  numItem: number;
  cantidad: string;
}

/**
 * One of Normativa 2.0's own events sent like a DTE: Evento de Retorno (18) or Evento de Operaciones Especiales (17).
 * Written once at emission (QUEUED, with the built document) and then moved along by its transmission job.
 */
export const FiscalEventSchema = defineEntity({
  name: 'FiscalEvent',
  tableName: 'fiscal_event',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    tenant: () => p.manyToOne(Tenant).index(),
    ambiente: p.string().length(2).$type<Ambiente>(),
    tipoEvento: p.string().length(2).$type<TipoEvento>(),
    status: p.string().length(16).$type<FiscalEventStatus>(),
    referenciaExterna: p.string().length(100),
    requestHash: p.string().length(64),
    codigoGeneracion: p.string().length(36).unique(),
    fecEmi: p.string().length(10),
    horEmi: p.string().length(8),
    document: p.json<Record<string, unknown>>(),
    signedDocument: p.text().nullable().lazy(),
    /** Retorno: the returned lines (original invoice and line, quantity); null on Operaciones Especiales. */
    lines: p.json<ReturnedLine[]>().nullable(),
    total: p.decimal().precision(16).scale(2),
    selloRecibido: p.string().length(40).nullable(),
    fhProcesamiento: p.string().length(19).nullable(),
    observaciones: p.json<string[]>().nullable(),
    mhCodigoMsg: p.string().length(10).nullable(),
    mhDescripcionMsg: p.text().nullable(),
    sendAttempts: p.integer().default(0),
    /** The sealed Invalidación event (codigoGeneracion, sello, motivo, document). */
    invalidation: p.json<Record<string, unknown>>().nullable(),
    processedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  uniques: [{ name: 'fiscal_event_tenant_reference_unique', properties: ['tenant', 'referenciaExterna'] }],
});
export class FiscalEvent extends FiscalEventSchema.class {}
FiscalEventSchema.setClass(FiscalEvent);
