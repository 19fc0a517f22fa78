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

/** A CCF / CR emitted before this date can no longer be related by a note (3 months), so it needs no warning. */
function oldestNoteTarget(now: Date): string {
  return addDays(addMonthsClamped(elSalvadorDateTime(now).fecEmi, -3), -3);
}

/** Invoices with a deadline in (now, now + window] that were not warned about for that kind yet. */
export async function dueWarnings(em: EntityManager, now: Date, windowMs: number): Promise<Due[]> {
  const until = new Date(now.getTime() + windowMs);
  return em.getConnection().execute<Due[]>(
    `select x.id, x.tenant_id, x.kind, x.deadline from (
       select id, tenant_id, 'contingency' as kind, contingency_deadline as deadline from invoice where status = 'CONTINGENCY' and contingency_deadline is not null
       union all
       select id, tenant_id, 'transmission', transmit_deadline from invoice where status = 'CONTINGENCY' and transmit_deadline is not null
       union all
       -- the last day ends at 23:59:59 El Salvador time (UTC−6, no DST)
       select id, tenant_id, 'invalidation', (invalidation_deadline || 'T23:59:59-06:00')::timestamptz from invoice where status = 'PROCESSED' and invalidation_deadline is not null
       union all
       -- a credit or debit note may relate a CCF / Comprobante de Retención at most 3 months old (same day, clamped)
       select id, tenant_id, 'relatedNotes', ((fec_emi::date + interval '3 months')::date || 'T23:59:59-06:00')::timestamptz
         from invoice where status = 'PROCESSED' and tipo_dte in ('03', '07') and fec_emi >= ?
     ) x
     where x.deadline > ? and x.deadline <= ?
       and not exists (select 1 from invoice_event e where e.invoice_id = x.id and e.type = ? and e.data->>'kind' = x.kind)
     order by x.deadline limit ?`,
    [oldestNoteTarget(now), now, until, DEADLINE_WARNING, DEADLINE_SCAN_BATCH],
  );
}

/** Appends the warning events (each with its fan-out) and returns how many were raised. */
export async function raiseDeadlineWarnings(app: App, now: Date, windowMs: number): Promise<number> {
  const due = await dueWarnings(app.db.orm.em.fork(), now, windowMs);
  for (const d of due) {
    await tenantEm(app, d.tenant_id).transactional(async (tx) => {
      const inv = await tx.findOneOrFail(Invoice, { id: d.id });
      await appendEvent(tx, inv, DEADLINE_WARNING, inv.status, { kind: d.kind, deadline: new Date(d.deadline).toISOString() });
    });
  }
  return due.length;
}

