// The machine's ceiling for the pipeline, measured in the same run: a deliberately minimal pipeline that does each
// essential step of a document for real, on the bench's own PostgreSQL, so that the service's end-to-end figure can be
// read beside what this machine reaches at this hour (its speed moves by several times from hour to hour).
//
// Its steps: POST over node:http (the body SIGMA sends) → the API key from an in-memory map → totals in integer cents
// → a document of ≈ 1.8 KB → ONE statement (the series' counter, the invoice with its numeroControl, its event and its
// job) → a worker process claims up to 64 jobs at a time (FOR UPDATE SKIP LOCKED, with the documents) → JWS RS512 →
// an HTTP POST to a fake authority in a third process, which verifies the signature → one statement per batch
// recording the answers with their events and ending the jobs. No validation against MH's rules, no webhooks, no
// e-mail or PDF, no subscriptions, no text-search indexes: what the service does beyond these is what it costs.
//
// The worker and the authority are this file run as a child process (`--minimal-role=worker|authority`).
import { type ChildProcess, fork } from 'node:child_process';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  verify,
} from 'node:crypto';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { LoadRun } from './ceilings.js';
import { LoadThread, type LoadSpec } from './load-thread.js';
import { postgresCpuMs, postmasterOf, processCpuMs } from './process-cpu.js';
import { threadCpuMs, threadCpuSince } from './threads.js';

const SCHEMA = 'fx_minimal';
const ROLE = process.argv.find((a) => a.startsWith('--minimal-role='))?.slice(15);

export interface MinimalRun {
  /** Documents emitted and PROCESSED per second, from the first emission to the last answer recorded. */
  dteS: number;
  emitS: number;
  p50: number;
  p99: number;
  /** CPU ms a document of each of its parts, from the first emission to the last answer (null without /proc). */
  cpu: MinimalCpu | null;
}

/** The minimal pipeline's CPU ms per document, by part. */
export interface MinimalCpu {
  /** Its API: this process's main thread (which also counts the PROCESSED documents every 5 ms). */
  api: number;
  /** This process's V8 helper threads (garbage collection, compilation). */
  v8: number;
  worker: number;
  authority: number;
  postgres: number;
}

const DDL = `
  drop schema if exists ${SCHEMA} cascade;
  create schema ${SCHEMA};
  create table ${SCHEMA}.counter (tenant uuid primary key, last bigint not null);
  create table ${SCHEMA}.invoice (
    id uuid primary key, tenant uuid not null, ref text not null, numero_control text not null, status text not null,
    doc jsonb not null, sello text, created_at timestamptz not null default now(), processed_at timestamptz,
    unique (tenant, ref), unique (tenant, numero_control));
  create table ${SCHEMA}.event (
    id bigserial primary key, invoice_id uuid not null references ${SCHEMA}.invoice (id), type text not null,
    created_at timestamptz not null default now());
  create table ${SCHEMA}.job (
    id bigserial primary key, invoice_id uuid not null, status text not null, locked_until timestamptz);
  create index on ${SCHEMA}.job (id) where status = 'queued';`;

const EMIT = `with c as (
    insert into ${SCHEMA}.counter (tenant, last) values ($1, 1)
    on conflict (tenant) do update set last = ${SCHEMA}.counter.last + 1 returning last),
  n as (select 'DTE-01-M001P001-' || lpad(last::text, 15, '0') as numero from c),
  i as (
    insert into ${SCHEMA}.invoice (id, tenant, ref, numero_control, status, doc)
    select $2, $1, $3, n.numero, 'QUEUED', jsonb_set($4::jsonb, '{identificacion,numeroControl}', to_jsonb(n.numero))
    from n returning id),
  e as (insert into ${SCHEMA}.event (invoice_id, type) select id, 'dte.queued' from i)
  insert into ${SCHEMA}.job (invoice_id, status) select id, 'queued' from i returning invoice_id`;

const CLAIM = `with c as (
    select id from ${SCHEMA}.job where status = 'queued' order by id limit 64 for update skip locked)
  update ${SCHEMA}.job j set status = 'running', locked_until = now() + interval '60 seconds'
  from c, ${SCHEMA}.invoice i where j.id = c.id and i.id = j.invoice_id
  returning j.id, i.id as invoice_id, i.doc::text as doc`;

