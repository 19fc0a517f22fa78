/**
 * The message as nodemailer composes it, serialised in one synchronous pass.
 *
 * nodemailer builds a message as a tree of streams: a PassThrough per part, an encoder per attachment, a pipeline
 * (with its AbortController) per stage, a setImmediate per step. For a DTE e-mail (two short texts, a PDF and a JSON of
 * a few KiB) that machinery cost ≈ 1.5 ms of CPU, more than half of the versión legible's own rendering.
 *
 * The usual DTE e-mail (text + HTML + attachments in memory, to a plain address) is written directly
 * (`serializeSimple`): each header as MimeNode.buildHeaders writes it, with nodemailer's own header encoders and
 * folding, each content as nodemailer's encoders write it (the base64 lines written straight into one buffer, the
 * quoted-printable through the encoder's own functions without its stream), the parts in nodemailer's order, with its
 * boundaries and Message-ID forms, and with the line ends asked for from the start (≈ 0.06 ms). Any other message
 * goes through nodemailer's MIME tree (MailComposer), each part written the way MimeNode.stream writes it, only without
 * the streams (`serializeTree`, ≈ 0.7 ms). Both give nodemailer's bytes (test/email/mime.test.ts compares them). A part
 * neither can write synchronously (stream, file or URL content, a raw node) makes `serializeMessage` return null, and
 * the caller lets nodemailer stream the message as before.
 */
import { randomBytes } from 'node:crypto';
import type Mail from 'nodemailer/lib/mailer';
import * as mimeFuncs from 'nodemailer/lib/mime-funcs';
import MimeNode from 'nodemailer/lib/mime-node';
import { serializeTree, type SerializedMessage } from './mime-tree.js';
import { MessageWriter, writeContent } from './mime-writer.js';

export { serializeTree, type SerializedMessage } from './mime-tree.js';

/** nodemailer's choice between Q and B encoding for a text (MimeNode._getTextEncoding, no textEncoding option). */
function textEncoding(value: string): 'Q' | 'B' {
  let nonLatin = 0;
  let latin = 0;
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c <= 0x08 || c === 0x0b || c === 0x0c || (c >= 0x0e && c <= 0x1f) || c >= 0x80) nonLatin += 1;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin += 1;
  }
  return nonLatin < latin ? 'Q' : 'B';
}

const encodeWords = mimeFuncs.encodeWords as (value: string, enc: 'Q' | 'B', max: number, all: boolean) => string;

/** Control characters (besides HT, LF, CR), which nodemailer treats apart in a header: left to the tree path. */
function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c <= 0x08 || c === 0x0b || c === 0x0c || (c >= 0x0e && c <= 0x1f) || c === 0x7f) return true;
  }
  return false;
}

/** An unstructured header's value (without control characters) as MimeNode.encodeHeaderValue writes it. */
function headerText(raw: string): string {
  const value = raw.replace(/\r?\n|\r/g, ' ');
  return encodeWords(value, textEncoding(value), 52, true);
}

/** A header line folded as MimeNode.buildHeaders folds it. */
const line = (key: string, value: string) => mimeFuncs.foldLines(`${key}: ${value}`, 76);

/** The From line, encoded by nodemailer itself once per sender (the sender is the configuration's). */
const fromLines = new Map<string, { line: string; address: string }>();
function fromLine(from: string): { line: string; address: string } | null {
  let known = fromLines.get(from);
  if (!known) {
    const node = new MimeNode('text/plain');
    node.setHeader('From', from);
    const address = (node.getEnvelope() as { from: string | false }).from;
    if (!address) return null;
    known = { line: line('From', MimeNode.encodeHeaderValue('From', from)), address };
    if (fromLines.size < 16) fromLines.set(from, known);
  }
  return known;
}

/** Addresses nodemailer writes as they are: lowercase ASCII, no quoting, no punycode, nothing to normalise. */
const PLAIN_TO = /^[a-z0-9_+-]+(?:\.[a-z0-9_+-]+)*@[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;
/** File names and content types that need no quoting nor encoding in a header parameter. */
const PLAIN_FILENAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,48}$/;
const PLAIN_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/;

/** A text part's transfer encoding (MimeNode.getTransferEncoding for a string content). */
function textTransferEncoding(content: string): '7bit' | 'quoted-printable' | 'base64' {
  if (mimeFuncs.isPlainText(content) && !mimeFuncs.hasLongerLines(content, 76)) return '7bit';
  return textEncoding(content) === 'Q' ? 'quoted-printable' : 'base64';
}

/** Random bytes for the Message-ID and the boundary, drawn from the system's CSPRNG a pool at a time. */
const RANDOM_POOL = 24 * 64;
let randomPool = Buffer.alloc(0);
let randomAt = RANDOM_POOL;
function random24Hex(): string {
  if (randomAt + 24 > randomPool.length) {
    randomPool = randomBytes(RANDOM_POOL);
    randomAt = 0;
  }
  randomAt += 24;
  return randomPool.toString('hex', randomAt - 24, randomAt);
}

