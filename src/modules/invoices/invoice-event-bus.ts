import pg from 'pg';
import type { Logger } from '../../core/logger.js';

/** Channel on which committed invoice changes are announced (subscriptions and webhooks listen). */
export const INVOICE_CHANNEL = 'fx_invoice_events';

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

  // Replay after a reconnect may overlap with NOTIFYs: the most recent event ids are remembered to skip repeats.
  const recent = new Set<string>();
  let lastEventId = 0n;
  const deliver = (note: InvoiceNote) => {
    if (recent.has(note.eventId)) return;
    recent.add(note.eventId);
    if (recent.size > 2000) recent.delete(recent.values().next().value!);
    if (BigInt(note.eventId) > lastEventId) lastEventId = BigInt(note.eventId);
    for (const l of listeners) l(note);
  };
  const dispatch = (msg: pg.Notification) => {
    if (msg.channel !== INVOICE_CHANNEL || !msg.payload) return;
    try {
      deliver(JSON.parse(msg.payload) as InvoiceNote);
    } catch {
      log.warn({ payload: msg.payload.slice(0, 200) }, 'ignoring a malformed invoice notification');
    }
  };
  /** Where "after it subscribed" starts for this process: the newest event when the bus starts listening. */
  let primed = false;
  const prime = async (c: pg.Client) => {
    const { rows } = await c.query(`select coalesce(max(id), 0)::text as id from invoice_event`);
    lastEventId = BigInt(rows[0].id as string);
    primed = true;
  };
  /** Events committed while the LISTEN connection was down, read back from invoice_event (the source of truth). */
  const replayMissed = async (c: pg.Client) => {
    const { rows } = await c.query(
      `select e.id::text as "eventId", e.invoice_id as "invoiceId", e.tenant_id as "tenantId", e.type, e.to_status
        as status,
              i.referencia_externa as "referenciaExterna", i.patient_id as "patientId"
         from invoice_event e join invoice i on i.id = e.invoice_id where e.id > $1 order by e.id`,
      [lastEventId.toString()],
    );
    for (const r of rows) deliver(r as InvoiceNote);
  };

  const scheduleReconnect = () => {
    setTimeout(
      () =>
        void connect().catch((e) => {
          log.error({ err: (e as Error).message }, 'LISTEN reconnect failed; retrying');
          if (!closed) scheduleReconnect();
        }),
      RECONNECT_MS,
    ).unref();
  };
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: databaseUrl, application_name: 'fx-invoice-events' });
    c.on('notification', dispatch);
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost || closed) return;
      lost = true;
      log.warn({ err: err?.message }, 'invoice LISTEN connection lost; reconnecting');
      void c.end().catch(() => undefined);
      if (client === c) client = null;
      scheduleReconnect();
    };
    c.on('error', onLost);
    c.on('end', () => onLost());
    try {
      await c.connect();
      await c.query(`LISTEN ${INVOICE_CHANNEL}`);
    } catch (err) {
      lost = true; // the caller retries; this client is dropped
      void c.end().catch(() => undefined);
      throw err;
    }
    client = c;
    // A failed replay drops the connection ('end' → reconnect → replay again from the same event id).
    await (primed ? replayMissed(c) : prime(c)).catch((err) => {
      log.warn({ err: (err as Error).message }, 'could not replay missed invoice events');
      void c.end().catch(() => undefined);
    });
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
export function noteIterator(
  bus: InvoiceEventBus,
  accept: (n: InvoiceNote) => boolean,
): AsyncIterableIterator<InvoiceNote> {
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
