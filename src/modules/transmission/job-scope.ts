import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import type { App } from '../../app.js';
import type { ClaimedJob, JobOutcome, JobRuntime } from '../../queue/job-definition.js';
import { Invoice } from '../invoices/invoice.entity.js';
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

export const DEFAULT_PIPELINE: PipelineSettings = { maxSends: 3, unreachableBeforeContingency: 3, contingencyProbeMs: 60_000, lotePollMs: 3_000 };

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

/** Decrypted signing material for the job's tenant (cached a minute, see cachedSigningMaterial). */
export function signingMaterial(scope: JobScope, ambiente: '00' | '01'): Promise<SigningMaterial | null> {
  return cachedSigningMaterial(scope.em, scope.app.mh.masterKey, scope.tenantId, ambiente);
}
