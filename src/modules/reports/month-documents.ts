/**
 * The documents of one tenant, ambiente and tax period (El Salvador dates), read with one query filtered by tenant and
 * emission-date range, oldest first. Only what the annexes, books and archive need is loaded.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ivaReturnDeadline, type BusinessCalendar } from '../../dte/index.js';

export interface MonthDocument {
  id: string;
  tipoDte: string;
  status: string;
  fecEmi: string;
  horEmi: string;
  numeroControl: string;
  codigoGeneracion: string;
  codEstableMH: string;
  codPuntoVentaMH: string;
  selloRecibido: string | null;
  totalPagar: string;
  document: Record<string, unknown>;
  invalidation: Record<string, unknown> | null;
  /** When the invalidation event was sealed (El Salvador date), for INVALIDATED documents. */
  invalidatedOn: string | null;
}

export interface Period {
  year: number;
  month: number;
  /** `YYYY-MM` */
  key: string;
  first: string;
  /** First day of the next period. */
  next: string;
}

export function parsePeriod(key: string): Period | null {
  const m = /^([0-9]{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return { year, month, key, first: `${key}-01`, next };
}

export function shiftPeriod(p: Period, months: number): Period {
  const idx = p.year * 12 + (p.month - 1) + months;
  return parsePeriod(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`)!;
}

const COLUMNS = `i.id, i.tipo_dte, i.status, i.fec_emi, i.hor_emi, i.numero_control, i.codigo_generacion,
  i.cod_estable_mh,
  i.cod_punto_venta_mh, i.sello_recibido, i.total_pagar, i.document, i.invalidation,
  (select to_char(e.created_at at time zone '-06:00', 'YYYY-MM-DD') from invoice_event e
    where e.invoice_id = i.id and e.type = 'dte.invalidated' order by e.id desc limit 1) as invalidated_on`;

interface Row {
  id: string;
  tipo_dte: string;
  status: string;
  fec_emi: string;
  hor_emi: string;
  numero_control: string;
  codigo_generacion: string;
  cod_estable_mh: string;
  cod_punto_venta_mh: string;
  sello_recibido: string | null;
  total_pagar: string;
  document: Record<string, unknown>;
  invalidation: Record<string, unknown> | null;
  invalidated_on: string | null;
}

function toDoc(r: Row): MonthDocument {
  return {
    id: r.id,
    tipoDte: r.tipo_dte,
    status: r.status,
    fecEmi: r.fec_emi,
    horEmi: r.hor_emi,
    numeroControl: r.numero_control,
    codigoGeneracion: r.codigo_generacion,
    codEstableMH: r.cod_estable_mh,
    codPuntoVentaMH: r.cod_punto_venta_mh,
    selloRecibido: r.sello_recibido,
    totalPagar: String(r.total_pagar),
    document: r.document,
    invalidation: r.invalidation,
    invalidatedOn: r.invalidated_on,
  };
}

/** Documents emitted in [from, to) (tenant + emission-date range). */
export async function documentsEmitted(
  em: EntityManager,
  tenantId: string,
  ambiente: string,
  from: string,
  to: string,
  status?: string,
): Promise<MonthDocument[]> {
  const rows = await em.getConnection().execute<Row[]>(
    `select ${COLUMNS} from invoice i
      where i.tenant_id = ? and i.ambiente = ? and i.fec_emi >= ? and i.fec_emi < ? ${status ? 'and i.status = ?' : ''}
      order by i.fec_emi, i.hor_emi, i.numero_control`,
    [tenantId, ambiente, from, to, ...(status ? [status] : [])],
  );
  return rows.map(toDoc);
}

export interface MonthDocuments {
  period: Period;
  /** Emitted in the period (every status). */
  emitted: MonthDocument[];
  /** Emitted in the three prior periods and invalidated during this one, after their own period's return was due. */
  lateInvalidated: MonthDocument[];
}

export async function loadMonth(
  em: EntityManager,
  tenantId: string,
  ambiente: string,
  period: Period,
  calendar: BusinessCalendar,
): Promise<MonthDocuments> {
  const emitted = await documentsEmitted(em, tenantId, ambiente, period.first, period.next);
  const earlier = await documentsEmitted(
    em,
    tenantId,
    ambiente,
    shiftPeriod(period, -3).first,
    period.first,
    'INVALIDATED',
  );
  return { period, emitted, lateInvalidated: earlier.filter((d) => isLateInvalidation(d, period, calendar)) };
}

/**
 * An earlier month's document invalidated during `period` after its own month's return was due: its own annexes were
 * already filed with it, so it is reported in the invalidated-documents annex of the month of the invalidation.
 */
export function isLateInvalidation(d: MonthDocument, period: Period, calendar: BusinessCalendar): boolean {
  const on = d.invalidatedOn;
  return (
    on !== null &&
    d.fecEmi < period.first &&
    on >= period.first &&
    on < period.next &&
    on > ivaReturnDeadline(d.fecEmi, calendar)
  );
}
