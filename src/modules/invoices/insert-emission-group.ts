import type { EntityMetadata } from '@mikro-orm/core';
import { answeredByPostgres } from '../../db/sql-params.js';
import { insertEmissions } from './emission-group-statement.js';
import type { Emitted, NewEmission, Queryable, SeriesKey } from './insert-emission.js';
import type { Invoice } from './invoice.entity.js';

/**
 * Emissions of one numbering series, grouped: the series' counter row is locked from the statement that takes a
 * number until that statement's commit is on disk, so concurrent emissions of one series wait for each other's
 * commit, one at a time. Here, at most EMISSIONS_IN_FLIGHT statements per series run at once (per pool); the
 * emissions that arrive meanwhile wait, and the next statement writes all of them (up to MAX_GROUP) at once: one
 * counter update taking as many consecutive numbers, one commit. A lone emission runs the same statement, with one row.
 *
 * A group is all or nothing: if its statement fails (a reference already taken, a value a column refuses, a number
 * past the series' end, any refusal by PostgreSQL), nothing of it was written and no
 * number was consumed; each of its emissions then runs again alone, so each gets its own answer (the same error it
 * would have had alone, or its invoice). Only a lost connection (no answer from PostgreSQL, the outcome unknown) is
 * reported to all of the group, as it would have been to a lone emission. When the failure is a referenciaExterna
 * that already has an invoice (a replay, a correction, a duplicate), those emissions are answered alone and the
 * others written together once more. Two emissions with one referenciaExterna never share a group (the second
 * waits for the next).
 *
 * Only for statements on a pool (each statement its own transaction); an emission inside a caller's transaction uses
 * insertEmission.
 */
export function insertEmissionGrouped(
  pool: Queryable,
  meta: EntityMetadata<Invoice>,
  e: NewEmission,
): Promise<Emitted> {
  let series = groups.get(pool);
  if (!series) groups.set(pool, (series = new Map()));
  const key = seriesKey(e.series);
  let q = series.get(key);
  if (!q) series.set(key, (q = { waiting: [], running: 0 }));
  const shape = Object.keys(e.row).join(',');
  const emitted = new Promise<Emitted>((resolve, reject) =>
    q.waiting.push({ e, shape, resolve, reject, queuedAt: emissionTimings.observe ? performance.now() : 0 }),
  );
  if (q.running < EMISSIONS_IN_FLIGHT) void drain(pool, meta, series, key, q);
  return emitted;
}

/**
 * Statements per series in flight at once: one. The emissions arriving while it runs wait here and form the next
 * group, sent when it is answered. With two, the second statement (usually of one emission) waited for the counter
 * row inside PostgreSQL instead, saving a round trip between the commits; but each statement has a fixed cost in
 * PostgreSQL (executor start-up, the index expressions, the statement triggers, the commit) and in this process, and
 * at 8 clients two in flight made 0.54–0.57 statements per emission against 0.32–0.37 with one: PostgreSQL's CPU per
 * emission 1.58–2.07 ms against 1.17–1.43, the server thread's 1.88–2.61 against 1.55–1.79, in four alternated
 * pairs. The round trip it adds between groups did not show in the latency at 8 clients (the cores, not the round
 * trip, are what an emission waits for there): p99 within the runs' spread of the two-statement version.
 */
const EMISSIONS_IN_FLIGHT = 1;
/** The most emissions written by one statement. */
const MAX_GROUP = 64;

/** Counts of the grouped emissions of this process (tests check that groups formed and failed groups were split). */
export const emissionGroups = { statements: 0, grouped: 0, largest: 0, split: 0 };

/** Where one emission's time went in this module: waiting for its series' statement slot, then the statement. */
export interface EmissionTiming {
  referenciaExterna: unknown;
  /** From its arrival to its statement's start (the slot of the series, the group before it). */
  queuedMs: number;
  /** Its statement, sent to answered (execution, the counter row's lock, the commit's flush). */
  statementMs: number;
  groupSize: number;
}
/**
 * When set, told of every emission written by a group or alone from the queue (benchmarks attribute slow emissions
 * with it; off by default). Emissions of a group that failed and was split are not reported.
 */
export const emissionTimings: { observe: ((t: EmissionTiming) => void) | null } = { observe: null };

interface Waiting {
  e: NewEmission;
  /** The row's columns (emissions share a statement only with the same ones). */
  shape: string;
  resolve: (r: Emitted) => void;
  reject: (err: unknown) => void;
  queuedAt: number;
}
interface SeriesQueue {
  waiting: Waiting[];
  running: number;
}
const groups = new WeakMap<Queryable, Map<string, SeriesQueue>>();

