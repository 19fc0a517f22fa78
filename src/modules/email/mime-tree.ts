/**
 * Any message through nodemailer's own MIME tree (MailComposer), each part written the way MimeNode.stream writes it,
 * only without the streams (≈ 0.7 ms): the path of the messages `serializeSimple` (mime.ts) does not write directly.
 */
import type { Transform } from 'node:stream';
import * as base64 from 'nodemailer/lib/base64';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import MimeNode from 'nodemailer/lib/mime-node';
import * as qp from 'nodemailer/lib/qp';

/** The MimeNode internals MimeNode.stream reads (nodemailer 10). */
interface Part {
  childNodes: Part[];
  multipart: string | false;
  boundary: string;
  content: unknown;
  contentType?: string;
  _raw?: unknown;
  _transforms: unknown[];
  _processFuncs: unknown[];
  getTransferEncoding(): string | false;
  buildHeaders(): string;
}

export interface SerializedMessage {
  /** The whole message, lines ending in LF (`newline: 'unix'`) or CRLF. */
  message: Buffer;
  messageId: string;
  envelope: { from: string | false; to: string[] };
}

/** Runs a nodemailer encoder over one chunk synchronously (its _transform and _flush call back at once). */
export function encode(encoder: Transform, input: Buffer, out: Buffer[]): boolean {
  let synchronous = true;
  const t = encoder as Transform & {
    _transform(chunk: Buffer, encoding: string, done: (err?: Error | null) => void): void;
    _flush(done: (err?: Error | null) => void): void;
  };
  t.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk === null || chunk === undefined) return true;
    out.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding ?? 'utf8') : (chunk as Buffer));
    return true;
  };
  let calls = 0;
  const done = (err?: Error | null) => {
    if (err) throw err;
    calls += 1;
  };
  t._transform(input, 'buffer', done);
  if (calls !== 1) synchronous = false;
  t._flush(done);
  if (calls !== 2) synchronous = false;
  return synchronous;
}

/** One part as MimeNode.stream writes it, its children after it; false when it holds what only a stream reads. */
function writeTree(node: Part, out: Buffer[]): boolean {
  if (node._raw) return false;
  const transferEncoding = node.getTransferEncoding();
  out.push(Buffer.from(`${node.buildHeaders()}\r\n\r\n`));
  const content = node.content;
  if (content) {
    if (typeof content !== 'string' && !Buffer.isBuffer(content)) return false;
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    if (transferEncoding === 'base64') {
      if (!encode(new base64.Encoder({}), bytes, out)) return false;
    } else if (transferEncoding === 'quoted-printable') {
      // outside of text a lone CR or LF is data (as MimeNode.stream encodes it)
      const binary = !/^text\//i.test(node.contentType || '');
      if (!encode(new qp.Encoder({ binary } as qp.EncoderOptions), bytes, out)) return false;
    } else out.push(bytes);
  }
  if (!node.multipart) return true;
  for (let i = 0; i < node.childNodes.length; i += 1) {
    out.push(Buffer.from(`${i > 0 ? '\r\n' : ''}--${node.boundary}\r\n`));
    if (!writeTree(node.childNodes[i]!, out)) return false;
  }
  out.push(Buffer.from(`\r\n--${node.boundary}--\r\n`));
  return true;
}

/** LF line ends: every CR dropped (nodemailer's LeUnix). */
export function unixLines(buf: Buffer): Buffer {
  let cr = buf.indexOf(0x0d);
  if (cr < 0) return buf;
  const out = Buffer.allocUnsafe(buf.length);
  let n = 0;
  let from = 0;
  while (cr >= 0) {
    n += buf.copy(out, n, from, cr);
    from = cr + 1;
    cr = buf.indexOf(0x0d, from);
  }
  n += buf.copy(out, n, from);
  return out.subarray(0, n);
}

/** The message written from nodemailer's MIME tree (MailComposer), part by part as MimeNode.stream writes it. */
export function serializeTree(mail: Mail.Options, newline: 'unix' | 'crlf'): SerializedMessage | null {
  const root = new MailComposer(mail).compile() as unknown as Part & MimeNode;
  if (root._transforms.length || root._processFuncs.length) return null;
  const out: Buffer[] = [];
  if (!writeTree(root, out)) return null;
  let message: Buffer = Buffer.concat(out);
  // nodemailer's LastNewline: the message ends with a line break
  const last = message.length ? message[message.length - 1] : undefined;
  if (last !== 0x0a) message = Buffer.concat([message, Buffer.from(last === 0x0d ? '\n' : '\r\n')]);
  if (newline === 'unix') message = unixLines(message);
  const envelope = root.getEnvelope() as { from: string | false; to: string[] };
  return { message, messageId: root.messageId(), envelope };
}
