import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { EVENT_PAYLOADS } from '../../src/modules/notifications/event-payloads.js';
import { rest } from '../graph/graph-helpers.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, tenantWithCredential, waitForStatus, type PipelineTenant } from '../helpers/pipeline.js';

describe('production never uses the MH sandbox silently', () => {
  it('refuses to start without FX_MH_BASE_URL; runs the sandbox only when asked for by name', () => {
    const prod = { NODE_ENV: 'production', FX_MASTER_KEY: 'x'.repeat(44) };
    expect(() => loadConfig(prod, [])).toThrow(ConfigError);
    expect(() => loadConfig(prod, [])).toThrow(/FX_MH_BASE_URL: is required in production/);
    expect(loadConfig({ ...prod, FX_MH_BASE_URL: 'sandbox' }, []).mh).toMatchObject({ baseUrl: null, isSandbox: true });
    expect(loadConfig({ ...prod, FX_MH_BASE_URL: 'mh' }, []).mh).toMatchObject({ baseUrl: 'mh', isSandbox: false });
    expect(loadConfig({}, []).mh).toMatchObject({ baseUrl: null, isSandbox: true }); // development keeps its default
  });
});

// A production configuration that asked for the in-process sandbox by name.
let t: TestApp;
let tt: PipelineTenant;
beforeAll(async () => {
  t = await startTestApp({ NODE_ENV: 'production', FX_MH_BASE_URL: 'sandbox' }, { worker: true });
  tt = await tenantWithCredential(t);
});
afterAll(async () => t?.close());

async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe('documents issued against the sandbox never look sealed by MH', () => {
  it('carry sandbox: true on the invoice (GraphQL and REST), the PDF and the webhook payloads', async () => {
    const inv = await emit(tt);
    expect(inv.sandbox).toBe(true);
    const [done] = await waitForStatus(t, [inv.id], ['PROCESSED']);
    expect(done!.status).toBe('PROCESSED');
    expect(done!.sandbox).toBe(true);

    const g = await t.gql(
      `query($id: ID!) { invoice(id: $id) { status sandbox selloRecibido } }`,
      { id: inv.id },
      { 'x-api-key': tt.apiKey },
    );
    expect(g.body.data.invoice).toMatchObject({ status: 'PROCESSED', sandbox: true });
    const r = await rest(t, 'GET', `/api/facturas/${inv.id}`, tt.apiKey);
    expect(r.body).toMatchObject({ status: 'PROCESSED', sandbox: true });

    const pdf = await fetch(`${t.url}/api/facturas/${inv.id}/pdf`, { headers: { 'x-api-key': tt.apiKey } });
    expect(pdf.status).toBe(200);
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('SANDBOX — SIN VALIDEZ FISCAL');
    expect(text).not.toContain('Sello de recepción');

    expect(EVENT_PAYLOADS['dte.processed'].data(done!, null)).toMatchObject({ sandbox: true, status: 'PROCESSED' });
  });

  it('in production, introspection needs a credential and /metrics stays closed without FX_METRICS_TOKEN', async () => {
    const anon = await t.gql('{ __schema { queryType { name } } }');
    expect(anon.status).toBe(401);
    expect(anon.body.errors[0].extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'INTROSPECTION_REQUIRES_CREDENTIAL',
      requestId: expect.any(String),
    });
    const typeQuery = await t.gql('{ __type(name: "Invoice") { name } }');
    expect(typeQuery.status).toBe(401);
    const keyed = await t.gql('{ __schema { queryType { name } } }', {}, { 'x-api-key': tt.apiKey });
    expect(keyed.body.data.__schema.queryType.name).toBe('Query');
    const metrics = await fetch(`${t.url}/metrics`);
    expect(metrics.status).toBe(403);
    expect(((await metrics.json()) as any).error).toMatchObject({ code: 'FORBIDDEN', requestId: expect.any(String) });
  });
});
