// The listing queries the graph and REST offer, as the benchmark measures them and the plan test checks them.
import type pg from 'pg';
import {
  invoiceCountQuery,
  invoicePageQuery,
  numbered,
  RECENT_DAYS,
  windowStart,
  type InvoiceListFilter,
  type Keyset,
  type PageStep,
} from '../src/modules/invoices/invoice-list-sql.js';

export interface HistoryQuery {
  name: string;
  filter: InvoiceListFilter;
  /** The index the page must be read from (any of them); of a text search, its candidates (see PageStep). */
  indexes: string[];
  /** Of a text search by name or containment, the index its walk must read in order (default: invoice_list_index). */
  walk?: string[];
  /** The index the capped count must read (any of them), when it has one of its own. */
  countIndexes?: string[];
  /** Start after this row (a deep page), instead of the first page. */
  deep?: boolean;
}

/** Values that exist in the generated history of `tenantId` (a receptor, a patient, dates, a reference). */
export interface Samples {
  dui: string;
  patientId: string;
  firstDay: string;
  middleDay: string;
  lastDay: string;
  referencia: string;
  codigoGeneracion: string;
  numeroControl: string;
  keyset: Keyset;
}

export async function sampleValues(c: pg.Client | pg.PoolClient, tenantId: string): Promise<Samples> {
  const { rows } = await c.query(
    `select receptor_num_documento, patient_id, referencia_externa, codigo_generacion, numero_control, fec_emi, id,
            to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created
       from invoice where tenant_id = $1 and patient_id is not null order by fec_emi, created_at, id
       offset (select count(*) / 2 from invoice where tenant_id = $1) limit 1`,
    [tenantId],
  );
  const {
    rows: [range],
  } = await c.query(`select min(fec_emi) as first, max(fec_emi) as last from invoice where tenant_id = $1`, [tenantId]);
  const r = rows[0];
  return {
    dui: r.receptor_num_documento,
    patientId: r.patient_id,
    referencia: r.referencia_externa,
    codigoGeneracion: r.codigo_generacion,
    numeroControl: r.numero_control,
    firstDay: range.first,
    middleDay: r.fec_emi,
    lastDay: range.last,
    keyset: { fecEmi: r.fec_emi, createdAt: r.created, id: r.id },
  };
}

const LIST = ['invoice_list_index'];
const STATUS = ['invoice_list_status_index'];
const NAME = 'invoice_name_search_index';
const PAIRS = 'invoice_name_pairs_index';
const REFERENCE = 'invoice_reference_prefix_index';
const RECEPTOR = 'invoice_list_receptor_index';
const TRIGRAM = 'invoice_search_index';
const RECEPTOR_NAME = 'invoice_receptor_name_index';
// codigoGeneracion's one unique index, in the pattern operator class, answers its equality and its prefixes.
const CODIGO = ['invoice_codigo_generacion_unique'];
const CONTROL = ['invoice_numero_control_prefix_index', 'invoice_tenant_numero_control_unique'];

