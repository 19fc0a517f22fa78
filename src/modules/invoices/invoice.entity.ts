import { defineEntity, p } from '@mikro-orm/core';
import type { Ambiente, TipoDte } from '../../dte/model.js';
import { uuidV7 } from '../../core/uuid-v7.js';
import { Tenant } from '../tenants/tenant.entity.js';
import type { InvoiceStatus } from './invoice-lifecycle.js';

/** The text search's index: trigrams of the searchable columns, unaccented and lower-cased (migration-created). */
// No tenant column in it: a GIN entry for the tenant would list all of its rows, and every search would read that
// whole list; the few matches of other tenants are dropped after the index, by the query's tenant condition.
const INVOICE_SEARCH_INDEX =
  'create index "invoice_search_index" on "invoice" using gin (' +
  'fx_invoice_search("receptor_nombre", "numero_control", "codigo_generacion", "referencia_externa") gin_trgm_ops)';

/**
 * The text search by identifier and by name (migration-created). An identifier is looked up by prefix in its own
 * btree: codigoGeneracion (its unique index, below), numeroControl and referenciaExterna (the latter
 * lower-cased); a name by its words, unaccented (`fx_names`), in a GIN index of the receptor's name, and by
 * its pairs of adjacent words in another.
 */
const SEARCH_INDEXES = [
  ['invoice_numero_control_prefix_index', '("tenant_id", "numero_control" varchar_pattern_ops)'],
  ['invoice_reference_prefix_index', '("tenant_id", lower("referencia_externa") text_pattern_ops)'],
  ['invoice_name_search_index', "using gin (to_tsvector('fx_names'::regconfig, coalesce(\"receptor_nombre\", '')))"],
  // Two adjacent words of the name as one entry (fx_name_pairs): `rocio canas` without reading every Rocío and Cañas.
  ['invoice_name_pairs_index', 'using gin (fx_name_pairs("receptor_nombre"))'],
  // The deadline scan: PROCESSED documents whose invalidation window ends soon, documents in contingency whose
  // deadlines come. Partial: a row version outside the condition (the pipeline's QUEUED, SENT…) gets no entry.
  [
    'invoice_invalidation_deadline_index',
    '("invalidation_deadline") where status = \'PROCESSED\' and invalidation_deadline is not null',
  ],
  // The deadline scan: documents in contingency whose event or transmission is due soon.
  [
    'invoice_contingency_deadline_index',
    '("contingency_deadline") where status = \'CONTINGENCY\' and contingency_deadline is not null',
  ],
  [
    'invoice_transmit_deadline_index',
    '("transmit_deadline") where status = \'CONTINGENCY\' and transmit_deadline is not null',
  ],
  // The documents of a contingency event (nearly every row has none: those get no entry).
  ['invoice_contingency_member_index', '("contingency_event") where contingency_event is not null'],
  // Containment of several words: each matching receptor name's documents in listing order (see ReceptorName), and
  // the trigrams of the few identifiers with a space (the only identifiers such a fragment can be in).
  [
    'invoice_receptor_name_index',
    '("tenant_id", "receptor_nombre", "fec_emi", "created_at", "id") where receptor_nombre is not null',
  ],
  [
    'invoice_spaced_identifiers_index',
    'using gin (fx_invoice_identifiers("numero_control", "codigo_generacion", "referencia_externa") gin_trgm_ops) ' +
      'where fx_invoice_identifiers("numero_control", "codigo_generacion", "referencia_externa") like \'% %\'',
  ],
].map(([name, definition]) => ({ name: name!, expression: `create index "${name}" on "invoice" ${definition}` }));

/**
 * One DTE. The row is written once at emission (QUEUED, with its numeroControl and the built document) and then only
 * moved along the lifecycle table by the pipeline. Money columns are numeric (decimal strings), never floats.
 */
