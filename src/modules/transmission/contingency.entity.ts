import { defineEntity, p } from '@mikro-orm/core';
import type { Ambiente } from '../../dte/model.js';
import { Tenant } from '../tenants/tenant.entity.js';

/**
 * An Evento de Contingencia (v4): the documents a tenant issued while MH was unreachable, reported within 24 h of the
 * outage's end; after its sello the documents go to MH in lotes of ≤ 100 within 72 h.
 * OPEN (collecting documents) → CLOSED (MH answers again; event built) → ACCEPTED (sello) | REJECTED.
 */
export const ContingencyEventSchema = defineEntity({
  name: 'ContingencyEvent',
  tableName: 'contingency_event',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    tenant: () => p.manyToOne(Tenant).index(),
    ambiente: p.string().length(2).$type<Ambiente>(),
    status: p.string().length(10),
    codigoGeneracion: p.string().length(36).unique(),
    tipoContingencia: p.integer(),
    motivoContin: p.string().length(500).nullable(),
    startedAt: p.datetime(),
    endedAt: p.datetime().nullable(),
    /** 24 h after the end of the outage. */
    deadline: p.datetime().nullable(),
    document: p.json<Record<string, unknown>>().nullable(),
    selloRecibido: p.string().length(40).nullable(),
    observaciones: p.json<string[]>().nullable(),
    attempts: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export class ContingencyEvent extends ContingencyEventSchema.class {}
ContingencyEventSchema.setClass(ContingencyEvent);

/** A lote of ≤ 100 contingency documents sent to recepcionlote; its results are polled from consultadtelote. */
export const LoteSchema = defineEntity({
  name: 'Lote',
  tableName: 'lote',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    tenant: () => p.manyToOne(Tenant).index(),
    ambiente: p.string().length(2).$type<Ambiente>(),
    contingencyEvent: p.uuid().index(),
    /** PENDING → SENT (codigoLote known) → DONE */
    status: p.string().length(10),
    idEnvio: p.string().length(36).unique(),
    codigoLote: p.string().length(36).nullable(),
    invoiceIds: p.json<string[]>(),
    polls: p.integer().default(0),
    sentAt: p.datetime().nullable(),
    completedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class Lote extends LoteSchema.class {}
LoteSchema.setClass(Lote);
