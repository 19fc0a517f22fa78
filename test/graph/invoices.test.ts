import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant, startWithTwoTenants, type TestApp, type Provisioned } from '../helpers/app.js';
import { EMIT, INVOICE_FIELDS, emit, example, key } from './graph-helpers.js';

let t: TestApp;
let a: Provisioned;
let b: Provisioned;
beforeAll(async () => ({ t, a, b } = await startWithTwoTenants()));
afterAll(async () => t?.close());

describe('emitInvoice', () => {
  it('emits the documented FE body through the typed input: QUEUED, numbered, with its first event', async () => {
    const inv = await emit(t, a.apiKey, example('01-factura'));
    expect(inv.__typename).toBe('Invoice');
    expect(inv).toMatchObject({
      tipoDte: '01',
      status: 'QUEUED',
      receptor: { nombre: 'María José Rivas', tipoDocumento: '13' },
    });
    expect(inv.numeroControl).toMatch(/^DTE-01-M001P001-\d{15}$/);
    expect(inv.items).toHaveLength(3);
    expect(inv.items[0]).toMatchObject({
      descripcion: 'Consulta de especialidad (cardiología)',
      cantidad: '1',
      precioUni: '45',
    });
    expect(inv.totals.totalPagar).toBe('79.5');
    expect(inv.events).toEqual([{ type: 'dte.queued', toStatus: 'QUEUED' }]);
    expect(inv.pdfUrl).toMatch(new RegExp(`/documents/${inv.id}\\.pdf\\?token=`));
  });

  it('infers CCF (03) when the receptor has NIT and NRC, FE otherwise', async () => {
    const { tipoDte: _t, ...ccf } = example('03-credito-fiscal');
    const inv = await emit(t, a.apiKey, ccf);
    expect(inv).toMatchObject({
      __typename: 'Invoice',
      tipoDte: '03',
      receptor: { tipoDocumento: '36', numDocumento: '06140507071048', nrc: '1234567' },
    });
    const { tipoDte: _u, ...fe } = example('01-factura');
    expect((await emit(t, a.apiKey, fe)).tipoDte).toBe('01');
  });

  it('is idempotent on referenciaExterna: same body → same invoice, different body → DuplicateReference', async () => {
    const body = example('01-factura');
    const first = await emit(t, a.apiKey, body);
    const again = await emit(t, a.apiKey, body);
    expect(again.id).toBe(first.id);
    expect(again.numeroControl).toBe(first.numeroControl);
    const other = await emit(t, a.apiKey, { ...body, observaciones: 'otra cosa' });
    expect(other).toMatchObject({
      __typename: 'DuplicateReference',
      code: 'DUPLICATE_REFERENCE',
      issues: [{ path: 'referenciaExterna' }],
    });
  });

  it('50 concurrent identical requests create exactly one invoice', async () => {
    const body = example('01-factura');
    const results = await Promise.all(Array.from({ length: 50 }, () => emit(t, a.apiKey, body)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.every((r) => r.__typename === 'Invoice')).toBe(true);
    const list = await t.gql(
      `query($f: InvoiceFilter) { invoices(filter: $f) { totalCount } }`,
      { f: { text: body.referenciaExterna } },
      key(a.apiKey),
    );
    expect(list.body.data.invoices.totalCount).toBe(1);
  });

  it('ValidationFailed names each field and rule; nothing is stored', async () => {
    const body = example('01-factura', { receptor: { nombre: 'X', tipoDocumento: '13', numDocumento: '12345678-9' } });
    body.items[1].descuento = '100';
    const r = await emit(t, a.apiKey, body);
    expect(r.__typename).toBe('ValidationFailed');
    expect(r.code).toBe('VALIDATION_FAILED');
    const paths = r.issues.map((i: any) => `${i.path}:${i.code}`);
    expect(paths).toContain('receptor.numDocumento:INVALID_DUI_CHECK_DIGIT');
    expect(paths).toContain('items[1].descuento:DISCOUNT_TOO_LARGE');
    const q = await t.gql(
      `query($r: String!) { invoiceByReference(referenciaExterna: $r) { id } }`,
      { r: body.referenciaExterna },
      key(a.apiKey),
    );
    expect(q.body.data.invoiceByReference).toBeNull();
  });

  it('a typed field repeated in `extra` is refused', async () => {
    const r = await emit(t, a.apiKey, { ...example('01-factura'), extra: { observaciones: 'dup' } });
    expect(r).toMatchObject({
      __typename: 'ValidationFailed',
      issues: [{ path: 'extra.observaciones', code: 'DUPLICATE_FIELD' }],
    });
  });

  it('a bad Decimal literal is a GraphQL validation error, not a float', async () => {
    const r = await t.gql(
      `mutation { previewInvoice(input: { referenciaExterna: "p", items: [{ ` +
        `descripcion: "x", cantidad: 1, precio: 12.10 }] }) { valid document totalPagar } }`,
      {},
      key(a.apiKey),
    );
    expect(r.body.data.previewInvoice.valid).toBe(true);
    expect(r.body.data.previewInvoice.document.cuerpoDocumento[0].precioUni).toBe(12.1);
    const bad = await t.gql(
      `mutation { previewInvoice(input: { referenciaExterna: "p", ` +
        `items: [{ descripcion: "x", precio: "1,5" }] }) { valid } }`,
      {},
      key(a.apiKey),
    );
    expect(bad.body.errors![0].message).toMatch(/decimal/);
  });

  it('needs the invoices:emit scope', async () => {
    const ro = await provisionTenant(t, ['invoices:read']);
    const r = await t.gql(EMIT, { input: example('01-factura') }, key(ro.apiKey));
    expect(r.status).toBe(403);
    expect(r.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(r.body.errors![0].extensions.requestId).toBeTruthy();
    // The emissions take their input as GraphQL coerced it: the same check, before anything is read or written.
    const before = await t.app.db.pool.query('select count(*)::int as n from invoice');
    const anon = await t.gql(EMIT, { input: { ...example('01-factura'), referenciaExterna: 'ANON-1' } }, {});
    expect(anon.body.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const note = await t.gql(
      `mutation { emitCreditNote(input: { invoiceId: "00000000-0000-0000-0000-000000000000", ` +
        `referenciaExterna: "n", items: [{ descripcion: "x", precio: "1.00" }] }) { __typename } }`,
      {},
      key(ro.apiKey),
    );
    expect(note.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const after = await t.app.db.pool.query('select count(*)::int as n from invoice');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});

describe('previewInvoice', () => {
  it('returns the document with a throw-away number, stores nothing and consumes no correlative', async () => {
    const body = example('01-factura');
    const p = await t.gql(
      `mutation($i: EmitInvoiceInput!) { previewInvoice(input: ` +
        `$i) { valid tipoDte totalPagar document issues { path } } }`,
      { i: body },
      key(b.apiKey),
    );
    expect(p.body.data.previewInvoice).toMatchObject({ valid: true, tipoDte: '01', totalPagar: '79.50', issues: [] });
    expect(p.body.data.previewInvoice.document.identificacion.numeroControl).toBe('DTE-01-M001P001-000000000000001');
    const inv = await emit(t, b.apiKey, body);
    expect(inv.numeroControl).toBe('DTE-01-M001P001-000000000000001');
  });

  it('reports the issues of an invalid body', async () => {
    const p = await t.gql(
      `mutation($i: EmitInvoiceInput!) { previewInvoice(input: $i) { valid document issues { path code } } }`,
      { i: example('01-factura', { tipoDte: '03' }) },
      key(a.apiKey),
    );
    expect(p.body.data.previewInvoice.valid).toBe(false);
    expect(p.body.data.previewInvoice.document).toBeNull();
    expect(p.body.data.previewInvoice.issues.map((i: any) => i.path)).toContain('receptor.nrc');
  });
});

describe('queries', () => {
  it('invoice, invoiceByReference and invoices with filters and cursor pagination', async () => {
    const ref = example('01-factura');
    const mine = await emit(t, b.apiKey, ref);
    for (let i = 0; i < 4; i++) await emit(t, b.apiKey, example('01-factura'));
    const one = await t.gql(
      `query($id: ID!) { invoice(id: $id) { ${INVOICE_FIELDS} document signedDocument deadlines { invalidation } } }`,
      { id: mine.id },
      key(b.apiKey),
    );
    expect(one.body.data.invoice).toMatchObject({
      id: mine.id,
      referenciaExterna: ref.referenciaExterna,
      signedDocument: null,
    });
    expect(one.body.data.invoice.document.identificacion.codigoGeneracion).toBe(mine.codigoGeneracion);
    const byRef = await t.gql(
      `query($r: String!) { invoiceByReference(referenciaExterna: $r) { id } }`,
      { r: ref.referenciaExterna },
      key(b.apiKey),
    );
    expect(byRef.body.data.invoiceByReference.id).toBe(mine.id);

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await t.gql(
        `query($a: String) { invoices(first: 2, after: $a, filter: { tipoDte: ["01"], status: ` +
          `[QUEUED] }) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
        { a: after },
        key(b.apiKey),
      );
      const c = page.body.data.invoices;
      seen.push(...c.edges.map((e: any) => e.node.id));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    const total = (await t.gql(`{ invoices { totalCount } }`, {}, key(b.apiKey))).body.data.invoices.totalCount;
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(seen.length);

    const byText = await t.gql(
      `query($f: InvoiceFilter) { invoices(filter: $f) { edges { node { id } } } }`,
      { f: { text: mine.codigoGeneracion.slice(0, 13).toLowerCase() } },
      key(b.apiKey),
    );
    expect(byText.body.data.invoices.edges.map((e: any) => e.node.id)).toEqual([mine.id]);
    const byDoc = await t.gql(
      `{ invoices(filter: { receptorNumDocumento: "12345678-4", ` +
        `fromDate: "2000-01-01", toDate: "2999-12-31" }) { totalCount } }`,
      {},
      key(b.apiKey),
    );
    expect(byDoc.body.data.invoices.totalCount).toBe(total);
  });

  it('refuses a page larger than 100', async () => {
    const r = await t.gql(`{ invoices(first: 101) { totalCount } }`, {}, key(a.apiKey));
    expect(r.body.errors![0].extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'first', code: 'OUT_OF_RANGE' }],
    });
  });
});

describe('cross-tenant probes', () => {
  it("tenant B sees nothing of tenant A's invoices: by id, by reference, in lists and through _entities", async () => {
    const body = example('01-factura');
    const inv = await emit(t, a.apiKey, body);
    const q = await t.gql(
      `query($id: ID!, $r: String!) { invoice(id: $id) { id } invoiceByReference(referenciaExterna: ` +
        `$r) { id } invoices(filter: { text: $r }) { totalCount } }`,
      { id: inv.id, r: body.referenciaExterna },
      key(b.apiKey),
    );
    expect(q.body.data).toEqual({ invoice: null, invoiceByReference: null, invoices: { totalCount: 0 } });
    const ent = await t.gql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Invoice { id numeroControl } } }`,
      { reps: [{ __typename: 'Invoice', id: inv.id }] },
      key(b.apiKey),
    );
    expect(ent.body.data._entities).toEqual([null]);
    const own = await t.gql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Invoice { id } } }`,
      { reps: [{ __typename: 'Invoice', id: inv.id }] },
      key(a.apiKey),
    );
    expect(own.body.data._entities).toEqual([{ id: inv.id }]);
    // Reusing A's reference is B's own business: a new invoice of B's, not A's.
    const bInv = await emit(t, b.apiKey, body);
    expect(bInv.id).not.toBe(inv.id);
  });
});