export const InvoiceSchema = defineEntity({
  name: 'Invoice',
  tableName: 'invoice',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => uuidV7()),
    tenant: () => p.manyToOne(Tenant),
    ambiente: p.string().length(2).$type<Ambiente>(),
    tipoDte: p.string().length(2).$type<TipoDte>(),
    status: p.string().length(16).$type<InvoiceStatus>(),
    referenciaExterna: p.string().length(100),
    /**
     * SHA-256 of the canonical emission body: same reference + same body = the same invoice (idempotency). The body
     * itself is not kept: the document built from it is, and so is its signed form.
     */
    requestHash: p.string().length(64),
    /** Unique: `invoice_codigo_generacion_unique` (below). */
    codigoGeneracion: p.string().length(36),
    numeroControl: p.string().length(31),
    codEstableMH: p.string().length(4),
    codPuntoVentaMH: p.string().length(4),
    fecEmi: p.string().length(10),
    horEmi: p.string().length(8),
    /** The DTE JSON as built (and, once signed, the payload of the JWS). */
    document: p.json<Record<string, unknown>>(),
    /**
     * The JWS sent to MH, stored without its payload (`header..signature`, the payload being `document`) — or whole
     * when its payload is not `document` as stored. Read it through compactJws() (invoice-jws.ts), never directly.
     */
    jws: p.text().nullable(),
    selloRecibido: p.string().length(40).nullable(),
    fhProcesamiento: p.string().length(19).nullable(),
    observaciones: p.json<string[]>().nullable(),
    /** What the engine did on the caller's behalf at emission (e.g. an all-zero DUI read as no document). */
    warnings: p
      .json<{ path: string; code: string; message: string; params?: Record<string, string | number> }[]>()
      .nullable(),
    mhCodigoMsg: p.string().length(10).nullable(),
    mhDescripcionMsg: p.text().nullable(),
    totalPagar: p.decimal().precision(16).scale(2),
    receptorNombre: p.string().length(250).nullable(),
    receptorNumDocumento: p.string().length(30).nullable(),
    receptorCorreo: p.string().length(100).nullable(),
    patientId: p.string().length(100).nullable(),
    /**
     * The receptor's name and the reference as the containment search sees them (fx_invoice_search_text), written
     * by a database trigger with the row; never loaded with the entity. Null in rows written before it existed (the
     * search computes it).
     */
    searchText: p.text().nullable().lazy().hidden(),
    /** Transmissions of the normal document (MH: at most 2 resends after the first, then contingency). */
    sendAttempts: p.integer().default(0),
    tipoContingencia: p.integer().nullable(),
    motivoContin: p.string().length(500).nullable(),
    contingencyEvent: p.uuid().nullable(),
    /** Contingency: the event must reach MH within 24 h of the outage's end; the documents 72 h after its sello. */
    contingencyDeadline: p.datetime().nullable(),
    transmitDeadline: p.datetime().nullable(),
    /** Last day (El Salvador) on which an invalidation event may be sent. */
    invalidationDeadline: p.string().length(10).nullable(),
    invalidation: p.json<Record<string, unknown>>().nullable(),
    processedAt: p.datetime().nullable(),
    /** Why the document waits before transmission (e.g. NO_MH_CREDENTIAL), set and cleared by the transmit step. */
    blockedCode: p.string().length(40).nullable(),
    blockedReason: p.text().nullable(),
    blockedSince: p.datetime().nullable(),
    /** Issued against an MH sandbox, not MH: its sello (if any) has no fiscal validity. */
    sandbox: p.boolean().default(false),
    /** A line sells a perishable medicine: MH's 2-year invalidation window applies. */
    perishableMedicine: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  uniques: [
    { name: 'invoice_tenant_reference_unique', properties: ['tenant', 'referenciaExterna'] },
    { name: 'invoice_tenant_numero_control_unique', properties: ['tenant', 'numeroControl'] },
    // What a document's events, e-mails and PDFs reference (DATABASE_FOREIGN_KEYS): one key checks both the invoice
    // and its tenant, and locks the invoice's row rather than the tenant's one row.
    { name: 'invoice_tenant_id_unique', properties: ['tenant', 'id'] },
    // codigoGeneracion, unique across tenants, in the pattern operator class: the same B-tree answers equality and
    // the search by prefix under any collation (a random v4 UUID: each row version writes a random leaf page of it,
    // so one index rather than a constraint and a prefix index). Migration-created.
    {
      name: 'invoice_codigo_generacion_unique',
      expression:
        'create unique index "invoice_codigo_generacion_unique" on "invoice" ("codigo_generacion" varchar_pattern_ops)',
    },
  ],
  // Every listing is one tenant's invoices, newest first: (fecEmi, createdAt, id) descending (list-invoices.ts). Each
  // filter has an index that starts with the tenant, then the filtered column, then that order, so a page is read
  // in order from the index and stops after `first` rows. Text search: a trigram index (accent- and case-insensitive).
  indexes: [
    { name: 'invoice_list_index', properties: ['tenant', 'fecEmi', 'createdAt', 'id'] },
    { name: 'invoice_list_status_index', properties: ['tenant', 'status', 'fecEmi', 'createdAt', 'id'] },
    { name: 'invoice_list_tipo_dte_index', properties: ['tenant', 'tipoDte', 'fecEmi', 'createdAt', 'id'] },
    {
      name: 'invoice_list_status_tipo_index',
      properties: ['tenant', 'status', 'tipoDte', 'fecEmi', 'createdAt', 'id'],
    },
    {
      name: 'invoice_list_receptor_index',
      properties: ['tenant', 'receptorNumDocumento', 'fecEmi', 'createdAt', 'id'],
      where: 'receptor_num_documento is not null',
    },
    {
      name: 'invoice_list_patient_index',
      properties: ['tenant', 'patientId', 'fecEmi', 'createdAt', 'id'],
      where: 'patient_id is not null',
    },
    { name: 'invoice_search_index', expression: INVOICE_SEARCH_INDEX },
    ...SEARCH_INDEXES,
  ],
});
export class Invoice extends InvoiceSchema.class {}
InvoiceSchema.setClass(Invoice);

