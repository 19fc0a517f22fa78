/**
 * Documents that cannot be transmitted until the tenant acts (no MH credential for the ambiente, an expired
 * certificate): the reason is recorded on the invoice, announced once as `dte.blocked`, and the waiting transmit jobs
 * are woken as soon as a credential is imported, oldest emission first.
 */
import type { JobOutcome } from '../../queue/worker.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { appendEvent } from '../invoices/invoice-transitions.js';
import { lockInvoice, type JobScope } from './job-scope.js';
import type { SigningMaterial } from './signing-material.js';

export type BlockedCode = 'NO_MH_CREDENTIAL' | 'MH_CERTIFICATE_EXPIRED';
export const BLOCKED_EVENT = 'dte.blocked';
export const UNBLOCKED_EVENT = 'dte.unblocked';
/** A blocked document is looked at again this often even without an import (an import wakes it at once). */
export const BLOCKED_RETRY_MS = 5 * 60_000;

export interface Block {
  code: BlockedCode;
  reason: string;
}

/** Records (or clears) why the document waits; the event is appended only when the reason changes. */
export async function recordBlocked(scope: JobScope, invoiceId: string, block: Block | null): Promise<void> {
  await scope.em.fork().transactional(async (tx) => {
    const inv = await lockInvoice(tx, invoiceId);
    if ((inv.blockedCode ?? null) === (block?.code ?? null)) return;
    inv.blockedCode = block?.code ?? null;
    inv.blockedReason = block?.reason ?? null;
    inv.blockedSince = block ? scope.app.clock.now() : null;
    const data = block ? { code: block.code, reason: block.reason } : null;
    await appendEvent(tx, inv, block ? BLOCKED_EVENT : UNBLOCKED_EVENT, inv.status, data);
  });
}

const THEN = 'and the document is sent at once';

function blockOf(inv: Pick<Invoice, 'status' | 'ambiente'>, material: SigningMaterial | null, now: Date): Block | null {
  if (!material) {
    const reason =
      `no MH certificate and API credential imported for ` +
      `ambiente ${inv.ambiente}: import them (importMhCredential) ${THEN}`;
    return { code: 'NO_MH_CREDENTIAL', reason };
  }
  if (inv.status !== 'QUEUED' || material.notAfter.getTime() >= now.getTime()) return null;
  const reason =
    `the MH certificate expired on ${material.notAfter.toISOString()}: ` +
    `import a new one (importMhCredential) ${THEN}`;
  return { code: 'MH_CERTIFICATE_EXPIRED', reason };
}

/**
 * The transmit step's credential gate: the material when the document may go on (clearing a recorded block),
 * otherwise the job outcome that makes it wait, after recording why.
 */
export async function credentialGate(
  scope: JobScope,
  inv: Pick<Invoice, 'id' | 'status' | 'ambiente' | 'blockedCode'>,
  material: SigningMaterial | null,
): Promise<{ material: SigningMaterial } | { wait: JobOutcome }> {
  const block = blockOf(inv, material, scope.app.clock.now());
  if (block || inv.blockedCode) await recordBlocked(scope, inv.id, block);
  if (!block && material) return { material };
  const where = { invoiceId: inv.id, tenantId: scope.tenantId, ambiente: inv.ambiente, code: block!.code };
  scope.app.log.warn(where, 'the document waits for an MH credential');
  return { wait: { kind: 'retry', delayMs: BLOCKED_RETRY_MS, error: block!.reason } };
}

/** The waiting reason as GraphQL and REST show it (null when the document is not waiting). */
export function invoiceBlock(
  inv: Pick<Invoice, 'blockedCode' | 'blockedReason' | 'blockedSince'>,
): { code: string; reason: string; since: Date } | null {
  if (!inv.blockedCode) return null;
  return { code: inv.blockedCode, reason: inv.blockedReason ?? '', since: inv.blockedSince ?? new Date(0) };
}
