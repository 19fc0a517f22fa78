import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvoiceEmail } from '../../src/modules/email/invoice-email.entity.js';
import { Invoice } from '../../src/modules/invoices/invoice.entity.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, facturaBody, tenantWithCredential, waitForStatus } from '../helpers/pipeline.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(
    { FX_WORKER_CONCURRENCY: '8', FX_WORKER_TENANT_CONCURRENCY: '4', FX_MH_TIMEOUT_MS: '20000' },
    { worker: true },
  );
});
afterAll(async () => t?.close());

describe('fair share between MH work and local work', () => {
  it('a backlog of transmissions does not starve the e-mail of a sealed document', async () => {
    const busy = await tenantWithCredential(t);
    const other = await tenantWithCredential(t);
    t.app.mh.sandbox!.setFault({ latencyMs: 2000 }, busy.nit);
    const sealed = await emit(other, facturaBody()); // first in line; its e-mail is queued behind the backlog below
    const backlog = (await Promise.all(Array.from({ length: 80 }, () => emit(busy, facturaBody())))).map((i) => i.id);
    expect((await waitForStatus(t, [sealed.id], ['PROCESSED'], 30_000))[0]!.status).toBe('PROCESSED');
    const em = () => t.app.db.orm.em.fork();
    let mail: InvoiceEmail | null = null;
    for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
      mail = await em().findOne(InvoiceEmail, { invoice: sealed.id }, { filters: false });
      if (mail && mail.status !== 'PENDING') break;
    }
    expect(mail?.status).not.toBe('PENDING');
    // …long before the busy tenant's backlog (4 at a time, 2 s each) is through: strict priority would have sent it
    // last
    expect(await em().count(Invoice, { id: { $in: backlog }, status: 'PROCESSED' }, { filters: false })).toBeLessThan(
      40,
    );
  }, 180_000);

  it("one tenant's backlog does not hold back another tenant's documents", async () => {
    const busy = await tenantWithCredential(t);
    const quiet = await tenantWithCredential(t);
    t.app.mh.sandbox!.setFault({ latencyMs: 1000 }, busy.nit);
    const backlog = (await Promise.all(Array.from({ length: 48 }, () => emit(busy, facturaBody())))).map((i) => i.id);
    // Emitted after the whole backlog: claiming in emission order alone would send it after all 48 (12 s at 4 at a
    // time); the busy tenant's slots are full, so it is claimed at once.
    const late = await emit(quiet, facturaBody());
    const started = Date.now();
    expect((await waitForStatus(t, [late.id], ['PROCESSED'], 30_000))[0]!.status).toBe('PROCESSED');
    expect(Date.now() - started).toBeLessThan(5_000);
    const em = t.app.db.orm.em.fork();
    expect(await em.count(Invoice, { id: { $in: backlog }, status: 'PROCESSED' }, { filters: false })).toBeLessThan(24);
    expect((await waitForStatus(t, backlog, ['PROCESSED'], 60_000)).every((i) => i.status === 'PROCESSED')).toBe(true);
  }, 180_000);
});
