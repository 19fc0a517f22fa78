// Notas de Crédito keep a balance per CCF (gravada, exenta, no sujeta separately), through the real pipeline and the
// MH sandbox: a note never credits more than remains, invalidating a note restores it, a PROCESSED ND adds to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { emitNote } from '../../src/modules/invoices/emit-note.js';
import { type TestApp } from '../helpers/app.js';
import { CONTRIBUYENTE } from '../dte/cases.js';
import {
  INVALIDATION_PEOPLE as people,
  emit,
  facturaBody,
  invalidate,
  startWithPipelineTenant,
  waitForStatus,
  type PipelineTenant,
} from '../helpers/pipeline.js';
import { orThrow } from '../../src/core/result.js';

let t: TestApp;
let tt: PipelineTenant;
beforeAll(async () => ({ t, tt } = await startWithPipelineTenant()));
afterAll(async () => t?.close());

let seq = 0;

async function processed(id: string) {
  const [done] = await waitForStatus(t, [id], ['PROCESSED', 'REJECTED']);
  expect(done!.status).toBe('PROCESSED');
  return done!;
}

function note(tipo: '05' | '06', ccfId: string, items: Record<string, unknown>[]) {
  const referenciaExterna = `N-${Date.now()}-${++seq}`;
  return emitNote(tt.ctx(), tipo, { invoiceId: ccfId, referenciaExterna, items }).then(orThrow);
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

async function balance(id: string) {
  const r = await t.gql(
    `query($id: ID!) { invoice(id: $id) { creditBalance { gravada exenta noSujeta } } }`,
    { id },
    { 'x-api-key': tt.apiKey },
  );
  return r.body.data.invoice.creditBalance;
}

describe('credit-note balance of a CCF', () => {
  it('never credits more than remains, per tax treatment; invalidating a note restores it; an ND adds', async () => {
    const ccfBody = facturaBody({
      tipoDte: '03',
      receptor: CONTRIBUYENTE,
      medico: undefined,
      pagos: undefined,
      items: [
        { descripcion: 'Cirugía', cantidad: 1, precio: 100 },
        { descripcion: 'Vacuna', cantidad: 1, precio: 50, tratamientoFiscal: 'exento' },
        { descripcion: 'Otro', cantidad: 1, precio: 20, tratamientoFiscal: 'noSujeto' },
      ],
    });
    const ccf = await processed((await emit(tt, ccfBody)).id);
    expect(await balance(ccf.id)).toEqual({ gravada: '100.00', exenta: '50.00', noSujeta: '20.00' });

    const first = await processed(
      (await note('05', ccf.id, [{ descripcion: 'Devolución parcial', cantidad: 1, precio: 60 }])).invoice.id,
    );
    expect(await balance(ccf.id)).toEqual({ gravada: '40.00', exenta: '50.00', noSujeta: '20.00' });

    const over = await refusal(note('05', ccf.id, [{ descripcion: 'Demasiado', cantidad: 1, precio: '40.01' }]));
    expect(over.issues).toEqual([expect.objectContaining({ path: 'items', code: 'CREDIT_EXCEEDS_BALANCE' })]);
    expect(over.issues[0]!.message).toContain('only 40.00 remains');
    // exenta is its own balance: gravada left over does not cover it
    const exenta = await refusal(
      note('05', ccf.id, [{ descripcion: 'Vacuna', cantidad: 1, precio: 51, tratamientoFiscal: 'exento' }]),
    );
    expect(exenta.issues).toEqual([
      expect.objectContaining({ code: 'CREDIT_EXCEEDS_BALANCE', message: expect.stringContaining('venta exenta') }),
    ]);
    // a queued (not yet sealed) note already counts
    const pending = await note('05', ccf.id, [
      { descripcion: 'No sujeto', cantidad: 1, precio: 20, tratamientoFiscal: 'noSujeto' },
    ]);
    expect((await balance(ccf.id)).noSujeta).toBe('0.00');
    await processed(pending.invoice.id);

    // the CCF cannot be invalidated while notes relate it
    const onCcf = { invoiceId: ccf.id, tipoAnulacion: 2 as const, motivoAnulacion: 'x', ...people };
    const ccfInv = await refusal(invalidate(tt.ctx(), onCcf));
    expect(ccfInv.issues).toEqual([expect.objectContaining({ code: 'ACTIVE_RELATED_NOTE' })]);

    const inv = await invalidate(tt.ctx(), {
      invoiceId: first.id,
      tipoAnulacion: 2,
      motivoAnulacion: 'Nota emitida por error',
      ...people,
    });
    expect(inv.status).toBe('INVALIDATED');
    expect(await balance(ccf.id)).toEqual({ gravada: '100.00', exenta: '50.00', noSujeta: '0.00' });

    await processed(
      (await note('06', ccf.id, [{ descripcion: 'Cargo adicional', cantidad: 1, precio: 10 }])).invoice.id,
    );
    expect((await balance(ccf.id)).gravada).toBe('110.00');
    await processed((await note('05', ccf.id, [{ descripcion: 'Todo', cantidad: 1, precio: 110 }])).invoice.id);
    expect((await balance(ccf.id)).gravada).toBe('0.00');

    const rest = await fetch(`${t.url}/api/facturas/${ccf.id}`, { headers: { 'x-api-key': tt.apiKey } });
    expect(((await rest.json()) as { creditBalance: unknown }).creditBalance).toEqual({
      gravada: '0.00',
      exenta: '50.00',
      noSujeta: '0.00',
    });
  });

  it('two concurrent notes on the same balance: exactly one is accepted', async () => {
    const ccf = await processed(
      (
        await emit(
          tt,
          facturaBody({
            tipoDte: '03',
            receptor: CONTRIBUYENTE,
            medico: undefined,
            pagos: undefined,
            items: [{ descripcion: 'Servicio', cantidad: 1, precio: 100 }],
          }),
        )
      ).id,
    );
    const results = await Promise.allSettled(
      [1, 2].map(() => note('05', ccf.id, [{ descripcion: 'Mitad y algo', cantidad: 1, precio: 60 }])),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((failed.reason as AppError).issues[0]!.code).toBe('CREDIT_EXCEEDS_BALANCE');
  });

  it('a note cannot credit a CCF that is no longer PROCESSED', async () => {
    const ccf = await processed(
      (
        await emit(
          tt,
          facturaBody({
            tipoDte: '03',
            receptor: CONTRIBUYENTE,
            medico: undefined,
            pagos: undefined,
            items: [{ descripcion: 'Servicio', cantidad: 1, precio: 100 }],
          }),
        )
      ).id,
    );
    await invalidate(tt.ctx(), { invoiceId: ccf.id, tipoAnulacion: 2, motivoAnulacion: 'Rescindida', ...people });
    const e = await refusal(note('05', ccf.id, [{ descripcion: 'x', cantidad: 1, precio: 1 }]));
    expect(e.issues[0]!.code).toBe('NOT_PROCESSED');
  });
});