/**
 * The usual DTE e-mail — a text and an HTML version and attachments held in memory, to a plain address — written
 * directly, header by header as MimeNode.buildHeaders writes them (with nodemailer's own encoders and folding) and
 * its parts in the order and with the boundaries nodemailer gives them. Anything else: null (the tree path).
 */
export function serializeSimple(
  mail: Mail.Options,
  newline: 'unix' | 'crlf' = 'crlf',
): { message: Buffer; messageId: string; from: string } | null {
  const { from, to, subject, text, html, attachments } = mail;
  for (const k in mail) if (!SIMPLE_KEYS.has(k)) return null;
  if (typeof from !== 'string' || typeof to !== 'string' || !PLAIN_TO.test(to)) return null;
  if (typeof subject !== 'string' || !subject || hasControl(subject) || typeof text !== 'string' || !text) return null;
  if (typeof html !== 'string' || !html || !Array.isArray(attachments) || !attachments.length) return null;
  for (const a of attachments) {
    let plain =
      typeof a.filename === 'string' &&
      PLAIN_FILENAME.test(a.filename) &&
      typeof a.contentType === 'string' &&
      PLAIN_TYPE.test(a.contentType) &&
      !/^(text|message|multipart)\//.test(a.contentType) &&
      Buffer.isBuffer(a.content) &&
      a.content.length > 0;
    for (const k in a) if (!ATTACHMENT_KEYS.has(k)) plain = false;
    if (!plain) return null;
  }
  const sender = fromLine(from);
  if (!sender) return null;
  // written with the line ends asked for: the texts below in CRLF, their CRs dropped for LF (nodemailer's LeUnix)
  const out = new MessageWriter(newline === 'unix' ? '\n' : '\r\n');
  // Message-ID and boundary: nodemailer's forms (its _generateMessageId, one base boundary per message)
  const random = random24Hex();
  const id = `${random.slice(0, 8)}-${random.slice(8, 12)}-${random.slice(12, 16)}-${random.slice(16, 20)}-`;
  const messageId = `<${id}${random.slice(20, 32)}@${sender.address.split('@').pop()}>`;
  const base = `--_NmP-${random.slice(32, 48)}`;
  const mixed = `${base}-Part_1`;
  const alternative = `${base}-Part_2`;
  const date = new Date().toUTCString().replace(/GMT/, '+0000');
  const contentType = (type: string, params: Record<string, string>) =>
    line('Content-Type', mimeFuncs.buildHeaderValue({ value: type, params }));
  out.add(
    `${sender.line}\r\n${line('To', to)}\r\n${line('Subject', headerText(subject))}\r\n` +
      `${line('Message-ID', messageId)}\r\n${line('Date', date)}\r\n${line('MIME-Version', '1.0')}\r\n` +
      `${contentType('multipart/mixed', { boundary: mixed })}\r\n\r\n--${mixed}\r\n` +
      `${contentType('multipart/alternative', { boundary: alternative })}\r\n\r\n`,
  );
  for (let i = 0; i < 2; i += 1) {
    const type = i === 0 ? 'text/plain' : 'text/html';
    const content = i === 0 ? text : html;
    const te = textTransferEncoding(content);
    const headers = `${contentType(type, { charset: 'utf-8' })}\r\n${line('Content-Transfer-Encoding', te)}`;
    out.add(`${i > 0 ? '\r\n' : ''}--${alternative}\r\n${headers}\r\n\r\n`);
    if (!writeContent(out, Buffer.from(content), te, false)) return null;
  }
  out.add(`\r\n--${alternative}--\r\n`);
  for (const a of attachments) {
    const name = a.filename as string;
    const headers = [
      line('Content-Type', `${mimeFuncs.buildHeaderValue({ value: a.contentType!, params: {} })}; name=${name}`),
      line('Content-Transfer-Encoding', 'base64'),
      line('Content-Disposition', mimeFuncs.buildHeaderValue({ value: 'attachment', params: { filename: name } })),
    ];
    out.add(`\r\n--${mixed}\r\n${headers.join('\r\n')}\r\n\r\n`);
    if (!writeContent(out, a.content as Buffer, 'base64', true)) return null;
  }
  out.add(`\r\n--${mixed}--\r\n`);
  return { message: out.toBuffer(), messageId, from: sender.address };
}

const SIMPLE_KEYS = new Set(['from', 'to', 'subject', 'text', 'html', 'attachments']);
const ATTACHMENT_KEYS = new Set(['filename', 'content', 'contentType']);

/**
 * The message nodemailer would write for `mail` (its stream transport with `newline`, or SMTP with 'crlf'), or null
 * when the message holds content only nodemailer's streams can read.
 */
export function serializeMessage(mail: Mail.Options, newline: 'unix' | 'crlf'): SerializedMessage | null {
  const simple = serializeSimple(mail, newline);
  if (simple) {
    const envelope = { from: simple.from, to: [mail.to as string] };
    return { message: simple.message, messageId: simple.messageId, envelope };
  }
  return serializeTree(mail, newline);
}