const RECORD = `with a as (select * from unnest($1::uuid[], $2::text[]) a(id, sello)),
  u as (
    update ${SCHEMA}.invoice i set status = 'PROCESSED', sello = a.sello, processed_at = now()
    from a where i.id = a.id and i.status = 'QUEUED' returning i.id),
  e as (insert into ${SCHEMA}.event (invoice_id, type) select id, 'dte.processed' from u)
  delete from ${SCHEMA}.job where invoice_id in (select id from u)`;

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');
const JWS_HEADER = b64url(JSON.stringify({ alg: 'RS512', typ: 'JWS' }));

/** Integer cents of a decimal amount given as a string or a number ("45.00", 25). */
const cents = (v: unknown): number => Math.round(Number(v ?? 0) * 100);
const money = (c: number) => Number((c / 100).toFixed(2));

/** The document of one emission (the shape of a factura, amounts in cents added up exactly). */
function buildDocument(body: Record<string, any>, now: Date): Record<string, unknown> {
  const items = (body.items as Record<string, any>[]).map((it, n) => {
    const qty = Number(it.cantidad ?? 1);
    const gross = Math.round(qty * cents(it.precio));
    const discount = cents(it.descuento);
    const exento = it.tratamientoFiscal === 'exento';
    const net = gross - discount;
    return {
      numItem: n + 1,
      tipoItem: it.tipo === 'bien' ? 1 : 2,
      cantidad: qty,
      codigo: null,
      uniMedida: 99,
      descripcion: String(it.descripcion),
      precioUni: money(cents(it.precio)),
      montoDescu: money(discount),
      ventaNoSuj: 0,
      ventaExenta: exento ? money(net) : 0,
      ventaGravada: exento ? 0 : money(net),
      tributos: null,
      psv: 0,
      noGravado: 0,
      ivaItem: exento ? 0 : money(Math.round((net * 13) / 113)),
      net,
      exento,
    };
  });
  const gravada = items.filter((i) => !i.exento).reduce((s, i) => s + i.net, 0);
  const exenta = items.filter((i) => i.exento).reduce((s, i) => s + i.net, 0);
  const iva = items.reduce((s, i) => s + Math.round(i.exento ? 0 : (i.net * 13) / 113), 0);
  return {
    identificacion: {
      version: 1,
      ambiente: '00',
      tipoDte: '01',
      numeroControl: null,
      codigoGeneracion: randomUUID().toUpperCase(),
      tipoModelo: 1,
      tipoOperacion: 1,
      fecEmi: now.toISOString().slice(0, 10),
      horEmi: now.toISOString().slice(11, 19),
      tipoMoneda: 'USD',
    },
    emisor: {
      nit: '06140507071048',
      nrc: '1234567',
      nombre: 'Clínica de demostración, S.A. de C.V.',
      codActividad: '86100',
      descActividad: 'Actividades de hospitales',
      direccion: { departamento: '06', municipio: '14', complemento: 'Colonia Escalón, San Salvador' },
      telefono: '22223333',
      correo: 'facturacion@example.com',
      codEstableMH: 'M001',
      codPuntoVentaMH: 'P001',
    },
    receptor: body.receptor,
    cuerpoDocumento: items.map(({ net: _n, exento: _e, ...i }) => i),
    resumen: {
      totalNoSuj: 0,
      totalExenta: money(exenta),
      totalGravada: money(gravada),
      subTotalVentas: money(gravada + exenta),
      totalIva: money(iva),
      montoTotalOperacion: money(gravada + exenta),
      totalPagar: money(gravada + exenta),
      condicionOperacion: 1,
      pagos: body.pagos ?? null,
    },
    extension: null,
    apendice: body.observaciones ? [{ campo: 'obs', etiqueta: 'Observaciones', valor: body.observaciones }] : null,
  };
}

