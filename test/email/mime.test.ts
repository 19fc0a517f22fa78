import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { describe, expect, it } from 'vitest';
import { composeDteEmail } from '../../src/modules/email/index.js';
import { serializeMessage, serializeSimple, serializeTree } from '../../src/modules/email/mime.js';
import type { DteJson } from '../../src/modules/documents/index.js';

function archivo(receptor: string, emisor: string): DteJson {
  return {
    identificacion: {
      version: 2,
      ambiente: '00',
      tipoDte: '01',
      numeroControl: 'DTE-01-M001P001-000000000000042',
      codigoGeneracion: '9F8E7D6C-5B4A-4938-8271-605F4E3D2C1B',
      fecEmi: '2026-03-05',
      horEmi: '10:15:30',
    },
    emisor: { nit: '06142803901121', nombre: emisor },
    receptor: { tipoDocumento: '13', numDocumento: '012345678', nombre: receptor, correo: 'jose.pena@example.com' },
    cuerpoDocumento: [],
    resumen: { totalPagar: 1234.5 },
    firmaElectronica: 'eyJhbGciOiJSUzUxMiJ9.e30.c2ln',
    selloRecibido: '2026D04751ECD4324D039CEAFD9A3516AAA7JESF',
  };
}

/** Bytes 0…255 repeated: CR, LF, NUL and 8-bit bytes inside the attachment. */
const binary = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7) % 256));

/** What nodemailer itself writes for the message (its stream transport), the random parts fixed. */
async function nodemailerMessage(
  mail: Mail.Options,
  newline: 'unix' | 'crlf',
): Promise<{ message: Buffer; envelope: object }> {
  const transport = createTransport({
    streamTransport: true,
    buffer: true,
    ...(newline === 'unix' ? { newline } : {}),
  });
  const info = await transport.sendMail({ ...mail });
  return { message: info.message as Buffer, envelope: info.envelope };
}

const fixed = {
  baseBoundary: '5f0c1e2d3a4b6c7d',
  messageId: '<fixed@facturaxpress.local>',
  date: new Date(1767225600000),
};

describe('serializeMessage', () => {
  const cases: [string, Mail.Options][] = [];
  for (const [receptor, emisor, pdf] of [
    ['José Peña Núñez', 'Clínica Médica Santa Lucía, S.A. de C.V.', binary(5000)],
    ['Plain Ascii Name', 'Plain Clinic', binary(1)],
    // mostly non-Latin text: nodemailer picks base64 for the texts and encodes the subject as B words
    ['王小明 王小明 王小明 王小明 王小明 王小明', '北京诊所 北京诊所 北京诊所 北京诊所 北京诊所', binary(77)],
    ['Name with a very long line '.repeat(60), 'A & B <clinic> "quoted"', null],
  ] as const) {
    const email = composeDteEmail({
      document: archivo(receptor, emisor),
      pdf,
      json: JSON.stringify(archivo(receptor, emisor), null, 2),
      emisorNombre: emisor,
    });
    cases.push([
      `${receptor.slice(0, 20)} / pdf ${pdf ? pdf.length : 'none'}`,
      {
        from: `${emisor} <facturas@santalucia.example>`,
        to: email.to!,
        subject: email.subject,
        text: email.text,
        html: email.html,
        attachments: email.attachments,
        ...fixed,
      },
    ]);
  }
  cases.push([
    'text only, no attachment',
    { from: 'a@b.example', to: 'c@d.example', subject: 'x', text: 'y', ...fixed },
  ]);

  for (const [name, mail] of cases) {
    for (const newline of ['unix', 'crlf'] as const) {
      it(`writes the bytes nodemailer writes from its MIME tree (${name}, ${newline})`, async () => {
        const ours = serializeTree({ ...mail }, newline);
        expect(ours).not.toBeNull();
        const theirs = await nodemailerMessage(mail, newline);
        expect(ours!.message.toString('latin1')).toBe(theirs.message.toString('latin1'));
        expect(ours!.messageId).toBe(fixed.messageId);
        expect(ours!.envelope).toEqual(theirs.envelope);
      });
    }
  }

  it('writes the usual DTE e-mail directly, as nodemailer writes it (its random parts aside)', async () => {
    const dte = cases.filter(([, mail]) => Array.isArray(mail.attachments) && mail.attachments.length);
    expect(dte.length).toBe(4);
    for (const [, fixedMail] of dte) {
      for (const to of ['jose.pena@example.com', 'a+b_c-d@sub.example.org']) {
        const { baseBoundary: _b, messageId: _m, date: _d, ...mail } = { ...fixedMail, to };
        expect(serializeSimple({ ...mail })).not.toBeNull();
        for (const newline of ['unix', 'crlf'] as const) {
          const ours = serializeMessage({ ...mail }, newline)!;
          const text = ours.message.toString('latin1');
          // the random parts (Message-ID, boundary) and the date, in nodemailer's forms, replaced by the fixed ones
          const domain = String(ours.envelope.from).split('@').pop();
          expect(ours.messageId).toMatch(/^<[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@[^>]+>$/);
          expect(ours.messageId.endsWith(`@${domain}>`)).toBe(true);
          const base = /boundary="--_NmP-([0-9a-f]{16})-Part_1"/.exec(text)![1]!;
          const date = /^Date: (.+)$/m.exec(text)![1]!.trim();
          expect(new Date(date).getTime()).toBeGreaterThan(Date.now() - 60_000);
          const normalised = text
            .replaceAll(ours.messageId, fixed.messageId)
            .replaceAll(base, fixed.baseBoundary)
            .replace(`Date: ${date}`, `Date: ${fixed.date.toUTCString().replace(/GMT/, '+0000')}`);
          const theirs = await nodemailerMessage({ ...fixedMail, to }, newline);
          expect(normalised).toBe(theirs.message.toString('latin1'));
          expect(ours.envelope).toEqual(theirs.envelope);
        }
      }
    }
  });

  it('leaves anything but the usual DTE e-mail to the MIME tree', () => {
    const [, fixedMail] = cases[0]!;
    const { baseBoundary: _b, messageId: _m, date: _d, ...mail } = fixedMail;
    expect(serializeSimple({ ...mail })).not.toBeNull();
    expect(serializeSimple({ ...mail, to: 'Jose.Pena@example.com' })).toBeNull();
    expect(serializeSimple({ ...mail, to: 'José <jose@example.com>' })).toBeNull();
    expect(serializeSimple({ ...mail, html: undefined })).toBeNull();
    expect(serializeSimple({ ...mail, subject: 'a\u0007b' })).toBeNull();
    expect(serializeSimple({ ...mail, attachments: [] })).toBeNull();
    expect(serializeSimple({ ...mail, attachments: [{ filename: 'a b.pdf', content: Buffer.from('x') }] })).toBeNull();
    expect(serializeSimple({ ...fixedMail })).toBeNull(); // fixed Message-ID, date, boundary
  });

  it('leaves a message with streamed content to nodemailer', () => {
    const mail = { from: 'a@b.example', to: 'c@d.example', subject: 'x', text: 'y' };
    const attachments = [{ filename: 'f.txt', path: '/nonexistent/f.txt' }];
    expect(serializeMessage({ ...mail, attachments }, 'unix')).toBeNull();
  });
});
