import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { describe, expect, it } from 'vitest';
import { composeDteEmail } from '../../src/modules/email/index.js';
import { serializeMessage } from '../../src/modules/email/mime.js';
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

const fixed = { baseBoundary: '5f0c1e2d3a4b', messageId: '<fixed@facturaxpress.local>', date: new Date(1767225600000) };

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
      it(`writes the bytes nodemailer writes (${name}, ${newline})`, async () => {
        const ours = serializeMessage({ ...mail }, newline);
        expect(ours).not.toBeNull();
        const theirs = await nodemailerMessage(mail, newline);
        expect(ours!.message.toString('latin1')).toBe(theirs.message.toString('latin1'));
        expect(ours!.messageId).toBe(fixed.messageId);
        expect(ours!.envelope).toEqual(theirs.envelope);
      });
    }
  }

  it('leaves a message with streamed content to nodemailer', () => {
    const mail = { from: 'a@b.example', to: 'c@d.example', subject: 'x', text: 'y' };
    const attachments = [{ filename: 'f.txt', path: '/nonexistent/f.txt' }];
    expect(serializeMessage({ ...mail, attachments }, 'unix')).toBeNull();
  });
});