/** The API: node:http in this process, the key from a map, one statement per emission on a pool of 8. */
function startApi(db: pg.Pool, keys: Map<string, string>): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const key = req.headers['x-api-key'];
      const tenant = typeof key === 'string' ? keys.get(createHash('sha256').update(key).digest('hex')) : undefined;
      if (!tenant) return answer(401, { error: 'UNAUTHENTICATED' });
      let body: Record<string, any>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return answer(400, { error: 'BAD_JSON' });
      }
      const id = randomUUID();
      const doc = buildDocument(body, new Date());
      db.query({
        name: 'fx_minimal_emit',
        text: EMIT,
        values: [tenant, id, body.referenciaExterna, JSON.stringify(doc)],
      })
        .then(() => answer(201, { id, status: 'QUEUED' }))
        .catch((err: { code?: string }) => answer(err.code === '23505' ? 409 : 500, { error: err.code ?? 'ERROR' }));
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function child(role: string, env: Record<string, string>): Promise<{ proc: ChildProcess; port: number }> {
  const proc = fork(fileURLToPath(import.meta.url), [`--minimal-role=${role}`], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    proc.once('message', (m: { port?: number }) => resolve({ proc, port: m.port ?? 0 }));
    proc.once('exit', (code) => reject(new Error(`the minimal pipeline's ${role} exited (${code})`)));
  });
}

/**
 * Runs the minimal pipeline on `databaseUrl` (its own schema, dropped afterwards): `warmup` documents through first,
 * then `docs` documents at `clients` in flight, timed from the first emission until every one is PROCESSED.
 */
export function minimalPipeline(
  databaseUrl: string,
  opts: { docs: number; warmup: number; clients: number },
): Promise<MinimalRun> {
  return withMinimalApi(databaseUrl, async (db, spec) => {
    const procs: ChildProcess[] = [];
    let loader: LoadThread | null = null;
    try {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const authority = await child('authority', {
        FX_MINIMAL_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      });
      procs.push(authority.proc);
      const worker = await child('worker', {
        FX_MINIMAL_DB: databaseUrl,
        FX_MINIMAL_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        FX_MINIMAL_AUTHORITY: `http://127.0.0.1:${authority.port}/recepciondte`,
      });
      procs.push(worker.proc);
      loader = LoadThread.start();
      const processed = async (n: number) => {
        for (;;) {
          const { rows } = await db.query(
            `select count(*)::int as n from ${SCHEMA}.invoice where status = 'PROCESSED'`,
          );
          if (rows[0].n >= n) return;
          await new Promise((r) => setTimeout(r, 5));
        }
      };
      if (opts.warmup) {
        await loader.run({ ...spec, offset: 1_000_000 }, opts.warmup, opts.clients);
        await processed(opts.warmup);
      }
      const cpu0 = await cpuReading(db, worker.proc.pid, authority.proc.pid);
      const started = performance.now();
      const r = await loader.run(spec, opts.docs, opts.clients);
      if (r.failures) throw new Error(`the minimal pipeline refused ${r.failures} emissions`);
      await processed(opts.warmup + opts.docs);
      const seconds = (performance.now() - started) / 1000;
      const cpu = cpu0?.since(opts.docs) ?? null;
      await refuseUnlessWhole(db, opts.warmup + opts.docs, { sealed: true });
      return { dteS: opts.docs / seconds, emitS: r.ops / r.seconds, p50: r.p50, p99: r.p99, cpu };
    } finally {
      await loader?.stop();
      for (const p of procs) p.kill('SIGTERM');
    }
  });
}

/**
 * The CPU used so far by the minimal pipeline's parts (its API in this process's main thread, the worker and the
 * authority processes, the PostgreSQL server when it runs on this machine), and `since(docs)`: what each used since,
 * per document. Null where /proc cannot tell.
 */
async function cpuReading(
  db: pg.Pool,
  workerPid: number | undefined,
  authorityPid: number | undefined,
): Promise<{ since(docs: number): MinimalCpu | null } | null> {
  const postmaster = await postmasterOf(db);
  const read = () => {
    const threads = threadCpuMs();
    const worker = processCpuMs(workerPid);
    const authority = processCpuMs(authorityPid);
    if (postmaster === null || !threads || worker === null || authority === null) return null;
    return { threads, worker, authority, postgres: postgresCpuMs(postmaster) };
  };
  const before = read();
  if (!before) return null;
  return {
    since(docs) {
      const threads = threadCpuSince(before.threads);
      const now = read();
      if (!now || !threads) return null;
      return {
        api: (threads.get('main') ?? 0) / docs,
        v8: (threads.get('v8') ?? 0) / docs,
        worker: (now.worker - before.worker) / docs,
        authority: (now.authority - before.authority) / docs,
        postgres: (now.postgres - before.postgres) / docs,
      };
    },
  };
}

