import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TestApp } from '../helpers/app.js';

/** One of the documented example bodies (examples/dte), with a fresh referenciaExterna. */
export function example(
  name: '01-factura' | '03-credito-fiscal',
  overrides: Record<string, unknown> = {},
): Record<string, any> {
  const body = JSON.parse(readFileSync(new URL(`../../examples/dte/${name}.json`, import.meta.url), 'utf8'));
  return { ...body, referenciaExterna: `G-${randomBytes(6).toString('hex')}`, ...overrides };
}

export const INVOICE_FIELDS = `id tipoDte status numeroControl codigoGeneracion referenciaExterna fecEmi totalPagar
  receptor { nombre tipoDocumento numDocumento nrc } items { numItem descripcion cantidad precioUni ventaGravada }
  totals { totalPagar totalIva montoTotalOperacion } events { type toStatus } patient { id } pdfUrl jsonUrl`;

export const EMIT = `mutation($input: EmitInvoiceInput!) { emitInvoice(input: $input) {
  __typename ... on Invoice { ${INVOICE_FIELDS} } ... on UserError { code message issues { path code message } } } }`;

export function key(apiKey: string) {
  return { 'x-api-key': apiKey };
}

export async function emit(t: TestApp, apiKey: string, input: Record<string, unknown>) {
  const r = await t.gql(EMIT, { input }, key(apiKey));
  if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
  return r.body.data.emitInvoice;
}

export async function rest(t: TestApp, method: string, path: string, apiKey: string | null, body?: unknown) {
  const res = await fetch(`${t.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(apiKey ? key(apiKey) : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, body: json, headers: res.headers };
}
