import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDteEmail, createMailer, MailError } from '../../src/modules/email/index.js';
import type { DteJson } from '../../src/modules/documents/index.js';

interface Delivered {
  from: string;
  to: string[];
  raw: string;
}

const delivered: Delivered[] = [];
let connections = 0;
let server: SMTPServer;
let smtpUrl: string;
let tmp: string;

function archivoDte(): DteJson {
  return {
    identificacion: {
      version: 2,
      ambiente: '00',
      tipoDte: '01',
      numeroControl: 'DTE-01-M001P001-000000000000042',
      codigoGeneracion: '9F8E7D6C-5B4A-4938-8271-605F4E3D2C1B',
      tipoModelo: 1,
      tipoOperacion: 1,
      tipoContingencia: null,
      motivoContin: null,
      fecEmi: '2026-03-05',
      horEmi: '10:15:30',
      tipoMoneda: 'USD',
    },
    emisor: { nit: '06142803901121', nombre: 'Clínica Médica Santa Lucía, S.A. de C.V.' },
    receptor: {
      tipoDocumento: '13',
      numDocumento: '012345678',
      nombre: 'José Peña Núñez',
      correo: 'jose.pena@example.com',
    },
    cuerpoDocumento: [],
    resumen: { totalPagar: 1234.5, totalLetras: 'MIL DOSCIENTOS TREINTA Y CUATRO 50/100 DÓLARES' },
    firmaElectronica: 'eyJhbGciOiJSUzUxMiJ9.e30.c2ln',
    selloRecibido: '2026D04751ECD4324D039CEAFD9A3516AAA7JESF',
  };
}

/** Minimal MIME reader for the test: attachment file name → decoded bytes. */
function attachments(raw: string): Map<string, Buffer> {
  const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/g)].map((m) => m[1]!);
  const out = new Map<string, Buffer>();
  for (const boundary of boundaries) {
    for (const part of raw.split(`--${boundary}`)) {
      const [headers, body] = part.split(/\r?\n\r?\n/);
      // a MIME part starts with its headers; the text after a closing boundary ("--") is not a part
      if (!headers || !body || !/^\s*Content-/.test(headers)) continue;
      const name = /filename="?([^";\r\n]+)"?/.exec(headers)?.[1];
      if (!name || !/Content-Transfer-Encoding: base64/i.test(headers)) continue;
      out.set(name, Buffer.from(body.replace(/\s+/g, ''), 'base64'));
    }
  }
  return out;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'fx-mail-'));
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@rejected.example'))
        return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        delivered.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(tmp, { recursive: true, force: true });
});

describe('composeDteEmail', () => {
  it('writes a Spanish message naming the document and attaches <codigoGeneracion>.pdf and .json', () => {
    const doc = archivoDte();
    const email = composeDteEmail({
      document: doc,
      pdf: Buffer.from('%PDF-1.3 x'),
      json: JSON.stringify(doc),
      emisorNombre: 'Clínica Santa Lucía',
    });
    expect(email.to).toBe('jose.pena@example.com');
    expect(email.subject).toBe('Factura DTE-01-M001P001-000000000000042 — Clínica Santa Lucía');
    expect(email.text).toContain('Estimado(a) José Peña Núñez:');
    expect(email.text).toContain('Código de generación: 9F8E7D6C-5B4A-4938-8271-605F4E3D2C1B');
    expect(email.text).toContain('Sello de recepción: 2026D04751ECD4324D039CEAFD9A3516AAA7JESF');
    expect(email.text).toContain('Total: $1,234.50');
    expect(email.text).toContain(
      'https://admin.factura.gob.sv/consultaPublica?ambiente=00' +
        '&codGen=9F8E7D6C-5B4A-4938-8271-605F4E3D2C1B&fechaEmi=2026-03-05',
    );
    expect(email.html).toContain('<a href="https://admin.factura.gob.sv/consultaPublica?ambiente=00&amp;codGen=');
    expect(email.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['9F8E7D6C-5B4A-4938-8271-605F4E3D2C1B.pdf', 'application/pdf'],
      ['9F8E7D6C-5B4A-4938-8271-605F4E3D2C1B.json', 'application/json'],
    ]);
  });

  it('escapes HTML and has no recipient when the receptor gave no correo', () => {
    const doc = archivoDte();
    doc['receptor'] = { nombre: '<script>alert(1)</script>', correo: null };
    const email = composeDteEmail({ document: doc, pdf: Buffer.alloc(0), json: '{}', emisorNombre: 'A & B' });
    expect(email.to).toBeNull();
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).toContain('A &amp; B');
    expect(email.html).not.toContain('<script>');
  });
});

