import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { emitInvoice } from '../../src/modules/invoices/emit-invoice.js';
import type { Invoice } from '../../src/modules/invoices/invoice.entity.js';
import type { TestApp } from '../helpers/app.js';
import {
  facturaBody,
  invalidate,
  tenantWithCredential,
  waitForStatus,
  type PipelineTenant,
} from '../helpers/pipeline.js';
import { orThrow } from '../../src/core/result.js';

const example = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../examples/dte/${file}`, import.meta.url), 'utf8'));
let seq = 0;
const ref = (p: string) => `${p}-${Date.now()}-${++seq}`;

export interface Month {
  tt: PipelineTenant;
  fe: Invoice[];
  feInvalidated: Invoice;
  ccf: Invoice;
  nc: Invoice;
  fex: Invoice;
  fse: Invoice;
  cr: Invoice;
  all: Invoice[];
  period: string;
}

async function processed(t: TestApp, tt: PipelineTenant, bodies: Record<string, unknown>[]): Promise<Invoice[]> {
  const ids = [];
  for (const b of bodies) ids.push(orThrow(await emitInvoice(tt.ctx(), b)).invoice.id);
  const done = await waitForStatus(t, ids, ['PROCESSED', 'REJECTED'], 60_000);
  for (const d of done) expect(d.status, `${d.tipoDte} ${JSON.stringify(d.observaciones)}`).toBe('PROCESSED');
  return done;
}

/** A month of one clinic, emitted through the real pipeline and the MH sandbox. */
export async function emitMonth(t: TestApp): Promise<Month> {
  const tt = await tenantWithCredential(t);
  const [fe1, fe2, fe3, ccf, fex, fse, cr] = await processed(t, tt, [
    facturaBody(),
    facturaBody({
      items: [
        { descripcion: 'Consulta', cantidad: 2, precio: '33.90', tratamientoFiscal: 'gravado' },
        { descripcion: 'Certificado', cantidad: 1, precio: '5', tratamientoFiscal: 'noSujeto' },
      ],
    }),
    facturaBody(),
    { ...example('03-credito-fiscal.json'), referenciaExterna: ref('ccf') },
    { ...example('11-exportacion.json'), referenciaExterna: ref('fex') },
    { ...example('14-sujeto-excluido.json'), referenciaExterna: ref('fse') },
    { ...example('07-retencion.json'), referenciaExterna: ref('cr') },
  ]);
  const [nc] = await processed(t, tt, [
    {
      ...example('05-nota-credito.json'),
      referenciaExterna: ref('nc'),
      documentoRelacionado: [
        { tipoDocumento: '03', tipoGeneracion: 2, numeroDocumento: ccf!.codigoGeneracion, fechaEmision: ccf!.fecEmi },
      ],
    },
  ]);
  const people = { nombre: 'Ana Responsable', tipoDocumento: '13', numDocumento: '12345678-4' };
  const invalidated = await invalidate(tt.ctx(), {
    invoiceId: fe3!.id,
    tipoAnulacion: 2,
    motivoAnulacion: 'Servicio cancelado',
    responsable: people,
    solicitante: people,
  });
  expect(invalidated.status).toBe('INVALIDATED');
  const [feInvalidated] = await waitForStatus(t, [fe3!.id], ['INVALIDATED']);
  return {
    tt,
    fe: [fe1!, fe2!],
    feInvalidated: feInvalidated!,
    ccf: ccf!,
    nc: nc!,
    fex: fex!,
    fse: fse!,
    cr: cr!,
    all: [fe1!, fe2!, feInvalidated!, ccf!, fex!, fse!, cr!, nc!],
    period: fe1!.fecEmi.slice(0, 7),
  };
}

export const doc = (inv: Invoice) => inv.document as Record<string, any>;
export const money = (v: unknown) => (Math.round(Number(v ?? 0) * 100) / 100).toFixed(2);
export const cents = (xs: unknown[]) =>
  (xs.reduce<number>((a, v) => a + Math.round(Number(v ?? 0) * 100), 0) / 100).toFixed(2);
export const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
export const hex = (s: string) => s.replace(/-/g, '');

/** `;`-separated annex rows (BOM and CRLF checked). */
export function annexRows(buf: Buffer, bom = true): string[][] {
  const s = buf.toString('utf8');
  expect(s.startsWith('\uFEFF')).toBe(bom);
  const body = bom ? s.slice(1) : s;
  expect(body.endsWith('\r\n')).toBe(true);
  expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  return body
    .slice(0, -2)
    .split('\r\n')
    .map((l) => l.split(';'));
}