export function historyQueries(s: Samples): HistoryQuery[] {
  const monthAfterFirst = addDays(s.firstDay, 30);
  return [
    { name: 'first page', filter: {}, indexes: LIST },
    { name: 'deep page (keyset)', filter: {}, indexes: LIST, deep: true },
    { name: 'status REJECTED', filter: { status: ['REJECTED'] }, indexes: STATUS },
    {
      name: 'status + fromDate',
      filter: { status: ['PROCESSED'], fromDate: s.middleDay },
      indexes: [...STATUS, ...LIST],
    },
    { name: 'three statuses', filter: { status: ['CONTINGENCY', 'UNKNOWN', 'QUEUED'] }, indexes: STATUS },
    { name: 'tipoDte 05', filter: { tipoDte: ['05'] }, indexes: ['invoice_list_tipo_dte_index'] },
    {
      name: 'status + tipoDte',
      filter: { status: ['INVALIDATED'], tipoDte: ['03'] },
      indexes: ['invoice_list_status_tipo_index'],
      countIndexes: ['invoice_list_status_tipo_index'],
    },
    { name: 'oldest month (date range)', filter: { fromDate: s.firstDay, toDate: monthAfterFirst }, indexes: LIST },
    { name: 'receptorNumDocumento', filter: { receptorNumDocumento: s.dui }, indexes: ['invoice_list_receptor_index'] },
    { name: 'patientId', filter: { patientId: s.patientId }, indexes: ['invoice_list_patient_index'] },
    // Text: the mode the API settles on for each (textModes: the first that finds anything).
    { name: 'text: full name', filter: { text: 'jose pena nunez', textMode: 'words' }, indexes: [PAIRS] },
    {
      name: 'text: two words',
      filter: { text: 'Rocío Cañas', textMode: 'words' },
      indexes: [PAIRS],
      countIndexes: [PAIRS],
    },
    { name: 'text: common surname', filter: { text: 'PEÑA', textMode: 'words' }, indexes: [NAME] },
    { name: 'text: last word begun', filter: { text: 'rocio cañ', textMode: 'prefix' }, indexes: [PAIRS] },
    // A word only begun: no name has the whole word `quiñ` (the words' candidates are none), `quiñ:*` is common.
    { name: 'text: a single begun word', filter: { text: 'quiñ', textMode: 'prefix' }, indexes: [NAME] },
    { name: 'text: referenciaExterna', filter: { text: s.referencia, textMode: 'identifier' }, indexes: [REFERENCE] },
    { name: 'text: codigoGeneracion', filter: { text: s.codigoGeneracion, textMode: 'identifier' }, indexes: CODIGO },
    {
      name: 'text: codigoGeneracion prefix',
      indexes: CODIGO,
      filter: { text: s.codigoGeneracion.slice(0, 13).toLowerCase(), textMode: 'identifier' },
    },
    {
      name: 'text: numeroControl',
      indexes: CONTROL,
      filter: { text: s.numeroControl.toLowerCase(), textMode: 'identifier' },
    },
    { name: 'text: receptor document', filter: { text: s.dui, textMode: 'identifier' }, indexes: [RECEPTOR] },
    {
      name: 'text + status',
      indexes: [NAME],
      // On a small table the few rejected rows may be read by status and type, then sorted: as bounded as the walk.
      walk: [...STATUS, 'invoice_list_status_tipo_index'],
      filter: { text: 'martinez', status: ['REJECTED'], textMode: 'words' },
    },
    {
      name: 'text: contained (fallback)',
      // Several words: the receptor names that contain them, then each name's documents in listing order.
      indexes: [RECEPTOR_NAME],
      countIndexes: [RECEPTOR_NAME],
      filter: { text: 'ñez ram', textMode: 'contains' },
    },
    {
      name: 'text: contained, one word',
      indexes: [TRIGRAM],
      filter: { text: 'amír', textMode: 'contains' },
    },
  ];
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The SQL of a query's page (20 rows, as the API asks for 21 to know whether another page follows). */
export function pageSql(
  tenantId: string,
  q: HistoryQuery,
  s: Samples,
  step: PageStep | null = null,
): { text: string; values: unknown[] } {
  // The recent step's first window: the newest day (of a deep page, the day it starts after).
  const since = step === 'recent' ? windowStart(q.deep ? s.keyset.fecEmi : s.lastDay, RECENT_DAYS[0]) : null;
  return numbered(invoicePageQuery(tenantId, q.filter, 21, q.deep ? s.keyset : null, '*', step, since));
}

export function countSql(tenantId: string, q: HistoryQuery, cap: number): { text: string; values: unknown[] } {
  return numbered(invoiceCountQuery(tenantId, q.filter, cap));
}

export interface PlanSummary {
  indexes: string[];
  seqScan: boolean;
}

/** Which indexes the plan reads `invoice` through, and whether it reads the table sequentially instead. */
export async function planOf(
  c: pg.Client | pg.PoolClient,
  q: { text: string; values: unknown[] },
): Promise<PlanSummary> {
  const { rows } = await c.query(`explain (format json) ${q.text}`, q.values);
  const out: PlanSummary = { indexes: [], seqScan: false };
  const walk = (node: Record<string, unknown>) => {
    if (node['Relation Name'] === 'invoice' && node['Node Type'] === 'Seq Scan') out.seqScan = true;
    if (typeof node['Index Name'] === 'string') out.indexes.push(node['Index Name']);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk(rows[0]['QUERY PLAN'][0].Plan);
  return out;
}
