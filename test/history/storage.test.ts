import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactJws, jsonbOrder, storedJws } from '../../src/modules/invoices/invoice-jws.js';
import { signDte, verifyDteJws } from '../../src/signing/index.js';
import { type TestApp } from '../helpers/app.js';
import { emit, waitForStatus, type PipelineTenant, startWithPipelineTenant } from '../helpers/pipeline.js';

let t: TestApp;
let tt: PipelineTenant;
beforeAll(async () => ({ t, tt } = await startWithPipelineTenant()));
afterAll(async () => t?.close());

const sql = <T = Record<string, unknown>>(q: string, params: unknown[] = []) =>
  t.app.db.orm.em.getConnection().execute<T[]>(q, params);

describe('the invoice row keeps the document once', () => {
  it('a processed document stores its JWS without payload; the JWS rebuilt from the document verifies', async () => {
    const inv = await emit(tt);
    const [done] = await waitForStatus(t, [inv.id], ['PROCESSED']);
    const [row] = await sql<{ jws: string }>('select jws from invoice where id = ?', [inv.id]);
    expect(row!.jws).toMatch(/^eyJhbGciOiJSUzUxMiJ9\.\.[A-Za-z0-9_-]{300,}$/);
    const payload = await verifyDteJws(compactJws(done!)!, createPublicKey(tt.publicKeyPem));
    expect(payload).toEqual(done!.document);
    const columns = await sql<{ column_name: string }>(
      `select column_name from information_schema.columns where table_name = 'invoice'`,
    );
    expect(columns.map((c) => c.column_name)).not.toEqual(expect.arrayContaining(['input']));
    expect(columns.map((c) => c.column_name)).not.toContain('signed_document');
  });

  it('a JWS whose payload is not the document as the row returns it is stored whole', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const doc = { resumen: { totalPagar: 11.3, b: [1, { z: 'ñ', a: null }] }, identificacion: { version: 1 } };
    const inJsOrder = await signDte(doc, privateKey);
    expect(storedJws(inJsOrder, doc)).toBe(inJsOrder);
    const inRowOrder = await signDte(jsonbOrder(doc) as object, privateKey);
    const stored = storedJws(inRowOrder, doc);
    expect(stored.split('.')[1]).toBe('');
    expect(compactJws({ jws: stored, document: doc })).toBe(inRowOrder);
    expect(await verifyDteJws(compactJws({ jws: stored, document: doc })!, publicKey)).toEqual(doc);
    expect(storedJws(inRowOrder, { ...doc, extra: 1 })).toBe(inRowOrder);
  });

  it('rebuilds the payload alike from a document in jsonb order and from one in any other order', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    class Amount {
      constructor(private readonly v: number) {}
      toJSON() {
        return this.v.toFixed(2);
      }
    }
    const docs: Record<string, unknown>[] = [
      { b: 1, a: 2, zz: { é: 1, zz: 2, y: [{ d: 1, c: 2 }] } },
      { a: 2, b: 1, zz: { y: [{ c: 2, d: 1 }], zz: 2, é: 1 } },
      { ñandú: 'x', ab: null, a: [1, 'two', { k: new Date(0) }] },
      { a: 1, total: new Amount(1.5) },
    ];
    for (const doc of docs) {
      const ordered = JSON.parse(JSON.stringify(jsonbOrder(doc))) as Record<string, unknown>;
      const signed = await signDte(jsonbOrder(doc) as object, privateKey);
      for (const d of [doc, ordered]) {
        const stored = storedJws(signed, d);
        expect(stored.split('.')[1]).toBe('');
        expect(compactJws({ jws: stored, document: d })).toBe(signed);
      }
    }
  });

  it('rows signed before (a whole JWS) lose the payload in the migration, unless it differs', async () => {
    const [a, b] = await Promise.all([emit(tt), emit(tt)]);
    const done = await waitForStatus(t, [a.id, b.id], ['PROCESSED']);
    const whole = done.map((d) => compactJws(d)!);
    const [header, , signature] = whole[1]!.split('.');
    const reordered = Buffer.from(
      JSON.stringify({ identificacion: done[1]!.document.identificacion, ...done[1]!.document }),
    ).toString('base64url');
    const foreign = `${header}.${reordered}.${signature}`;
    await sql('update invoice set jws = ? where id = ?', [whole[0], a.id]);
    await sql('update invoice set jws = ? where id = ?', [foreign, b.id]);
    await t.app.db.orm.migrator.down({ to: 'Migration2026112914000108' });
    await t.app.db.orm.migrator.up();
    const rows = await sql<{ id: string; jws: string }>('select id, jws from invoice where id in (?, ?)', [a.id, b.id]);
    const jwsOf = (id: string) => rows.find((r) => r.id === id)!.jws;
    expect(jwsOf(a.id)).toBe(`${whole[0]!.split('.')[0]}..${whole[0]!.split('.')[2]}`);
    expect(compactJws({ jws: jwsOf(a.id), document: done[0]!.document })).toBe(whole[0]);
    expect(jwsOf(b.id)).toBe(foreign);
  });
});