describe('createMailer over SMTP', () => {
  it('delivers the message with both attachments intact', async () => {
    const doc = archivoDte();
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.3\n'),
      Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 256)),
    ]);
    const json = JSON.stringify(doc);
    const email = composeDteEmail({ document: doc, pdf, json, emisorNombre: 'Clínica Santa Lucía' });
    const mailer = createMailer({
      smtpUrl,
      outboxDir: path.join(tmp, 'unused'),
      from: 'Facturas <facturas@santalucia.example>',
    });
    const result = await mailer.send({
      to: email.to!,
      subject: email.subject,
      text: email.text,
      html: email.html,
      attachments: email.attachments,
    });
    mailer.close();
    expect(result.status).toBe('SENT');
    expect(result.messageId).toMatch(/^<.+@.+>$/);
    expect(result.location).toBeUndefined();
    const got = delivered.at(-1)!;
    expect(got.from).toBe('facturas@santalucia.example');
    expect(got.to).toEqual(['jose.pena@example.com']);
    expect(got.raw).toContain(result.messageId);
    const files = attachments(got.raw);
    expect([...files.keys()].sort()).toEqual([
      '9F8E7D6C-5B4A-4938-8271-605F4E3D2C1B.json',
      '9F8E7D6C-5B4A-4938-8271-605F4E3D2C1B.pdf',
    ]);
    expect(files.get('9F8E7D6C-5B4A-4938-8271-605F4E3D2C1B.pdf')!.equals(pdf)).toBe(true);
    expect(JSON.parse(files.get('9F8E7D6C-5B4A-4938-8271-605F4E3D2C1B.json')!.toString('utf8'))).toEqual(doc);
    expect(existsNoOutbox()).toBe(true);
  });

  it('turns an SMTP refusal into a typed error carrying the reply code', async () => {
    const mailer = createMailer({ smtpUrl, outboxDir: tmp, from: 'facturas@santalucia.example' });
    const err = await mailer
      .send({ to: 'nobody@rejected.example', subject: 'x', text: 'x', attachments: [] })
      .catch((e: unknown) => e);
    mailer.close();
    expect(err).toBeInstanceOf(MailError);
    expect(err).toMatchObject({ code: 'SMTP_FAILED', responseCode: 550 });
  });

  it('carries several messages over one pooled connection, or one connection each with pool=false', async () => {
    const send = async (url: string) => {
      const mailer = createMailer({ smtpUrl: url, outboxDir: tmp, from: 'facturas@santalucia.example' });
      const before = connections;
      for (let i = 0; i < 3; i += 1)
        await mailer.send({ to: `paciente${i}@example.com`, subject: `n.º ${i}`, text: 'x', attachments: [] });
      mailer.close();
      return connections - before;
    };
    const count = delivered.length;
    expect(await send(smtpUrl)).toBe(1);
    expect(await send(`${smtpUrl}?pool=false`)).toBe(3);
    expect(delivered.length).toBe(count + 6);
    expect(delivered.slice(-3).map((d) => d.to)).toEqual([
      ['paciente0@example.com'],
      ['paciente1@example.com'],
      ['paciente2@example.com'],
    ]);
  });

  it('refuses a message without a valid recipient before contacting the server', async () => {
    const mailer = createMailer({ smtpUrl, outboxDir: tmp, from: 'facturas@santalucia.example' });
    await expect(mailer.send({ to: 'not-an-address', subject: 'x', text: 'x', attachments: [] })).rejects.toMatchObject(
      { code: 'INVALID_MESSAGE' },
    );
    mailer.close();
  });
});

function existsNoOutbox(): boolean {
  try {
    readdirSync(path.join(tmp, 'unused'));
    return false;
  } catch {
    return true;
  }
}

describe('createMailer without SMTP', () => {
  it('writes the composed .eml into the outbox folder and says so', async () => {
    const doc = archivoDte();
    const pdf = Buffer.from('%PDF-1.3 outbox');
    const email = composeDteEmail({
      document: doc,
      pdf,
      json: JSON.stringify(doc),
      emisorNombre: 'Clínica Santa Lucía',
    });
    const outboxDir = path.join(tmp, 'outbox', 'nested');
    const mailer = createMailer({ smtpUrl: null, outboxDir, from: 'facturas@santalucia.example' });
    const before = delivered.length;
    const result = await mailer.send({
      to: email.to!,
      subject: email.subject,
      text: email.text,
      html: email.html,
      attachments: email.attachments,
    });
    mailer.close();
    expect(result.status).toBe('WRITTEN_TO_OUTBOX');
    expect(path.dirname(result.location!)).toBe(outboxDir);
    expect(readdirSync(outboxDir)).toEqual([path.basename(result.location!)]);
    const raw = readFileSync(result.location!, 'utf8');
    expect(raw).toMatch(/^Subject: /m);
    expect(raw).toContain(`Message-ID: ${result.messageId}`);
    expect(raw).toMatch(/^To: jose\.pena@example\.com$/m);
    const files = attachments(raw);
    expect(files.get('9F8E7D6C-5B4A-4938-8271-605F4E3D2C1B.pdf')!.equals(pdf)).toBe(true);
    expect(files.has('9F8E7D6C-5B4A-4938-8271-605F4E3D2C1B.json')).toBe(true);
    expect(delivered.length).toBe(before); // nothing went over SMTP
  });
});
