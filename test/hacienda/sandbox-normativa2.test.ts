// The sandbox checks Normativa 2.0's events the way MH does, independently of FacturaXpress's own guards: a Retorno
// relates sealed documents of the emisor and never returns more than was sold across sealed returns; MH refuses to
// invalidate a document with a sealed Retorno; an Operaciones Especiales line refers only to a sealed event.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMhSandbox, MhClient, type MhSandbox } from '../../src/hacienda/index.js';
import { signDte } from '../../src/signing/index.js';
import { makeDte, makeTenant, nowSv, recepcionRequest } from './helpers.js';

let sandbox: MhSandbox;
let client: MhClient;
const tenant = makeTenant('00');

beforeAll(async () => {
  sandbox = await createMhSandbox({ validate: null });
  sandbox.registerTenant({
    nit: tenant.nit,
    password: tenant.cred.password,
    publicKeyPem: tenant.cert.publicKeyPem,
    ambiente: '00',
  });
  client = new MhClient({ baseUrl: sandbox.url, userAgent: 'fx-test/1.0', timeoutMs: 3000 });
});
afterAll(() => sandbox.close());

const LINE = { numItem: 1, descripcion: 'Jarabe pediátrico', precioUni: 11.3, uniMedida: 59 };

function event(tipoEvento: '17' | '18', body: Record<string, unknown>) {
  return {
    identificacion: {
      version: 1,
      ambiente: '00',
      tipoEvento,
      codigoGeneracion: randomUUID().toUpperCase(),
      tipoModelo: 1,
      tipoOperacion: 1,
      ...nowSv(),
    },
    emisor: { nit: tenant.nit, nombre: 'CLINICA DE PRUEBA' },
    ...body,
  };
}

async function send(doc: ReturnType<typeof event>) {
  const id = doc.identificacion;
  return client.recepcionDte(tenant.cred, {
    ambiente: '00',
    idEnvio: 1,
    version: 1,
    tipoDte: id.tipoEvento,
    codigoGeneracion: id.codigoGeneracion,
    documento: await signDte(doc, tenant.cert.privateKey),
  });
}

const retorno = (codigo: string, cantidad: number) =>
  event('18', {
    documentoRelacionado: [{ tipoDocumento: '01', codigoGeneracion: codigo, fechaEmision: nowSv().fecEmi }],
    cuerpoDocumento: [{ ...LINE, codigoGeneracion: codigo, cantidad }],
  });

describe('Evento de Retorno in the sandbox', () => {
  it('accepts returns up to what was sold, refuses the excess, then refuses to invalidate the document', async () => {
    const fe = makeDte(tenant, {}, '00') as ReturnType<typeof makeDte> & { cuerpoDocumento?: unknown };
    fe.cuerpoDocumento = [{ ...LINE, cantidad: 3 }];
    const sold = await client.recepcionDte(tenant.cred, await recepcionRequest(tenant, fe));
    expect(sold.kind).toBe('processed');
    const cg = fe.identificacion.codigoGeneracion;

    expect(await send(retorno(cg, 2))).toMatchObject({ kind: 'processed' });
    expect(await send(retorno(cg, 2))).toMatchObject({
      kind: 'rejected',
      codigoMsg: '020',
      descripcionMsg: expect.stringContaining('EXCEDE LA CANTIDAD PENDIENTE'),
    });
    expect(await send(retorno(cg, 1))).toMatchObject({ kind: 'processed' });

    const unknown = await send(retorno(randomUUID().toUpperCase(), 1));
    expect(unknown).toMatchObject({ kind: 'rejected', codigoMsg: '025' });

    const anulacion = {
      identificacion: { version: 3, ambiente: '00', codigoGeneracion: randomUUID().toUpperCase(), ...nowSv() },
      emisor: { nit: tenant.nit },
      documento: {
        tipoDte: '01',
        codigoGeneracion: cg,
        selloRecibido: (sold as { selloRecibido: string }).selloRecibido,
        codigoGeneracionR: null,
      },
      motivo: { tipoAnulacion: 2 },
    };
    const inv = await client.anularDte(tenant.cred, {
      ambiente: '00',
      idEnvio: 2,
      version: 3,
      documento: await signDte(anulacion, tenant.cert.privateKey),
    });
    expect(inv).toMatchObject({ kind: 'rejected', descripcionMsg: expect.stringContaining('EVENTOS DE RETORNO') });
  });
});

describe('Evento de Operaciones Especiales in the sandbox', () => {
  it('a line may refer only to a sealed event of the same kind', async () => {
    const line = { numItem: 1, tipoDocumento: '02', cantidad: 1, descripcion: 'x', precioUni: 1, ventaGravada: 1 };
    const first = event('17', { cuerpoDocumento: [{ ...line, codigoGeneracionRef: null }] });
    expect(await send(first)).toMatchObject({ kind: 'processed' });
    expect(
      await send(
        event('17', { cuerpoDocumento: [{ ...line, codigoGeneracionRef: first.identificacion.codigoGeneracion }] }),
      ),
    ).toMatchObject({ kind: 'processed' });
    expect(
      await send(event('17', { cuerpoDocumento: [{ ...line, codigoGeneracionRef: randomUUID().toUpperCase() }] })),
    ).toMatchObject({ kind: 'rejected', codigoMsg: '025' });
  });
});
