import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailMessage, Mailer } from '../../src/modules/email/mailer.js';
import { sendInvoiceEmailJob } from '../../src/modules/email/send-invoice-email.job.js';
import { compactJws } from '../../src/modules/invoices/invoice-jws.js';
import { keepSignedJws } from '../../src/modules/invoices/recent-signatures.js';
import type { ClaimedJob } from '../../src/queue/job-definition.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, facturaBody, tenantWithCredential, waitForStatus, type PipelineTenant } from '../helpers/pipeline.js';
import { spyOnPoolQueries } from '../helpers/pool-spy.js';

// The receptor's e-mail takes its document from the JWS the worker signed it with, while the row still holds that
// JWS, instead of reading it back from the row: the message must be the one the row gives, byte for byte.

let t: TestApp;
let tt: PipelineTenant;
/** The documents the e-mail reads found, read by read (null: taken from the JWS). */
const readDocuments: unknown[] = [];

beforeAll(async () => {
  t = await startTestApp({}, { worker: true });
  tt = await tenantWithCredential(t);
  spyOnPoolQueries(t.app.db.pool, (text, result) => {
    if (/from invoice_email e join unnest/.test(text))
      void (result as Promise<{ rows: { document: unknown }[] }>).then((res) =>
        readDocuments.push(...res.rows.map((row) => row.document)),
      );
  });
}, 60_000);
afterAll(async () => t?.close());

/** Bodies of several types and texts, without a receptor e-mail (the test queues its own). */
function bodies(): Record<string, unknown>[] {
  const example = (file: string) => {
    const body = JSON.parse(readFileSync(new URL(`../../examples/dte/${file}`, import.meta.url), 'utf8'));
    return { ...body, referenciaExterna: facturaBody().referenciaExterna };
  };
  const out = [
    facturaBody(),
    facturaBody({ observaciones: 'Ñandú "Peña" \\ </script> & <b> 😀 línea\nsegunda' }),
    example('03-credito-fiscal.json'),
    example('14-sujeto-excluido.json'),
  ];
  const many = facturaBody();
  const item = (many.items as Record<string, unknown>[])[0]!;
  many.items = Array.from({ length: 30 }, (_, i) => ({ ...item, descripcion: `Servicio ${i + 1} — «ñ»` }));
  out.push(many);
  for (const body of out) {
    const receptor = { ...(body.receptor as Record<string, unknown>) };
    delete receptor.correo;
    body.receptor = receptor;
  }
  return out;
}

/** A PENDING e-mail row and its job as a worker would run it (no lease: the test runs it itself). */
async function queuedEmail(invoiceId: string, namesInvoice: boolean) {
  const { rows } = await t.app.db.pool.query<{ id: string }>(
    `insert into invoice_email (id, tenant_id, invoice_id, "to", status, attempts, created_at, updated_at)
     values (gen_random_uuid(), $1, $2, 'paciente@example.org', 'PENDING', 0, now(), now()) returning id`,
    [tt.tenantId, invoiceId],
  );
  const emailId = rows[0]!.id;
  const job: ClaimedJob<{ emailId: string; invoiceId?: string }> = {
    id: '0',
    kind: sendInvoiceEmailJob.kind,
    tenantId: tt.tenantId,
    payload: namesInvoice ? { emailId, invoiceId } : { emailId },
    attempts: 1,
  };
  return job;
}

/** Runs the job and gives the message it sent, and what its read found of the document. */
async function send(job: ClaimedJob<{ emailId: string; invoiceId?: string }>) {
  const sent: MailMessage[] = [];
  const mailer: Mailer = {
    close() {},
    async send(msg) {
      sent.push(msg);
      return { status: 'SENT', messageId: `<${sent.length}@test>` };
    },
  };
  readDocuments.length = 0;
  expect(await sendInvoiceEmailJob.run({ app: t.app, mailer }, job)).toMatchObject({ kind: 'done' });
  await new Promise((r) => setImmediate(r));
  expect(sent).toHaveLength(1);
  expect(readDocuments).toHaveLength(1);
  return { msg: sent[0]!, readDocument: readDocuments[0] };
}