/**
 * The minimal pipeline's emission alone (its API and the one statement, no worker): the ceiling of an emission's rate
 * at `clients` in flight on this machine at this hour. `measure` runs the requests (the caller's load thread, with
 * whatever it measures besides); `warmup` emissions first, then `emits` timed. Refused unless every emission was
 * written once with consecutive numbers.
 */
export function minimalEmission<R extends LoadRun>(
  databaseUrl: string,
  opts: {
    emits: number;
    warmup: number;
    clients: number;
    measure: (total: number, clients: number, spec: LoadSpec) => Promise<R>;
  },
): Promise<R> {
  return withMinimalApi(databaseUrl, async (db, spec) => {
    if (opts.warmup) await opts.measure(opts.warmup, opts.clients, { ...spec, offset: 1_000_000 });
    const r = await opts.measure(opts.emits, opts.clients, spec);
    if (r.failures) throw new Error(`the minimal pipeline refused ${r.failures} emissions`);
    await refuseUnlessWhole(db, opts.warmup + opts.emits, { sealed: false });
    return r;
  });
}

/** The minimal API on its own schema of `databaseUrl` (dropped afterwards), with its emission, for `use`. */
async function withMinimalApi<T>(databaseUrl: string, use: (db: pg.Pool, spec: LoadSpec) => Promise<T>): Promise<T> {
  const db = new pg.Pool({ connectionString: databaseUrl, max: 8 });
  let api: http.Server | null = null;
  try {
    await db.query(DDL);
    const apiKey = `fxm_${randomUUID()}`;
    api = await startApi(db, new Map([[createHash('sha256').update(apiKey).digest('hex'), randomUUID()]]));
    return await use(db, await emissionSpec(api, apiKey));
  } finally {
    await new Promise<void>((resolve) => (api ? api.close(() => resolve()) : resolve()));
    await db.query(`drop schema if exists ${SCHEMA} cascade`).catch(() => undefined);
    await db.end();
  }
}

/**
 * A ceiling of a correct run only: its `n` documents written once with consecutive numbers from 1 and, when
 * `sealed`, each sealed and answered once.
 */
async function refuseUnlessWhole(db: pg.Pool, n: number, opts: { sealed: boolean }): Promise<void> {
  const { rows } = await db.query(
    `select count(*)::int as n, count(distinct numero_control)::int as distinct_numbers,
            count(*) filter (where sello is not null)::int as sealed,
            (select max(last)::int from ${SCHEMA}.counter) as last,
            (select count(*)::int from ${SCHEMA}.event where type = 'dte.processed') as answers
     from ${SCHEMA}.invoice`,
  );
  const c = rows[0];
  const written = c.n === n && c.distinct_numbers === n && c.last === n;
  if (!written || (opts.sealed && (c.sealed !== n || c.answers !== n))) {
    throw new Error(`the minimal pipeline's run is not whole: ${JSON.stringify(c)} for ${n} documents`);
  }
}

/** POST /api/facturas of the documented example to the minimal API, each under its own reference. */
async function emissionSpec(api: http.Server, apiKey: string): Promise<LoadSpec> {
  const { port } = api.address() as { port: number };
  const run = Math.random().toString(36).slice(2, 8);
  const { referenciaExterna: _ref, ...example } = (await import('./support.js')).exampleFactura;
  return {
    url: `http://127.0.0.1:${port}/api/facturas`,
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ ...example, referenciaExterna: `MIN-${run}-__I__` }),
    check: ((s: number) => s === 201).toString(),
  };
}

/** The fake authority: verifies each JWS's signature and answers PROCESADO with a sello. */
function runAuthority(): void {
  const key = createPublicKey(process.env.FX_MINIMAL_PUBLIC_KEY!);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { documento } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { documento: string };
      const [h, p, s] = documento.split('.');
      const ok = verify('sha512', Buffer.from(`${h}.${p}`), key, Buffer.from(s!, 'base64url'));
      const sello = ok ? `2026${createHash('sha1').update(p!).digest('hex').toUpperCase()}` : null;
      res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { estado: 'PROCESADO', selloRecibido: sello } : { estado: 'RECHAZADO' }));
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as { port: number }).port }));
}

