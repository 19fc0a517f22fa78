import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvoiceEmail } from '../../src/modules/email/invoice-email.entity.js';
import { InvoiceEvent } from '../../src/modules/invoices/invoice.entity.js';
import { compactJws } from '../../src/modules/invoices/invoice-jws.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, facturaBody, tenantWithCredential, waitForStatus, type PipelineTenant } from '../helpers/pipeline.js';

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/** An in-process SMTP server; `rejectNext` answers 550 to the next N messages. */
async function startSmtp() {
  const mails: Mail[] = [];
  const state = { rejectNext: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (state.rejectNext > 0) {
          state.rejectNext -= 1;
          return cb(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
        }
        mails.push({
          from: session.envelope.mailFrom ? (session.envelope.mailFrom as { address: string }).address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: ((server as unknown as { server: import('node:net').Server }).server.address() as AddressInfo).port,
    mails,
    state,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The attachments of a MIME message: filename → decoded bytes. */
function attachments(raw: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const part of raw.split(/\r?\n--/)) {
    const name = /filename="?([^"\r\n;]+)"?/.exec(part)?.[1];
    if (!name) continue;
    const body = part
      .split(/\r?\n\r?\n/)
      .slice(1)
      .join('\n')
      .replace(/--\s*$/, '');
    out.set(
      name,
      /content-transfer-encoding:\s*base64/i.test(part)
        ? Buffer.from(body.replace(/[\r\n]/g, ''), 'base64')
        : Buffer.from(body),
    );
  }
  return out;
}

async function emails(t: TestApp, invoiceId: string, pred: (m: InvoiceEmail[]) => boolean, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rows = await t.app.db.orm.em
      .fork()
      .find(InvoiceEmail, { invoice: invoiceId }, { filters: false, orderBy: { createdAt: 'asc' } });
    if (pred(rows) || Date.now() > until) return rows;
    await new Promise((r) => setTimeout(r, 100));
  }
}
const eventTypes = async (t: TestApp, id: string) =>
  (await t.app.db.orm.em.fork().find(InvoiceEvent, { invoice: id }, { filters: false, orderBy: { id: 'asc' } })).map(
    (e) => e.type,
  );

describe('e-mail to the receptor over SMTP', () => {
  let t: TestApp;
  let tt: PipelineTenant;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp(
      { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, FX_MAIL_FROM: 'facturas@clinic.example' },
      { worker: true },
    );
    tt = await tenantWithCredential(t);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it(
    'after PROCESSED the receptor gets the JSON (Archivo DTE) ' +
      'and the PDF; the status and dte.email.delivered are recorded',
    async () => {
      const inv = await emit(tt);
      const [done] = await waitForStatus(t, [inv.id], ['PROCESSED']);
      const [row] = await emails(t, inv.id, (m) => m[0]?.status === 'SENT');
      expect(row).toMatchObject({ to: 'mjrivas@example.com', status: 'SENT', attempts: 1 });
      const mail = smtp.mails.find((m) => m.raw.includes(inv.numeroControl))!;
      expect(mail.to).toEqual(['mjrivas@example.com']);
      expect(mail.from).toBe('facturas@clinic.example');
      const files = attachments(mail.raw);
      expect([...files.keys()].sort()).toEqual([`${inv.codigoGeneracion}.json`, `${inv.codigoGeneracion}.pdf`]);
      expect(files.get(`${inv.codigoGeneracion}.pdf`)!.subarray(0, 5).toString()).toBe('%PDF-');
      const archivo = JSON.parse(files.get(`${inv.codigoGeneracion}.json`)!.toString('utf8'));
      expect(archivo.selloRecibido).toBe(done!.selloRecibido);
      expect(archivo.firmaElectronica).toBe(compactJws(done!));
      expect(archivo.identificacion.numeroControl).toBe(inv.numeroControl);
      expect(await eventTypes(t, inv.id)).toContain('dte.email.delivered');

      const q = await t.gql(
        `query($id: ID!) { invoiceEmailDeliveries(invoiceId: $id) { to status attempts messageId } }`,
        { id: inv.id },
        { 'x-api-key': tt.apiKey },
      );
      expect(q.body.data.invoiceEmailDeliveries[0]).toMatchObject({
        to: 'mjrivas@example.com',
        status: 'SENT',
        attempts: 1,
      });
    },
  );

  it('no correo → no e-mail; resendInvoiceEmail sends to a given address', async () => {
    const body = facturaBody();
    const receptor = { ...(body.receptor as Record<string, unknown>) };
    delete receptor.correo;
    const inv = await emit(tt, { ...body, receptor });
    await waitForStatus(t, [inv.id], ['PROCESSED']);
    await new Promise((r) => setTimeout(r, 300));
    expect(await emails(t, inv.id, () => true, 0)).toHaveLength(0);
    const noTo = await t.gql(
      `mutation($id: ID!) { resendInvoiceEmail(invoiceId: $id) ` +
        `{ __typename ... on UserError { issues { path code } } } }`,
      { id: inv.id },
      { 'x-api-key': tt.apiKey },
    );
    expect(noTo.body.data.resendInvoiceEmail).toEqual({
      __typename: 'ValidationFailed',
      issues: [{ path: 'to', code: 'REQUIRED' }],
    });
    const r = await t.gql(
      `mutation($id: ID!) { resendInvoiceEmail(invoiceId: $id, to: ` +
        `"paciente@example.org") { __typename ... on InvoiceEmailDelivery { status to } } }`,
      { id: inv.id },
      { 'x-api-key': tt.apiKey },
    );
    expect(r.body.data.resendInvoiceEmail).toEqual({
      __typename: 'InvoiceEmailDelivery',
      status: 'PENDING',
      to: 'paciente@example.org',
    });
    const rows = await emails(t, inv.id, (m) => m[0]?.status === 'SENT');
    expect(rows[0]!.status).toBe('SENT');
    expect(smtp.mails.some((m) => m.to.includes('paciente@example.org') && m.raw.includes(inv.numeroControl))).toBe(
      true,
    );
  });

  it('a permanent SMTP rejection (550) marks the e-mail FAILED and appends dte.email.failed', async () => {
    smtp.state.rejectNext = 1;
    const inv = await emit(tt);
    await waitForStatus(t, [inv.id], ['PROCESSED']);
    const [row] = await emails(t, inv.id, (m) => m[0]?.status === 'FAILED');
    expect(row!.status).toBe('FAILED');
    expect(row!.error).toMatch(/550|mailbox unavailable/);
    expect(await eventTypes(t, inv.id)).toContain('dte.email.failed');
  });
});

describe('without SMTP_URL', () => {
  it('writes the message to the local outbox folder and says so', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fx-outbox-'));
    const t = await startTestApp({ FX_MAIL_OUTBOX_DIR: dir }, { worker: true });
    try {
      const tt = await tenantWithCredential(t);
      const inv = await emit(tt);
      await waitForStatus(t, [inv.id], ['PROCESSED']);
      const [row] = await emails(t, inv.id, (m) => m[0]?.status === 'WRITTEN_TO_OUTBOX');
      expect(row!.status).toBe('WRITTEN_TO_OUTBOX');
      expect(path.dirname(row!.location!)).toBe(dir);
      const eml = readFileSync(path.join(dir, readdirSync(dir)[0]!), 'utf8');
      expect([...attachments(eml).keys()].sort()).toEqual([
        `${inv.codigoGeneracion}.json`,
        `${inv.codigoGeneracion}.pdf`,
      ]);
      expect(await eventTypes(t, inv.id)).not.toContain('dte.email.delivered');
    } finally {
      await t.close();
    }
  });
});
