import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitInvoice } from '../../src/modules/invoices/emit-invoice.js';
import { emissionGroups } from '../../src/modules/invoices/insert-emission.js';
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

  it('a failed group (a reference already taken) takes no number; each request gets its own answer', async () => {
    const tt = await tenantWithCredential(t);
    const taken = [facturaBody(), facturaBody(), facturaBody()];
    const earlier: Invoice[] = [];
    for (const b of taken) earlier.push(await emit(tt, b));
    const before = { ...emissionGroups };

    // Many at once: while the first statements run, the others wait and are written in groups; the conflicting
    // bodies (a taken reference, another body) make their group fail, the replays answer from the earlier invoice.
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

    expect(emissionGroups.largest).toBeGreaterThan(1);
    expect(emissionGroups.split).toBeGreaterThan(before.split); // a group did fail and was split
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

    const rows = await t.app.db.orm.em.fork().find(Invoice, { tenant: tt.tenantId }, { filters: false });
    expect(rows).toHaveLength(taken.length + fresh.length);
    const numbers = rows.map((r) => Number(r.numeroControl.slice(-15))).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    for (const r of rows) {
      expect(r.numeroControl).toBe((r.document.identificacion as { numeroControl: string }).numeroControl);
      const answered = results.find((x) => x.ok && x.value.invoice.id === r.id);
      if (answered?.ok) expect(answered.value.invoice.numeroControl).toBe(r.numeroControl);
    }
    const jobs = await t.app.db.pool.query<{ n: number }>(
      `select count(*)::int as n from job where kind = 'transmit-invoice' and payload->>'invoiceId' = any($1::text[])`,
      [rows.map((r) => r.id)],
    );
    expect(jobs.rows[0]!.n).toBe(rows.length);
  }, 120_000);
});
