import { prepared, tenantCheck } from '../../db/sql-params.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import type { Pool } from 'pg';
import type { App } from '../../app.js';
import { isUuid } from '../../core/guards.js';
import { coalescePerPool } from '../../db/coalesce.js';
import type { ClaimedJob, JobOutcome, JobRuntime } from '../../queue/job-definition.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { fanOutColumns, fanOutInvoiceFromRow, type FanOutInvoice } from '../notifications/fan-out.js';
import { cachedSigningMaterial, type SigningMaterial } from './signing-material.js';

/** Tunables of the transmission pipeline (MH's rules where MH has one). */
export interface PipelineSettings {
  /** MH: at most 2 resends after the first transmission, then contingency. */
  maxSends: number;
  /** Consecutive "MH unreachable" failures of one document before it is re-issued in contingency. */
  unreachableBeforeContingency: number;
  /** How often an open contingency probes MH (MH asks for reconnection attempts at least every 15 min). */
  contingencyProbeMs: number;
  lotePollMs: number;
}

export const DEFAULT_PIPELINE: PipelineSettings = {
  maxSends: 3,
  unreachableBeforeContingency: 3,
  contingencyProbeMs: 60_000,
  lotePollMs: 3_000,
};

/** A job's view of the world: a tenant-scoped entity manager (the job's tenant), MH services and settings. */
export interface JobScope {
  app: App;
  em: EntityManager;
  tenantId: string;
  settings: PipelineSettings;
}

export function jobScope(app: App, tenantId: string, settings: PipelineSettings): JobScope {
  return { app, em: app.tenantEm(tenantId), tenantId, settings };
}

/** A transmission job's handler, run in its tenant's scope (every transmission job belongs to a tenant). */
export function inTenantScope<P>(fn: (scope: JobScope, job: ClaimedJob<P>) => Promise<JobOutcome>) {
  return (rt: JobRuntime, job: ClaimedJob<P>): Promise<JobOutcome> => {
    if (!job.tenantId) return Promise.resolve({ kind: 'failed', error: 'transmission jobs belong to a tenant' });
    return fn(jobScope(rt.app, job.tenantId, rt.app.config.pipeline), job);
  };
}

/**
 * Re-reads the invoice under a row lock inside `tx`: every state change is decided on fresh, locked state.
 * (The JWS is stored without its payload, so the row is small whether or not the step sends it.)
 */
export async function lockInvoice(tx: EntityManager, id: string, _withJws = true): Promise<Invoice> {
  return tx.findOneOrFail(Invoice, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
}

/**
 * The invoice as the transmission steps read it: what they decide on, what they send, and the facts the fan-out of
 * MH's answer is built from. An Invoice entity is one too (the rarer steps lock and load it through the ORM).
 */
export type PipelineInvoice = FanOutInvoice & Pick<Invoice, 'document' | 'jws' | 'sendAttempts' | 'blockedCode'>;

/**
 * One invoice of the job's tenant with only the columns the pipeline uses (plain SQL, no unit of work: most steps
 * change the row with one statement of their own). `withDocument: false` leaves out the DTE and its JWS (the
 * largest columns) when the step only needs the facts. Throws when the invoice does not exist. The reads of the
 * jobs dispatched together are one query (coalesce).
 */
export async function loadPipelineInvoice(scope: JobScope, id: string, withDocument = true): Promise<PipelineInvoice> {
  // (an id that is not a uuid is refused alone, not in the batch it would make fail)
  if (!isUuid(id)) throw new Error(`invoice id ${id} is not a uuid`);
  const read = withDocument ? readWithDocument : readFacts;
  const r = await read(scope.app.db.pool, `${scope.tenantId}/${id}`.toLowerCase());
  if (!r) throw new Error(`invoice ${id} of tenant ${scope.tenantId} not found`);
  return {
    ...fanOutInvoiceFromRow(r),
    document: r.document ?? {},
    jws: r.jws,
    sendAttempts: r.send_attempts,
    blockedCode: r.blocked_code,
  };
}

type Row = Record<string, never>;

/** Keys are `tenant/id`: a row is only ever read for its own tenant. */
const readInvoices = (document: string) =>
  coalescePerPool<Pool, string, Row>(async (pool, keys) => {
    const { rows } = await pool.query<Row>(
      prepared(
        `select ${fanOutColumns('i')}, ${document}, i.send_attempts, i.blocked_code, i.tenant_id as fx_tenant
         from invoice i join unnest($1::uuid[], $2::uuid[]) k(tenant_id, id)
           on i.id = k.id and ${tenantCheck('i.tenant_id', 'k.tenant_id')}`,
        [keys.map((k) => k.split('/')[0]), keys.map((k) => k.split('/')[1])],
      ),
    );
    return new Map(rows.map((r) => [`${r.fx_tenant}/${r.id}`, r]));
  });
const readWithDocument = readInvoices('i.document, i.jws');
const readFacts = readInvoices('null as document, null as jws');

/** Decrypted signing material for the job's tenant (cached a minute, see cachedSigningMaterial). */
export function signingMaterial(scope: JobScope, ambiente: '00' | '01'): Promise<SigningMaterial | null> {
  return cachedSigningMaterial(scope.em, scope.app.mh.masterKey, scope.tenantId, ambiente);
}
