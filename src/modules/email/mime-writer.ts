/** The message's bytes written into one buffer: headers and texts, contents in base64 or quoted-printable. */
import * as qp from 'nodemailer/lib/qp';
import { encode, unixLines } from './mime-tree.js';

/** Base64 of `n` bytes in lines of 76 characters, each but the last followed by an end of line of `eolBytes`. */
function base64Size(n: number, eolBytes: number): number {
  const encoded = Math.ceil(n / 3) * 4;
  return encoded + (Math.max(Math.ceil(encoded / 76), 1) - 1) * eolBytes;
}

/**
 * Writes `bytes` in base64 lines of 76 characters, each but the last followed by `eol`, into `out` at `at` (the
 * base64Size of them): what nodemailer's base64 Encoder writes (with CRLF). The encoded text is put at the end of its
 * place, then each line moved to where it goes. Returns the offset after it.
 */
function writeBase64Lines(bytes: Buffer, eol: string, out: Buffer, at: number): number {
  const encoded = Math.ceil(bytes.length / 3) * 4;
  const lines = Math.max(Math.ceil(encoded / 76), 1);
  const end = at + encoded + (lines - 1) * eol.length;
  const tail = end - encoded;
  out.write(bytes.toString('base64'), tail, 'latin1');
  // a line never moves past text not yet moved: line i goes to at + i·(76 + eol), from tail + 76·i ≥ i·eol further on
  for (let i = 0; i < lines; i += 1) {
    const from = tail + i * 76;
    const stop = Math.min(from + 76, end);
    out.copyWithin(at, from, stop);
    at += stop - from;
    if (i === lines - 1) break;
    if (eol === '\r\n') out[at++] = 0x0d;
    out[at++] = 0x0a;
  }
  return at;
}

/** Whitespace nodemailer's QP encoder holds back at the end of a chunk (and a CR, for binary content). */
const isHeldBack = (byte: number | undefined, binary: boolean) =>
  byte === 0x20 || byte === 0x09 || (binary && byte === 0x0d);

/**
 * A message being written: texts (with CRLF line ends, their CRs dropped for LF when the message is put together,
 * as nodemailer's LeUnix does), bytes already in their final form, and contents to write in base64 lines. The
 * message is then written into one buffer of its exact size: no intermediate buffer per part, no copy to join them.
 */
export class MessageWriter {
  private readonly parts: (string | Buffer | { base64: Buffer })[] = [];
  private text = '';

  constructor(readonly eol: '\n' | '\r\n') {}

  /** A text with CRLF line ends. */
  add(text: string): void {
    this.text += text;
  }

  /** Bytes written as they are (already with the message's line ends). */
  addBytes(bytes: Buffer): void {
    this.flushText();
    this.parts.push(bytes);
  }

  addBase64(bytes: Buffer): void {
    this.flushText();
    this.parts.push({ base64: bytes });
  }

  private flushText(): void {
    if (!this.text) return;
    this.parts.push(this.eol === '\n' ? this.text.replaceAll('\r', '') : this.text);
    this.text = '';
  }

  toBuffer(): Buffer {
    this.flushText();
    let size = 0;
    for (const p of this.parts) {
      if (typeof p === 'string') size += Buffer.byteLength(p);
      else if (Buffer.isBuffer(p)) size += p.length;
      else size += base64Size(p.base64.length, this.eol.length);
    }
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    for (const p of this.parts) {
      if (typeof p === 'string') at += out.write(p, at, 'utf8');
      else if (Buffer.isBuffer(p)) at += p.copy(out, at);
      else at = writeBase64Lines(p.base64, this.eol, out, at);
    }
    return at === size ? out : out.subarray(0, at);
  }
}

/**
 * A content in its transfer encoding, with the writer's line ends. Base64 is written directly; quoted-printable content
 * of one chunk (under 64 KiB, ending in no whitespace) is what qp.Encoder writes, qp.wrap(qp.encode(…)), without the
 * stream; anything else goes through nodemailer's encoders. With LF every CR is dropped, as nodemailer's LeUnix does.
 */
export function writeContent(out: MessageWriter, bytes: Buffer, transferEncoding: string, binary: boolean): boolean {
  if (transferEncoding === 'base64') {
    out.addBase64(bytes);
    return true;
  }
  if (transferEncoding === 'quoted-printable') {
    if (bytes.length < 64 * 1024 && !isHeldBack(bytes[bytes.length - 1], binary)) {
      out.add(qp.wrap(qp.encode(bytes), 76));
      return true;
    }
    const encoded: Buffer[] = [];
    if (!encode(new qp.Encoder({ binary } as qp.EncoderOptions), bytes, encoded)) return false;
    for (const chunk of encoded) out.addBytes(unixOrNot(chunk, out));
    return true;
  }
  // 7bit: plain ASCII text (a string content), with CRLF line ends or bare LFs as written
  out.addBytes(unixOrNot(bytes, out));
  return true;
}

/** Bytes with CRLF line ends in the writer's line ends. */
function unixOrNot(bytes: Buffer, out: MessageWriter): Buffer {
  return out.eol === '\n' ? unixLines(bytes) : bytes;
}
