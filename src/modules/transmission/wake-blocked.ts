import type { EntityManager } from '@mikro-orm/postgresql';
import { JOB_CHANNEL } from '../../db/notifier.js';
import { transmitInvoiceJob } from './transmit-invoice.job.js';

/**
 * After a credential import: every transmit job of the tenant's blocked documents of that ambiente becomes due now,
 * ordered by emission (run_at = the invoice's creation time, already past, so they go before later documents).
 * Returns how many were woken. Runs in `em`'s transaction when there is one; workers are woken by NOTIFY.
 */
export async function wakeBlockedTransmissions(em: EntityManager, tenantId: string, ambiente: string): Promise<number> {
  const conn = em.getConnection();
  const rows = await conn.execute<{ id: string }[]>(
    `update job j set run_at = least(j.run_at, i.created_at), updated_at = now()
     from invoice i
     where j.kind = ? and j.status = 'queued' and j.tenant_id = ? and j.payload->>'invoiceId' = i.id::text
       and i.tenant_id = ? and i.ambiente = ? and i.blocked_code is not null
     returning j.id`,
    [transmitInvoiceJob.kind, tenantId, tenantId, ambiente],
    'all',
    em.getTransactionContext(),
  );
  if (!rows.length) return 0;
  await conn.execute(
    `select pg_notify('${JOB_CHANNEL}', ?)`,
    [transmitInvoiceJob.kind],
    'all',
    em.getTransactionContext(),
  );
  return rows.length;
}