/** The PDF's dates (its info dictionary) and the file ID made from them differ between two renders; nothing else. */
const withoutDates = (pdf: Buffer) =>
  pdf
    .toString('latin1')
    .replace(/D:\d{14}Z/g, 'D:')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/, '/ID');

function expectSameMessage(a: MailMessage, b: MailMessage) {
  expect([a.to, a.subject, a.text, a.html]).toEqual([b.to, b.subject, b.text, b.html]);
  expect(a.attachments.map((x) => [x.filename, x.contentType])).toEqual(
    b.attachments.map((x) => [x.filename, x.contentType]),
  );
  for (const [i, x] of a.attachments.entries()) {
    const y = b.attachments[i]!;
    if (x.contentType === 'application/pdf') expect(withoutDates(x.content)).toBe(withoutDates(y.content));
    else expect(x.content.equals(y.content)).toBe(true);
  }
}

async function pdfDeleted(invoiceId: string) {
  await t.app.db.pool.query(`delete from invoice_document where invoice_id = $1`, [invoiceId]);
}

describe('the receptor’s e-mail from the JWS the worker signed', () => {
  it('is the message the row gives, for documents of several types and texts', async () => {
    const ids: string[] = [];
    for (const body of bodies()) ids.push((await emit(tt, body)).id);
    const done = await waitForStatus(t, ids, ['PROCESSED']);
    expect(done.map((d) => d.status)).toEqual(ids.map(() => 'PROCESSED'));
    for (const inv of done) {
      // the worker signed it here: its e-mail takes the document from that JWS, and renders the PDF from it
      const fromJws = await send(await queuedEmail(inv.id, true));
      expect(fromJws.readDocument).toBeNull();
      await pdfDeleted(inv.id);
      // a job that does not name its invoice (queued before it was named) reads the document from the row
      const fromRow = await send(await queuedEmail(inv.id, false));
      expect(fromRow.readDocument).not.toBeNull();
      expectSameMessage(fromJws.msg, fromRow.msg);
      const archivo = fromRow.msg.attachments.find((x) => x.contentType === 'application/json')!;
      expect(JSON.parse(archivo.content.toString('utf8')).firmaElectronica).toBe(compactJws(inv));
      // the JWS is handed out once: the next e-mail of the same invoice reads the row
      await pdfDeleted(inv.id);
      const again = await send(await queuedEmail(inv.id, true));
      expect(again.readDocument).not.toBeNull();
      expectSameMessage(again.msg, fromRow.msg);
    }
  });

  it('reads the row’s document when the row no longer holds the JWS kept', async () => {
    const inv = (await waitForStatus(t, [(await emit(tt, bodies()[0])).id], ['PROCESSED']))[0]!;
    const first = await send(await queuedEmail(inv.id, false));
    const whole = compactJws(inv)!;
    // kept again, but the row now holds the JWS whole (its payload in it): the kept one is not used
    keepSignedJws(tt.tenantId, inv.id, whole);
    await t.app.db.pool.query(`update invoice set jws = $2 where id = $1`, [inv.id, whole]);
    const second = await send(await queuedEmail(inv.id, true));
    expect(second.readDocument).not.toBeNull();
    expectSameMessage(second.msg, first.msg);
    // a JWS kept that is not the row's (another signature): not used either
    keepSignedJws(tt.tenantId, inv.id, `${whole.slice(0, whole.lastIndexOf('.'))}.c2lnbmF0dXJl`);
    await t.app.db.pool.query(`update invoice set jws = $2 where id = $1`, [inv.id, inv.jws]);
    const third = await send(await queuedEmail(inv.id, true));
    expect(third.readDocument).not.toBeNull();
    expectSameMessage(third.msg, first.msg);
  });
});
