import type pg from 'pg';
import type { Logger } from '../../core/logger.js';
import type { Database } from '../../db/database.js';

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

/** How often the bus looks for committed events whose notification never came. */
const CATCH_UP_MS = 1000;
/**
 * How far behind the newest delivered event the catch-up starts. Event ids are taken when an event is written, not
 * when it commits: an event committed later than others with higher ids is still found if it committed within this
 * time of them.
 */
const CATCH_UP_LAG_MS = 5000;
/** Delivered event ids kept at least (to skip repeats), beyond those the catch-up may still see again. */
const KEEP_DELIVERED = 2000;

/**
 * The invoice channel of the process's LISTEN connection (the database's Listener), fanned out to its subscribers.
 * NOTIFY travels through PostgreSQL, so a change committed by any process (API or worker) reaches the subscribers of
 * every process. Its reads of invoice_event go through the database's pool.
 *
 * The hot path announces its events after they committed (the database's Notifier), not inside their transaction:
 * a process that dies between its commit and that send leaves events that are committed but never notified. The
 * bus therefore also catches up from invoice_event (the source of truth) every second: events newer than a
 * watermark that trails the newest delivered event by a few seconds, still not delivered a second after they were
 * first seen committed, are delivered then (within about two seconds of their commit), in event order. While no one
 * subscribes it only moves the watermark. Whenever the LISTEN connection comes back, the events committed while it
 * was down are replayed from invoice_event first (retried every second until that succeeds).
 */
export async function startInvoiceEventBus(
  db: Pick<Database, 'listener' | 'pool'>,
  log: Logger,
): Promise<InvoiceEventBus> {
  const listeners = new Set<NoteListener>();
  /** Whether the channel is listened to (notifications arrive). */
  let up = false;
  /** Listened to again, and the events committed meanwhile not yet read back (or the bus not yet primed). */
  let behind = false;
  /** Counts the times the channel came up: a read back clears `behind` only if it came up no more since it began. */
  let ups = 0;
  let closed = false;

  // Replay and catch-up may overlap with NOTIFYs: the delivered event ids are remembered to skip repeats (by id, in
  // delivery order; pruned below the catch-up's watermark, keeping at least the last KEEP_DELIVERED).
  const delivered = new Map<string, bigint>();
  let lastEventId = 0n;
  // The catch-up's watermark: the newest delivered event id as it was CATCH_UP_LAG_MS ago.
  let watermark = 0n;
  const deliver = (note: InvoiceNote) => {
    if (delivered.has(note.eventId)) return;
    const id = BigInt(note.eventId);
    delivered.set(note.eventId, id);
    if (id > lastEventId) lastEventId = id;
    for (const l of listeners) l(note);
  };
  const dispatch = (payload: string) => {
    if (!payload) return;
    try {
      deliver(JSON.parse(payload) as InvoiceNote);
    } catch {
      log.warn({ payload: payload.slice(0, 200) }, 'ignoring a malformed invoice notification');
    }
  };
  /** Where "after it subscribed" starts for this process: the newest event when the bus starts listening. */
  let primed = false;
  const prime = async (c: pg.Pool) => {
    const { rows } = await c.query(`select coalesce(max(id), 0)::text as id from invoice_event`);
    lastEventId = BigInt(rows[0].id as string);
    watermark = lastEventId;
    primed = true;
  };
  const noteColumns = `e.id::text as "eventId", e.invoice_id as "invoiceId", e.tenant_id as "tenantId", e.type,
    e.to_status as status, i.referencia_externa as "referenciaExterna", i.patient_id as "patientId"`;
  /** Events committed while the LISTEN connection was down, read back from invoice_event (the source of truth). */
  const replayMissed = async (c: pg.Pool) => {
    const { rows } = await c.query(
      `select ${noteColumns}
         from invoice_event e join invoice i on i.id = e.invoice_id where e.id > $1 order by e.id`,
      [lastEventId.toString()],
    );
    for (const r of rows) deliver(r as InvoiceNote);
  };

  const marks: { at: number; id: bigint }[] = [];
  /** Committed, not delivered, at the previous catch-up: delivered now if their notification still has not come. */
  let unseen = new Set<string>();
  let catchingUp = false;
  const catchUp = async () => {
    const now = performance.now();
    marks.push({ at: now, id: lastEventId });
    while (marks.length > 1 && marks[1]!.at <= now - CATCH_UP_LAG_MS) marks.shift();
    if (primed && marks[0]!.at <= now - CATCH_UP_LAG_MS && marks[0]!.id > watermark) watermark = marks[0]!.id;
    for (const [key, id] of delivered) {
      if (delivered.size <= KEEP_DELIVERED) break;
      if (id <= watermark) delivered.delete(key);
    }
    if (!up || catchingUp) return;
    if (behind) return void readBack();
    if (!primed || !listeners.size) {
      unseen = new Set();
      return;
    }
    const c = db.pool;
    catchingUp = true;
    try {
      // Ids only (the primary key), from the watermark on: a few seconds of events.
      const { rows } = await c.query<{ id: string }>({
        name: 'fx_event_catch_up_ids',
        text: `select id::text as id from invoice_event where id > $1`,
        values: [watermark.toString()],
      });
      const missing = rows.map((r) => r.id).filter((id) => !delivered.has(id));
      const due = missing.filter((id) => unseen.has(id));
      unseen = new Set(missing.filter((id) => !unseen.has(id)));
      if (!due.length) return;
      const found = await c.query({
        text: `select ${noteColumns}
                 from invoice_event e join invoice i on i.id = e.invoice_id
                where e.id = any($1::bigint[]) order by e.id`,
        values: [due],
      });
      log.warn({ events: found.rows.length }, 'delivering committed invoice events whose notification never came');
      for (const r of found.rows) deliver(r as InvoiceNote);
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'invoice event catch-up failed; retrying');
    } finally {
      catchingUp = false;
    }
    if (up && behind) void readBack(); // listened to again while this ran
  };
  /**
   * After the channel is listened to: the first time, where "after it subscribed" starts; afterwards, the events
   * committed while it was not. A failure leaves `behind` set: the next catch-up tries again.
   */
  const readBack = async () => {
    if (catchingUp || !behind) return;
    catchingUp = true;
    const since = ups;
    try {
      await (primed ? replayMissed(db.pool) : prime(db.pool));
      if (since === ups) behind = false;
      unseen = new Set();
      started();
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'could not replay missed invoice events; retrying');
    } finally {
      catchingUp = false;
    }
  };
  const catchUpTimer = setInterval(() => void catchUp(), CATCH_UP_MS);
  catchUpTimer.unref();

  let started!: () => void;
  const primedOnce = new Promise<void>((resolve) => (started = resolve));
  const subscription = db.listener.subscribe(INVOICE_CHANNEL, {
    notify: dispatch,
    up: () => {
      up = true;
      behind = true;
      ups += 1;
      void readBack();
    },
    down: () => {
      up = false;
      if (!closed) log.warn('invoice LISTEN connection lost; replaying from invoice_event once it is back');
    },
  });
  try {
    // The first connection fails as openDatabase would; later losses reconnect on their own.
    await subscription.ready;
    await primedOnce;
  } catch (err) {
    subscription.close();
    clearInterval(catchUpTimer);
    throw err;
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async close() {
      closed = true;
      clearInterval(catchUpTimer);
      listeners.clear();
      subscription.close();
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