const seriesKey = (s: SeriesKey) => `${s.tenantId}|${s.tipoDte}|${s.codEstableMH}|${s.codPuntoVentaMH}|${s.year}`;

async function drain(
  pool: Queryable,
  meta: EntityMetadata<Invoice>,
  series: Map<string, SeriesQueue>,
  key: string,
  q: SeriesQueue,
): Promise<void> {
  q.running++;
  try {
    while (q.waiting.length) await writeGroup(pool, meta, nextGroup(q));
  } finally {
    q.running--;
    if (!q.running && !q.waiting.length && series.get(key) === q) series.delete(key);
  }
}

/** The oldest waiting emissions that can share a statement: same columns, distinct references, at most MAX_GROUP. */
function nextGroup(q: SeriesQueue): Waiting[] {
  const first = q.waiting[0]!;
  const shape = first.shape;
  const refs = new Set<unknown>();
  const group: Waiting[] = [];
  const rest: Waiting[] = [];
  for (const w of q.waiting) {
    const ref = w.e.row.referenciaExterna;
    if (group.length < MAX_GROUP && !refs.has(ref) && w.shape === shape) {
      refs.add(ref);
      group.push(w);
    } else rest.push(w);
  }
  q.waiting = rest;
  return group;
}

/** Writes `group` and settles each of its emissions; never throws. */
async function writeGroup(
  pool: Queryable,
  meta: EntityMetadata<Invoice>,
  group: Waiting[],
  firstTry = true,
): Promise<void> {
  if (!group.length) return;
  emissionGroups.statements++;
  const observe = emissionTimings.observe;
  const started = observe ? performance.now() : 0;
  const timed = () => {
    if (!observe) return;
    const now = performance.now();
    for (const w of group) {
      const queuedMs = started - w.queuedAt;
      observe({
        referenciaExterna: w.e.row.referenciaExterna,
        queuedMs,
        statementMs: now - started,
        groupSize: group.length,
      });
    }
  };
  if (group.length === 1) return writeAlone(pool, meta, group[0]!).finally(timed);
  emissionGroups.grouped += group.length;
  emissionGroups.largest = Math.max(emissionGroups.largest, group.length);
  let written: Emitted[];
  try {
    written = await insertEmissions(
      pool,
      meta,
      group.map((w) => w.e),
    );
  } catch (err) {
    if (!answeredByPostgres(err)) {
      for (const w of group) w.reject(err);
      return;
    }
    // Rolled back whole, no number taken.
    emissionGroups.split++;
    const taken = firstTry && isTakenReference(err) ? await takenReferences(pool, group) : null;
    if (taken?.size) {
      // References that already have an invoice (a replay, a correction, a duplicate): those emissions are answered
      // alone, as their reference dictates; the others are written together again.
      const isTaken = (w: Waiting) => taken.has(w.e.row.referenciaExterna as string);
      await Promise.all([
        writeGroup(
          pool,
          meta,
          group.filter((w) => !isTaken(w)),
          false,
        ),
        ...group.filter(isTaken).map((w) => writeAlone(pool, meta, w)),
      ]);
      return;
    }
    // Each emission alone gets its own answer.
    await Promise.all(group.map((w) => writeAlone(pool, meta, w)));
    return;
  }
  timed();
  group.forEach((w, i) => {
    w.resolve(written[i]!);
  });
}

const isTakenReference = (err: unknown): boolean =>
  (err as { code?: string }).code === '23505' &&
  (err as { constraint?: string }).constraint === 'invoice_tenant_reference_unique';

/** Which of the group's references already have an invoice (none when the lookup fails). */
async function takenReferences(pool: Queryable, group: Waiting[]): Promise<Set<string> | null> {
  try {
    const { rows } = await pool.query({
      text: 'select referencia_externa as r from invoice where tenant_id = $1 and referencia_externa = any($2::text[])',
      values: [group[0]!.e.series.tenantId, group.map((w) => w.e.row.referenciaExterna)],
    });
    return new Set((rows as { r: string }[]).map((x) => x.r));
  } catch {
    return null;
  }
}

/**
 * One emission alone, by the group's statement with one row: its row and document travel as one JSON parameter, where
 * the single statement's ~30 parameters were each prepared and written (the dates formatted) — and an emission is alone
 * whenever no more than EMISSIONS_IN_FLIGHT are waiting, the usual case at a few clients.
 */
async function writeAlone(pool: Queryable, meta: EntityMetadata<Invoice>, w: Waiting): Promise<void> {
  try {
    w.resolve((await insertEmissions(pool, meta, [w.e]))[0]!);
  } catch (err) {
    w.reject(err);
  }
}
