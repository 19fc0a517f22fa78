/**
 * dte.deadline.warning: a periodic scan (one job per time slot, deduplicated across workers) warns
 * once per invoice and deadline kind when a deadline is within the warning window and has not passed:
 *   contingency  — the contingency event must reach MH within 24 h of the outage's end;
 *   transmission — contingency documents must reach MH within 72 h of the event's sello;
 *   invalidation — the last day (El Salvador, UTC−6) on which a PROCESSED document may be invalidated, on the
 *                  tenant's business-day calendar (2 years for perishable medicines);
 *   relatedNotes — the last day on which a credit/debit note may still relate a PROCESSED CCF or CR (3 months).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { App } from '../../app.js';
import { addDays, addMonthsClamped, elSalvadorDateTime } from '../../dte/index.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { appendEvent } from '../invoices/invoice-transitions.js';
import { tenantEm } from './tenant-em.js';

export const DEADLINE_WARNING = 'dte.deadline.warning';
export const DEADLINE_SCAN_BATCH = 500;

interface Due {
  id: string;
  tenant_id: string;
  kind: 'contingency' | 'transmission' | 'invalidation' | 'relatedNotes';
  deadline: Date;
}

/**
 * Invoices with a deadline in (now, now + window] that were not warned about for that kind yet. Each kind is read
 * from an index over its own window, never from the whole table: contingency documents by status; invalidation by
 * its last day (PROCESSED only); related notes — due 3 months after fecEmi — per tenant from the (tenant, tipoDte,
 * fecEmi) listing index, over the few days of emission whose 3 months end within the window.
 */
export async function dueWarnings(em: EntityManager, now: Date, windowMs: number): Promise<Due[]> {
  return em.getConnection().execute<Due[]>(dueWarningsSql, dueWarningsParams(now, windowMs));
}

/**
 * The parameters of dueWarningsSql. Invalidation and related notes are due at the end of a day (23:59:59 El
 * Salvador, UTC−6): their ranges are exactly the days whose end falls within the window (an empty range when none
 * does), so that the scan reads no index entry it then discards. For the notes, the fecEmi days whose 3 months
 * (clamped to a shorter month's last day) end within it: the days from 3 months before today to 3 days after 3
 * months before the last day, kept when their end is in the window (the clamp is monotone: they are consecutive).
 */
export function dueWarningsParams(now: Date, windowMs: number): unknown[] {
  const until = new Date(now.getTime() + windowMs);
  const inWindow = (day: string) => {
    const end = Date.parse(`${day}T23:59:59-06:00`);
    return end > now.getTime() && end <= until.getTime();
  };
  const today = elSalvadorDateTime(now).fecEmi;
  const lastDay = elSalvadorDateTime(until).fecEmi;
  const [dueFrom, dueTo] = daysWithin(today, lastDay, inWindow);
  const [noteFrom, noteTo] = daysWithin(addMonthsClamped(today, -3), addDays(addMonthsClamped(lastDay, -3), 3), (d) =>
    inWindow(addMonthsClamped(d, 3)),
  );
  return [now, until, now, until, dueFrom, dueTo, noteFrom, noteTo, now, until, DEADLINE_WARNING, DEADLINE_SCAN_BATCH];
}

/** The first and last days of [from, to] that `keep` keeps (consecutive ones); none: an empty range. */
function daysWithin(from: string, to: string, keep: (day: string) => boolean): [string, string] {
  let first: string | null = null;
  let last: string | null = null;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (!keep(d)) continue;
    first ??= d;
    last = d;
  }
  return first && last ? [first, last] : ['9999-12-31', '0000-01-01'];
}

export const dueWarningsSql = `select x.id, x.tenant_id, x.kind, x.deadline from (
    select id, tenant_id, 'contingency' as kind, contingency_deadline as deadline from invoice
     where status = 'CONTINGENCY' and contingency_deadline > ? and contingency_deadline <= ?
    union all
    select id, tenant_id, 'transmission', transmit_deadline from invoice
     where status = 'CONTINGENCY' and transmit_deadline > ? and transmit_deadline <= ?
    union all
    -- the last day ends at 23:59:59 El Salvador time (UTC−6, no DST)
    select id, tenant_id, 'invalidation', (invalidation_deadline || 'T23:59:59-06:00')::timestamptz from invoice
     where status = 'PROCESSED' and invalidation_deadline is not null
       and invalidation_deadline >= ? and invalidation_deadline <= ?
    union all
    -- a credit or debit note may relate a CCF / Comprobante de Retención at most 3 months old (same day, clamped)
    select i.id, i.tenant_id, 'relatedNotes',
           ((i.fec_emi::date + interval '3 months')::date || 'T23:59:59-06:00')::timestamptz
      from tenant t cross join lateral (
        select id, tenant_id, fec_emi from invoice where tenant_id = t.id and tipo_dte in ('03', '07')
           and fec_emi >= ? and fec_emi <= ? and status = 'PROCESSED') i
  ) x
  where x.deadline > ? and x.deadline <= ?
    and not exists (select 1 from invoice_event e where e.invoice_id = x.id and e.type = ? and e.data->>'kind' = x.kind)
  order by x.deadline limit ?`;

/** Appends the warning events (each with its fan-out) and returns how many were raised. */
export async function raiseDeadlineWarnings(app: App, now: Date, windowMs: number): Promise<number> {
  const due = await dueWarnings(app.db.orm.em.fork(), now, windowMs);
  for (const d of due) {
    await tenantEm(app, d.tenant_id).transactional(async (tx) => {
      const inv = await tx.findOneOrFail(Invoice, { id: d.id });
      await appendEvent(tx, inv, DEADLINE_WARNING, inv.status, {
        kind: d.kind,
        deadline: new Date(d.deadline).toISOString(),
      });
    });
  }
  return due.length;
}
