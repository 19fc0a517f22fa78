import pg from 'pg';
import type { Logger } from '../core/logger.js';
import { INVOICE_CHANNEL } from '../modules/invoices/invoice-transitions.js';

/** The NOTIFY payload appendEvent sends after commit. */
export interface InvoiceNote {
  eventId: string;
  invoiceId: string;
  tenantId: string;
  type: string;
  status: string;
  referenciaExterna: string;
  patientId: string | null;
}

export type NoteListener = (note: InvoiceNote) => void;

export interface InvoiceEventBus {
  /** Registers synchronously: every note that arrives after this call reaches the listener. */
  subscribe(listener: NoteListener): () => void;
  close(): Promise<void>;
}

const RECONNECT_MS = 1000;

/**
 * One LISTEN connection per server process, fanned out to its subscribers. NOTIFY travels through PostgreSQL, so
 * a change committed by any process (API or worker) reaches the subscribers of every process.
 */
export async function startInvoiceEventBus(databaseUrl: string, log: Logger): Promise<InvoiceEventBus> {
  const listeners = new Set<NoteListener>();
  let client: pg.Client | null = null;
  let closed = false;

  const dispatch = (msg: pg.Notification) => {
    if (msg.channel !== INVOICE_CHANNEL || !msg.payload) return;
    let note: InvoiceNote;
    try {
      note = JSON.parse(msg.payload) as InvoiceNote;
    } catch {
      return log.warn({ payload: msg.payload.slice(0, 200) }, 'ignoring a malformed invoice notification');
    }
    for (const l of listeners) l(note);
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: databaseUrl });
    c.on('notification', dispatch);
    c.on('error', (err) => {
      log.warn({ err: err.message }, 'invoice LISTEN connection lost; reconnecting');
      void c.end().catch(() => undefined);
      if (client === c) client = null;
      if (!closed) setTimeout(() => void connect().catch((e) => log.error({ err: (e as Error).message }, 'LISTEN reconnect failed')), RECONNECT_MS).unref();
    });
    await c.connect();
    await c.query(`LISTEN ${INVOICE_CHANNEL}`);
    client = c;
  };
  await connect();

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async close() {
      closed = true;
      listeners.clear();
      await client?.end().catch(() => undefined);
    },
  };
}

/** Slow subscribers are cut off rather than buffering without bound. */
const MAX_BUFFERED = 1000;

/** An async iterator over the notes that pass `accept`, unsubscribed when the consumer stops (graphql-ws complete). */
export function noteIterator(bus: InvoiceEventBus, accept: (n: InvoiceNote) => boolean): AsyncIterableIterator<InvoiceNote> {
  const buffer: InvoiceNote[] = [];
  let waiting: ((r: IteratorResult<InvoiceNote>) => void) | null = null;
  let done = false;
  const finish = (): Promise<IteratorResult<InvoiceNote>> => {
    done = true;
    unsubscribe();
    waiting?.({ value: undefined, done: true });
    waiting = null;
    return Promise.resolve({ value: undefined, done: true });
  };
  const unsubscribe = bus.subscribe((n) => {
    if (done || !accept(n)) return;
    if (waiting) {
      const w = waiting;
      waiting = null;
      return w({ value: n, done: false });
    }
    if (buffer.length >= MAX_BUFFERED) return void finish();
    buffer.push(n);
  });
  return {
    next() {
      if (buffer.length) return Promise.resolve({ value: buffer.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: finish,
    throw: finish,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
