import pg from 'pg';
import type { Logger } from '../core/logger.js';

/** One NOTIFY: its channel and payload. */
export interface Note {
  channel: string;
  payload: string;
}

/** Where new jobs are announced (payload: the job's kind): the channel workers LISTEN on. */
export const JOB_CHANNEL = 'fx_jobs';

/** The wake-up of idle workers for new jobs of these kinds (one note per distinct kind). */
export const jobNotes = (kinds: readonly (string | null)[] | null | undefined): Note[] =>
  [...new Set(kinds ?? [])].filter((k): k is string => !!k).map((kind) => ({ channel: JOB_CHANNEL, payload: kind }));

/** The notes without repeats (a batch of emissions carries one workers' wake-up per emission), in their order. */
function distinct(notes: Note[]): Note[] {
  if (notes.length < 2) return notes;
  const seen = new Set<string>();
  return notes.filter((n) => {
    const key = `${n.channel}\u0000${n.payload}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Sends the NOTIFYs of the hot path's statements after they committed, from one connection of this process.
 *
 * A transaction that NOTIFYs takes, at its commit, PostgreSQL's database-wide notify lock and keeps it until its
 * commit record is flushed, so every notifying commit of the database waits for the one before it (no group commit).
 * The emission, the SENT mark and MH's answer therefore do not NOTIFY themselves: they return what they would have
 * announced, and their caller hands it here once the commit succeeded (a change that rolled back is never announced).
 * The notes handed over during one turn of the event loop (and while a send is in flight) go out in ONE statement on
 * this connection, whose commits are not waited for on disk (`synchronous_commit = off`: its transactions write no
 * data, so a commit lost in a crash loses nothing durable), so it holds the notify lock only for a moment.
 * Notes go out in the order they were handed over (one send at a time).
 *
 * A note is lost only if the process dies (or this connection fails twice) between the commit and the send. What
 * that costs is bounded by its listeners: workers also poll for jobs every second, and the invoice event bus
 * catches up from invoice_event (the source of truth) on its own.
 */
export class Notifier {
  private pending: { note: Note[]; done: () => void }[] = [];
  private sending: Promise<void> | null = null;
  private client: pg.Client | null = null;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Logger,
  ) {}

  /**
   * Sends `notes` (call only after the change they announce committed). Resolves once they are in PostgreSQL's
   * notification queue, or once sending them failed (logged); never rejects.
   */
  send(notes: readonly Note[]): Promise<void> {
    if (!notes.length || this.closed) return Promise.resolve();
    return new Promise<void>((done) => {
      this.pending.push({ note: [...notes], done });
      if (!this.sending) this.sending = new Promise<void>((r) => setImmediate(r)).then(() => this.drain());
    });
  }

  /** Sends what is pending, then closes the connection. */
  async close(): Promise<void> {
    await this.sending;
    this.closed = true;
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }

  private async drain(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0);
      const notes = distinct(batch.flatMap((b) => b.note));
      try {
        await this.notify(notes).catch(async (err: unknown) => {
          // A broken connection: once more on a new one (a repeated note is harmless: listeners dedupe or re-poll).
          this.log.warn({ err: (err as Error).message }, 'notifier: sending failed; retrying on a new connection');
          await this.notify(notes);
        });
      } catch (err) {
        this.log.error({ err: (err as Error).message, notes: notes.length }, 'notifier: notifications not sent');
      }
      for (const b of batch) b.done();
    }
    this.sending = null;
  }

  private async notify(notes: Note[]): Promise<void> {
    const client = this.client ?? (await this.connect());
    try {
      // One JSON parameter ([[channel, payload], …]): JSON.stringify is native, where two text[] parameters were
      // escaped element by element (every quote of every JSON payload) and parsed back as array literals.
      await client.query({
        name: 'fx_notify_json',
        text: `select pg_notify(n->>0, n->>1) from json_array_elements($1::json) as t(n)`,
        values: [JSON.stringify(notes.map((n) => [n.channel, n.payload]))],
      });
    } catch (err) {
      if (this.client === client) this.client = null;
      void client.end().catch(() => undefined);
      throw err;
    }
  }

  /** Only drain() calls this, one call at a time. */
  private async connect(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: this.databaseUrl, application_name: 'fx-notifier' });
    c.on('error', (err) => {
      this.log.warn({ err: err.message }, 'notifier connection lost');
      if (this.client === c) this.client = null;
    });
    try {
      await c.connect();
      await c.query(`set synchronous_commit = off`);
    } catch (err) {
      void c.end().catch(() => undefined);
      throw err;
    }
    this.client = c;
    return c;
  }
}
