// The load generator's HTTP/1.1 client: one kept-alive connection per client loop, each request written whole in one
// write, each answer read by its Content-Length (or its chunks). fetch costs the clients ≈ 10× the CPU per request
// (web streams, a Request and a Response, header objects), CPU the two cores then lack for the server under test.
import { connect, type Socket } from 'node:net';

export interface Answer {
  status: number;
  body: string;
}

const EMPTY = Buffer.alloc(0);
const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/** Where an answer's body ends in `buf` (from `start`), or -1 while it is incomplete; chunked bodies are decoded. */
function chunkedEnd(buf: Buffer, start: number, out: Buffer[]): number {
  let at = start;
  for (;;) {
    const line = buf.indexOf(CRLF, at);
    if (line < 0) return -1;
    const size = Number.parseInt(buf.toString('latin1', at, line), 16);
    if (!Number.isFinite(size)) throw new Error('bad chunk size');
    if (size === 0) {
      // no trailers are sent by the service: the last chunk is followed by one empty line
      if (buf.length < line + 4) return -1;
      return line + 4;
    }
    if (buf.length < line + 2 + size + 2) return -1;
    out.push(buf.subarray(line + 2, line + 2 + size));
    at = line + 2 + size + 2;
  }
}

/** One kept-alive connection; one request at a time. */
export class HttpConnection {
  private socket: Socket | null = null;
  private buf: Buffer = EMPTY;
  private waiting: { resolve: (a: Answer) => void; reject: (e: Error) => void } | null = null;
  private readonly prefix: string;

  /** `headers` are sent with every request (a Host header is added). */
  constructor(
    private readonly url: URL,
    headers: Record<string, string> = {},
  ) {
    if (url.protocol !== 'http:') throw new Error(`the load generator speaks plain http, not ${url.protocol}`);
    let prefix = `host: ${url.host}\r\n`;
    for (const [k, v] of Object.entries(headers)) prefix += `${k}: ${v}\r\n`;
    this.prefix = prefix;
  }

  request(method: string, path: string, body?: string): Promise<Answer> {
    const socket = this.socket ?? this.open();
    const length = body === undefined ? '' : `content-length: ${Buffer.byteLength(body)}\r\n`;
    return new Promise<Answer>((resolve, reject) => {
      this.waiting = { resolve, reject };
      socket.write(`${method} ${path} HTTP/1.1\r\n${this.prefix}${length}\r\n${body ?? ''}`);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private open(): Socket {
    const socket = connect(Number(this.url.port || 80), this.url.hostname);
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
      this.read();
    });
    const fail = (err: Error) => {
      if (this.socket !== null && this.socket !== socket) return; // an earlier connection's end
      this.socket = null;
      this.buf = EMPTY;
      const w = this.waiting;
      this.waiting = null;
      w?.reject(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the connection closed before the answer')));
    this.socket = socket;
    return socket;
  }

  private read(): void {
    if (!this.waiting) return;
    const end = this.buf.indexOf(HEAD_END);
    if (end < 0) return;
    const head = this.buf.toString('latin1', 0, end);
    const status = Number(head.slice(9, 12));
    const start = end + 4;
    const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
    let body: string;
    let next: number;
    if (status === 204 || status === 304) {
      next = start;
      body = '';
    } else if (length) {
      next = start + Number(length[1]);
      if (this.buf.length < next) return;
      body = this.buf.toString('utf8', start, next);
    } else if (/\r\ntransfer-encoding:[ \t]*chunked/i.test(head)) {
      const chunks: Buffer[] = [];
      next = chunkedEnd(this.buf, start, chunks);
      if (next < 0) return;
      body = Buffer.concat(chunks).toString('utf8');
    } else {
      // (a body delimited by the connection's end: the service never answers so)
      this.socket?.destroy(new Error('an answer without Content-Length or chunks'));
      return;
    }
    this.buf = next === this.buf.length ? EMPTY : this.buf.subarray(next);
    if (/\r\nconnection:[ \t]*close/i.test(head)) this.close();
    const w = this.waiting;
    this.waiting = null;
    w.resolve({ status, body });
  }
}
