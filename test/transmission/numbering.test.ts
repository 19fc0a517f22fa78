import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Invoice } from '../../src/modules/invoices/invoice.entity.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, facturaBody, tenantWithCredential } from '../helpers/pipeline.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(); // no worker: numbering is decided at emission
});
afterAll(async () => t?.close());

type Op = { kind: 'new' } | { kind: 'replay'; of: number } | { kind: 'conflict'; of: number } | { kind: 'invalid' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Op>({ kind: 'new' }) },
  { weight: 2, arbitrary: fc.nat(40).map<Op>((of) => ({ kind: 'replay', of })) },
  { weight: 1, arbitrary: fc.nat(40).map<Op>((of) => ({ kind: 'conflict', of })) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: 'invalid' }) },
);

describe('numeroControl under concurrent emission', () => {
  it('one series yields consecutive correlatives with no gap, whatever ' +
    'mix of new, replayed, conflicting and invalid requests runs at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
        const tt = await tenantWithCredential(t); // a fresh series per run
        const bodies = ops.map(() => facturaBody());
        const requests = ops.map((o, i) => {
          const base = o.kind === 'replay' || o.kind === 'conflict' ? bodies[o.of % bodies.length]! : bodies[i]!;
          if (o.kind === 'conflict') return { ...base, observaciones: `otro cuerpo ${i}` };
          if (o.kind === 'invalid') return { ...base, receptor: { nombre: '' } };
          return base;
        });
        await Promise.allSettled(requests.map((b) => emit(tt, b)));
        const rows = await t.app.db.orm.em.fork().find(Invoice, { tenant: tt.tenantId }, { filters: false });
        const numbers = rows.map((r) => Number(r.numeroControl.slice(-15))).sort((a, b) => a - b);
        expect(numbers).toEqual(numbers.map((_, i) => i + 1));
        for (const r of rows)
          expect(r.numeroControl).toBe((r.document.identificacion as { numeroControl: string }).numeroControl);
        expect(new Set(rows.map((r) => r.referenciaExterna)).size).toBe(rows.length);
      }),
      { numRuns: 8 },
    );
  }, 180_000);
});