/** Append-only history: one row per state change, written in the same transaction as the change. */
export const InvoiceEventSchema = defineEntity({
  name: 'InvoiceEvent',
  tableName: 'invoice_event',
  properties: {
    id: p.bigint().primary().autoincrement(),
    // Both checked by one key, (tenant_id, invoice_id) → invoice (tenant_id, id): DATABASE_FOREIGN_KEYS.
    tenant: () => p.manyToOne(Tenant).createForeignKeyConstraint(false),
    invoice: () => p.manyToOne(Invoice).index().createForeignKeyConstraint(false),
    type: p.string().length(40),
    fromStatus: p.string().length(16).nullable(),
    toStatus: p.string().length(16).nullable(),
    data: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class InvoiceEvent extends InvoiceEventSchema.class {}
InvoiceEventSchema.setClass(InvoiceEvent);

/** numeroControl correlatives: one counter per (tenant, tipoDte, establishment, POS, year). */
export const ControlCounterSchema = defineEntity({
  name: 'ControlCounter',
  tableName: 'control_counter',
  properties: {
    tenant: () => p.manyToOne(Tenant).primary(),
    tipoDte: p.string().length(2).$type<TipoDte>().primary(),
    codEstableMH: p.string().length(4).primary(),
    codPuntoVentaMH: p.string().length(4).primary(),
    year: p.integer().primary(),
    lastValue: p.bigint(),
  },
});
export class ControlCounter extends ControlCounterSchema.class {}
ControlCounterSchema.setClass(ControlCounter);

/**
 * Documents by status and tipoDte, for /metrics without counting the invoice table: triggers on `invoice` insert one
 * delta row per statement (never updating a shared row), folded from time to time into one row per pair (migration).
 */
export const InvoiceTallySchema = defineEntity({
  name: 'InvoiceTally',
  tableName: 'invoice_tally',
  properties: {
    id: p.bigint().primary().autoincrement(),
    status: p.string().length(16),
    tipoDte: p.string().length(2),
    n: p.bigint(),
  },
});
export class InvoiceTally extends InvoiceTallySchema.class {}
InvoiceTallySchema.setClass(InvoiceTally);

/**
 * Each tenant's distinct receptor names, with their key as the containment search sees them (`fx_name_key`:
 * lower-cased, unaccented) in a trigram index: a fragment of several words is matched against the names, then each
 * matching name's documents are read in listing order (invoice_receptor_name_index). Kept by a row trigger on
 * `invoice`, in the transaction that writes the document (migration); a name is never removed (a name without
 * documents only costs its lookup).
 */
export const ReceptorNameSchema = defineEntity({
  name: 'ReceptorName',
  tableName: 'receptor_name',
  properties: {
    tenantId: p.uuid().primary(),
    nombre: p.text().primary(),
    nameKey: p.text(),
  },
  indexes: [
    {
      name: 'receptor_name_key_index',
      expression: 'create index "receptor_name_key_index" on "receptor_name" using gin ("name_key" gin_trgm_ops)',
    },
  ],
});
export class ReceptorName extends ReceptorNameSchema.class {}
ReceptorNameSchema.setClass(ReceptorName);