/** The worker: two loops, each claiming up to 64 jobs, signing and sending them at once, recording the batch. */
function runWorker(): void {
  const db = new pg.Pool({ connectionString: process.env.FX_MINIMAL_DB, max: 4 });
  const key = createPrivateKey(process.env.FX_MINIMAL_PRIVATE_KEY!);
  const target = new URL(process.env.FX_MINIMAL_AUTHORITY!);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const send = (jws: string) =>
    new Promise<string>((resolve, reject) => {
      const body = JSON.stringify({ ambiente: '00', idEnvio: 1, version: 1, tipoDte: '01', documento: jws });
      const req = http.request(
        target,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const a = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { selloRecibido?: string };
            return a.selloRecibido ? resolve(a.selloRecibido) : reject(new Error('rejected'));
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const signJws = (doc: string) =>
    new Promise<string>((resolve, reject) => {
      const input = `${JWS_HEADER}.${b64url(doc)}`;
      sign('sha512', Buffer.from(input), key, (err, sig) =>
        err ? reject(err) : resolve(`${input}.${sig.toString('base64url')}`),
      );
    });
  const loop = async () => {
    for (;;) {
      const { rows } = await db.query<{ invoice_id: string; doc: string }>({ name: 'fx_minimal_claim', text: CLAIM });
      if (!rows.length) {
        await new Promise((r) => setTimeout(r, 2));
        continue;
      }
      const sellos = await Promise.all(rows.map(async (r) => send(await signJws(r.doc))));
      await db.query({
        name: 'fx_minimal_record',
        text: RECORD,
        values: [rows.map((r) => r.invoice_id), sellos],
      });
    }
  };
  for (let i = 0; i < 2; i++)
    void loop().catch((err) => {
      console.error('minimal worker:', err);
      process.exit(1);
    });
  process.send!({ port: 0 });
}

if (ROLE === 'authority') runAuthority();
else if (ROLE === 'worker') runWorker();

/** The figures of one run, as the benches print them. */
export const minimalLine = (m: MinimalRun, clients: number): string =>
  `${Math.round(m.dteS)} DTE/s end to end (${clients} in flight; emission ${Math.round(m.emitS)}/s ` +
  `p50 ${m.p50.toFixed(1)} ms p99 ${m.p99.toFixed(1)} ms)${m.cpu ? `; ${minimalCpuFigure(m.cpu)}` : ''}`;

/** `in all 1.62 CPU ms/DTE (API thread 0.41, V8 helper threads 0.05, worker 0.45, authority 0.15, PostgreSQL 0.56)`. */
function minimalCpuFigure(c: MinimalCpu): string {
  const all = c.api + c.v8 + c.worker + c.authority + c.postgres;
  const f = (v: number) => v.toFixed(2);
  return (
    `in all ${f(all)} CPU ms/DTE (API thread ${f(c.api)}, V8 helper threads ${f(c.v8)}, worker process ` +
    `${f(c.worker)}, authority process ${f(c.authority)}, PostgreSQL ${f(c.postgres)})`
  );
}

/** `npm run bench -- minimal [--docs=N] [--warmup=N]`: the minimal pipeline alone, on a throw-away PostgreSQL. */
export async function benchMinimal(): Promise<void> {
  const opt = (name: string, fallback: number) => {
    const a = process.argv.find((x) => x.startsWith(`--${name}=`));
    return a ? Number(a.slice(name.length + 3)) : fallback;
  };
  const docs = opt('docs', 5000);
  const warmup = opt('warmup', 300);
  console.log(`\n== minimal: the essential steps alone (the machine's ceiling for the pipeline), ${docs} documents ==`);
  const { benchEnv } = await import('./support.js');
  const env = await benchEnv();
  try {
    for (let i = 0; i < opt('runs', 1); i++) {
      const m = await minimalPipeline(env.app.db.url, { docs, warmup, clients: 64 });
      console.log(`  ${minimalLine(m, 64)}`);
    }
  } finally {
    await env.close();
  }
}
