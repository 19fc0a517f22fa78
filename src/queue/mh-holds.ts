/** MH-bound documents claimed ahead per MH slot, by default (see WorkerOptions.mhPrefetch). */
const MH_PREFETCH_PER_SLOT = 2;

/**
 * The MH-bound jobs one worker holds per tenant, and the limits on them: which tenants' further MH-bound jobs the
 * worker leaves in the table for now (see `saturatedTenants`).
 */
export class MhHolds {
  /**
   * MH-bound jobs this worker holds per tenant, from their claim until MH answered them (recording the answer is not
   * counted): see `saturatedTenants`.
   */
  private readonly heldMh = new Map<string, number>();
  /** How many MH-bound jobs one tenant may hold: its slots and the prefetch beyond them. */
  private readonly mhHoldLimit: number;
  /** How many MH-bound jobs all tenants together may hold beyond their slots. */
  private readonly mhPrefetchLimit: number;

  constructor(
    concurrency: number,
    private readonly perTenantConcurrency: number,
    /** WorkerOptions.mhPrefetch. */
    mhPrefetch: number | undefined,
  ) {
    this.mhPrefetchLimit = concurrency * MH_PREFETCH_PER_SLOT;
    this.mhHoldLimit = perTenantConcurrency + Math.max(0, mhPrefetch ?? perTenantConcurrency * MH_PREFETCH_PER_SLOT);
  }

  /**
   * Tenants whose MH-bound jobs already fill their per-tenant slots and the prefetch beyond them in this worker.
   * Their further MH-bound jobs are left in the table for now, so a busy tenant's backlog never sits in front of
   * another tenant's documents: the next claim reaches past it to the oldest job of anyone else. (A prefetched job
   * waits for its tenant's slot without holding one of the worker's: it never delays another tenant's.)
   */
  saturatedTenants(): string[] {
    // (the prefetch of all tenants together is bounded too: see mhPrefetchLimit)
    const limit = this.prefetched() >= this.mhPrefetchLimit ? this.perTenantConcurrency : this.mhHoldLimit;
    const out: string[] = [];
    for (const [tenant, n] of this.heldMh) if (n >= limit) out.push(tenant);
    return out;
  }

  /** MH-bound jobs held beyond their tenant's slots. */
  prefetched(): number {
    let n = 0;
    for (const held of this.heldMh.values()) n += Math.max(0, held - this.perTenantConcurrency);
    return n;
  }

  /**
   * Counts one MH-bound job of the tenant as held (see saturatedTenants); the function returned ends that, once
   * (true when this call ended it).
   */
  holdMh(tenantKey: string): () => boolean {
    this.heldMh.set(tenantKey, (this.heldMh.get(tenantKey) ?? 0) + 1);
    let holding = true;
    return () => {
      if (!holding) return false;
      holding = false;
      const left = (this.heldMh.get(tenantKey) ?? 1) - 1;
      if (left > 0) this.heldMh.set(tenantKey, left);
      else this.heldMh.delete(tenantKey);
      return true;
    };
  }
}
