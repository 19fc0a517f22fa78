import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitInvoice } from '../../src/modules/invoices/emit-invoice.js';
import { emissionGroups } from '../../src/modules/invoices/insert-emission-group.js';
import { Invoice } from '../../src/modules/invoices/invoice.entity.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, facturaBody, tenantWithCredential } from '../helpers/pipeline.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(); // no worker: numbering is decided at emission
});
afterAll(async () => t?.close());

describe('emissions of one series written together', () => {
  it('concurrent emissions share statements and still get consecutive numbers, each its own', async () => {
    const tt = await tenantWithCredential(t);
    const before = { ...emissionGroups };
    const bodies = Array.from({ length: 30 }, () => facturaBody());
    const invoices = await Promise.all(bodies.map((b) => emit(tt, b)));

    expect(emissionGroups.grouped).toBeGreaterThan(before.grouped); // some were written together
    expect(emissionGroups.split).toBe(before.split); // and none of those groups failed
    expect(invoices.map((inv) => inv.referenciaExterna)).toEqual(bodies.map((b) => b.referenciaExterna));
    const numbers = invoices.map((inv) => Number(inv.numeroControl.slice(-15))).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const rows = await t.app.db.orm.em.fork().find(Invoice, { tenant: tt.tenantId }, { filters: false });
    expect(rows).toHaveLength(bodies.length);
    for (const r of rows) {
      expect(invoices.find((inv) => inv.id === r.id)?.numeroControl).toBe(r.numeroControl);
      expect(r.numeroControl).toBe((r.document.identificacion as { numeroControl: string }).numeroControl);
    }
    // the counter holds the last number given: the next emission continues the series
    const next = await emit(tt);
    expect(Number(next.numeroControl.slice(-15))).toBe(bodies.length + 1);
  }, 120_000);

  it('a taken reference is answered alone; the rest of its group is written together, without a gap', async () => {
    const tt = await tenantWithCredential(t);
    const taken = [facturaBody(), facturaBody(), facturaBody()];
    const earlier: Invoice[] = [];
    for (const b of taken) earlier.push(await emit(tt, b));
    const before = { ...emissionGroups };

    // Many at once: while the first statements run, the others wait and are written in groups; the conflicting
    // bodies (a taken reference, another body) and the replays fail their group: they are answered alone, the
    // others written together again.
    const fresh = Array.from({ length: 40 }, () => facturaBody());
    const conflicts: Record<string, unknown>[] = taken.map((b, i) => ({ ...b, observaciones: `otro cuerpo ${i}` }));
    const bodies: Record<string, unknown>[] = [
      ...fresh.slice(0, 10),
      ...conflicts,
      ...fresh.slice(10, 25),
      ...taken,
      ...fresh.slice(25),
    ];
    const results = await Promise.all(bodies.map((b) => emitInvoice(tt.ctx(), b)));

    expect(emissionGroups.grouped).toBeGreaterThan(before.grouped);
    expect(emissionGroups.split).toBeGreaterThan(before.split); // the taken references did fail a group
    bodies.forEach((b, i) => {
      const r = results[i]!;
      if (conflicts.includes(b)) {
        expect(r.ok ? 'ok' : r.error.code).toBe('DUPLICATE_REFERENCE');
        return;
      }
      if (!r.ok) throw new Error(`request ${i} failed: ${r.error.code}`);
      expect(r.value.invoice.referenciaExterna).toBe(b.referenciaExterna);
      if (taken.includes(b)) {
        expect(r.value.created).toBe(false);
        expect(r.value.invoice.id).toBe(earlier[taken.indexOf(b)]!.id);
      } else expect(r.value.created).toBe(true);
    });
    await expectSeries(tt.tenantId, taken.length + fresh.length);
  }, 120_000);

  it('a group PostgreSQL refuses takes no number; each of its requests gets its own answer', async () => {
    const tt = await tenantWithCredential(t);
    await emit(tt);
    const before = { ...emissionGroups };
    // A row PostgreSQL refuses (here a trigger of this test's): the statement holding it fails whole.
    await t.app.db.pool.query(`create or replace function fx_test_refuse() returns trigger language plpgsql as $$
      begin raise exception 'refused' using errcode = 'P0042'; end $$`);
    await t.app.db.pool.query(`create trigger fx_test_refuse before insert on invoice for each row
      when (new.patient_id = 'refuse-me') execute function fx_test_refuse()`);
    const fresh = Array.from({ length: 30 }, () => facturaBody());
    const refused = Array.from({ length: 3 }, () => facturaBody({ patientId: 'refuse-me' }));
    const bodies = [...fresh.slice(0, 10), refused[0]!, ...fresh.slice(10, 20), refused[1]!, ...fresh.slice(20)];
    bodies.push(refused[2]!);
    const results = await Promise.allSettled(bodies.map((b) => emitInvoice(tt.ctx(), b))).finally(() =>
      t.app.db.pool.query('drop trigger fx_test_refuse on invoice'),
    );

    expect(emissionGroups.split).toBeGreaterThan(before.split); // a group did fail and was split
    bodies.forEach((b, i) => {
      const r = results[i]!;
      if (refused.includes(b)) {
        expect(r.status).toBe('rejected');
        expect(r.status === 'rejected' && (r.reason as { code?: string }).code).toBe('P0042');
        return;
      }
      if (r.status === 'rejected') throw new Error(`request ${i} failed: ${String(r.reason)}`);
      if (!r.value.ok) throw new Error(`request ${i} failed: ${r.value.error.code}`);
      expect(r.value.value.invoice.referenciaExterna).toBe(b.referenciaExterna);
      expect(r.value.value.created).toBe(true);
    });
    await expectSeries(tt.tenantId, 1 + fresh.length, results);
  }, 120_000);
});

/** The tenant's invoices: `count` of them, numbered 1…count, each as its request was answered. */
async function expectSeries(tenantId: string, count: number, results?: PromiseSettledResult<unknown>[]) {
  const rows = await t.app.db.orm.em.fork().find(Invoice, { tenant: tenantId }, { filters: false });
  expect(rows).toHaveLength(count);
  const numbers = rows.map((r) => Number(r.numeroControl.slice(-15))).sort((a, b) => a - b);
  expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  for (const r of rows)
    expect(r.numeroControl).toBe((r.document.identificacion as { numeroControl: string }).numeroControl);
  for (const x of results ?? []) {
    const v = x.status === 'fulfilled' ? (x.value as { ok: boolean; value?: { invoice: Invoice } }) : null;
    const inv = v?.ok ? v.value!.invoice : null;
    if (inv) expect(rows.find((r) => r.id === inv.id)?.numeroControl).toBe(inv.numeroControl);
  }
  const jobs = await t.app.db.pool.query<{ n: number }>(
    `select count(*)::int as n from job where kind = 'transmit-invoice' and payload->>'invoiceId' = any($1::text[])`,
    [rows.map((r) => r.id)],
  );
  expect(jobs.rows[0]!.n).toBe(rows.length);
}
