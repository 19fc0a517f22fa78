// End to end: POST /api/facturas (HTTP, API key, validation, numbering, one statement) → worker signs → MH sandbox over
// HTTP → PROCESSED, with the ceilings of this machine measured in the same run. Figures are noisy on a shared machine:
// the CPU milliseconds per document (this process) are the steadier figure.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { restRoutes } from '../src/http/rest.js';
import { buildGraphQLSchema } from '../src/schema.js';
import { startServer } from '../src/server.js';
import { startWorker } from '../src/start-worker.js';
import { healthzRate, load, opensslRsaSignPerSec } from './ceilings.js';
import { benchEnv } from './support.js';

const example = JSON.parse(
  readFileSync(new URL('../../examples/dte/01-factura.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
// FX_BENCH_NO_EMAIL=1: the receptor has no e-mail address, so no e-mail (nor its PDF) follows PROCESSED — the
// transmission alone (to tell its cost from the versión legible's).
if (process.env.FX_BENCH_NO_EMAIL) delete (example.receptor as Record<string, unknown>).correo;
const mainJs = fileURLToPath(new URL('../src/main.js', import.meta.url));

interface Scenario {
  name: string;
  latencyMs: number;
  docs: number;
  inFlight: number;
  /** The worker in its own process (as `npm start` runs it) instead of this one. */
  workerProcess: boolean;
  workerConcurrency: number;
  /** Emit everything first, then start the worker process and time how fast it drains (the worker's own rate). */
  drainOnly?: boolean;
}

/** CPU ms (user + system) a child process has used so far, from /proc (null where there is no /proc). */
function childCpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    // fields after the command's closing parenthesis: state is field 3, utime 14, stime 15 (clock ticks of 10 ms)
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** CPU ms of a PostgreSQL server so far: the postmaster, its live children and the children it has reaped. */
function postgresCpuMs(postmaster: number): number {
  const stat = (pid: string) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  let ticks = 0;
  const own = stat(String(postmaster));
  ticks += Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const f = stat(pid);
      if (Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10;
}

let ceilingsPrinted = false;

async function run(s: Scenario): Promise<void> {
  const concurrency = String(s.workerConcurrency);
  const workers = { FX_WORKER_CONCURRENCY: concurrency, FX_WORKER_TENANT_CONCURRENCY: concurrency };
  const env = await benchEnv(workers, { events: true });
  const schema = await buildGraphQLSchema();
  const server = await startServer(env.app, { schema, port: 0, routes: restRoutes(env.app) });
  const children: ChildProcess[] = [];
  // FX_BENCH_WORKER_PROCESSES=n: n worker processes on the one database instead of one (their CPU is summed).
  const workerProcesses = Math.max(1, Number(process.env.FX_BENCH_WORKER_PROCESSES ?? 1));
  const childrenCpuMs = () => {
    let sum = 0;
    for (const c of children) {
      const ms = childCpuMs(c.pid);
      if (ms === null) return null;
      sum += ms;
    }
    return children.length ? sum : null;
  };
  try {
    if (!ceilingsPrinted) {
      ceilingsPrinted = true;
      const rsa = await opensslRsaSignPerSec();
      console.log(
        `ceilings (same run): openssl rsa2048 ${rsa ? `${Math.round(rsa)} sign/s per core` : 'n/a'}; ` +
          `GET /healthz ${Math.round(await healthzRate(server.url))} req/s (8 clients)`,
      );
    }
    if (s.latencyMs) env.app.mh.sandbox!.setFault({ latencyMs: s.latencyMs }, env.nit);
    const worker = s.workerProcess ? null : await startWorker(env.app);
    const spawnWorker = () => {
      // FX_BENCH_WORKER_PROF=<dir>: a CPU profile of the worker process (node --cpu-prof), written when it stops.
      const prof = process.env.FX_BENCH_WORKER_PROF;
      const args = [...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []), mainJs, '--worker-only'];
      for (let n = 0; n < workerProcesses; n++)
        children.push(
          spawn(process.execPath, args, {
            env: {
              ...process.env,
              DATABASE_URL: env.app.db.url,
              FX_MH_BASE_URL: env.app.mh.sandbox!.url,
              FX_MH_SANDBOX: '1',
              FX_MASTER_KEY: env.app.config.masterKey!,
              LOG_LEVEL: 'error',
              FX_WORKER_CONCURRENCY: String(s.workerConcurrency),
              FX_WORKER_TENANT_CONCURRENCY: String(s.workerConcurrency),
              FX_PROCESSES: '1',
            },
            stdio: 'ignore',
          }),
        );
    };
    // The worker process is ready once it listens for jobs: its CPU is counted from there (not its start-up).
    const workerReady = async () => {
      for (;;) {
        const { rows } = await env.app.db.pool.query(
          `select count(*)::int as n from pg_stat_activity where query = 'listen fx_jobs'`,
        );
        if (rows[0].n >= workerProcesses) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      await new Promise((r) => setTimeout(r, 200));
      return childrenCpuMs() ?? 0;
    };
    let workerCpu0 = 0;
    if (s.workerProcess && !s.drainOnly) {
      spawnWorker();
      workerCpu0 = await workerReady();
    }
    const backend = (await env.app.db.pool.query(`select pg_backend_pid() as pid`)).rows[0].pid as number;
    const postmaster = Number(readFileSync(`/proc/${backend}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
    let pgCpu0 = postgresCpuMs(postmaster);
    const headers = { 'content-type': 'application/json', 'x-api-key': env.apiKey };
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    const emission = await load(s.docs, s.inFlight, async (i) => {
      const res = await fetch(`${server.url}/api/facturas`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ ...example, referenciaExterna: `BENCH-${s.name}-${i}` }),
      });
      await res.arrayBuffer();
      return res.status === 201;
    });
    let drainStart = started;
    let drainCpu0 = cpu0;
    if (s.drainOnly) {
      spawnWorker();
      workerCpu0 = await workerReady();
      pgCpu0 = postgresCpuMs(postmaster);
      drainStart = performance.now();
      drainCpu0 = process.cpuUsage();
    }
    for (;;) {
      const { rows } = await env.app.db.pool.query(
        `select count(*)::int as n from invoice where status not in ('PROCESSED', 'REJECTED')`,
      );
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const seconds = (performance.now() - started) / 1000;
    // The CPU figure covers every document's whole work: also its e-mail (with its PDF) and webhook jobs, which run
    // after PROCESSED. (Jobs scheduled for later, the periodic maintenance, are not waited for.)
    for (;;) {
      const { rows } = await env.app.db.pool.query(
        `select count(*)::int as n from job where status in ('queued', 'running') and run_at <= now()`,
      );
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const drained = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpu0);
    // While the worker drains, this process only runs the MH sandbox's thread (and the event bus, and this loop).
    const drainCpu = process.cpuUsage(drainCpu0);
    const sandboxFigure = s.drainOnly
      ? `; this process while draining (MH sandbox) ${((drainCpu.user + drainCpu.system) / 1000 / s.docs).toFixed(2)}`
      : '';
    const workerCpuEnd = childrenCpuMs();
    const pgCpu = postgresCpuMs(postmaster) - pgCpu0;
    const workerCpu = workerCpuEnd === null ? null : workerCpuEnd - workerCpu0;
    await worker?.stop();
    const e2e = s.docs / (s.drainOnly ? seconds - (drainStart - started) / 1000 : seconds);
    const workerFigure =
      workerCpu === null
        ? ''
        : `; worker process${workerProcesses > 1 ? `es (${workerProcesses})` : ''} ` +
          `${(workerCpu / s.docs).toFixed(2)} CPU ms/DTE`;
    const expected = s.latencyMs
      ? ` (in flight ÷ latency = ${Math.round(s.workerConcurrency / (s.latencyMs / 1000))}/s)`
      : '';
    console.log(
      `${s.name.padEnd(44)} ${String(Math.round(e2e)).padStart(5)} DTE/s ${s.drainOnly ? 'drained' : 'end to end'}` +
        `${expected}; emission ${Math.round(emission.ops / emission.seconds)}/s ` +
        `p50 ${emission.p50.toFixed(1)} ms p99 ${emission.p99.toFixed(1)} ms, failures ${emission.failures}; ` +
        `all jobs done in ${drained.toFixed(1)} s; ` +
        `this process ${((cpu.user + cpu.system) / 1000 / s.docs).toFixed(2)} CPU ms/DTE` +
        `${sandboxFigure}${workerFigure}; ` +
        `PostgreSQL ${(pgCpu / s.docs).toFixed(2)} CPU ms/DTE`,
    );
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await server.close();
    await env.close();
  }
}

export async function benchPipeline(): Promise<void> {
  console.log('\n== pipeline: POST /api/facturas → PROCESSED (real PostgreSQL, MH sandbox over HTTP) ==');
  const scenarios: Scenario[] = [
    {
      name: '1 process, 64 in flight, sandbox 0 ms',
      latencyMs: 0,
      docs: 600,
      inFlight: 64,
      workerProcess: false,
      workerConcurrency: 64,
    },
    {
      name: 'API + worker processes, 64 in flight, 0 ms',
      latencyMs: 0,
      docs: 600,
      inFlight: 64,
      workerProcess: true,
      workerConcurrency: 64,
    },
    {
      name: 'API + worker processes, 8 clients, 0 ms',
      latencyMs: 0,
      docs: 300,
      inFlight: 8,
      workerProcess: true,
      workerConcurrency: 64,
    },
    {
      name: 'API + worker processes, 64 in flight, 200 ms',
      latencyMs: 200,
      docs: 400,
      inFlight: 64,
      workerProcess: true,
      workerConcurrency: 64,
    },
    {
      name: 'worker process alone, draining queued, 0 ms',
      latencyMs: 0,
      docs: 600,
      inFlight: 64,
      workerProcess: true,
      workerConcurrency: 64,
      drainOnly: true,
    },
  ];
  // `npm run bench -- pipeline --scenario=1` runs only the first scenario (profiling one configuration).
  const pick = process.argv.find((a) => a.startsWith('--scenario='))?.slice('--scenario='.length);
  const chosen = pick
    ? pick
        .split(',')
        .map((n) => scenarios[Number(n) - 1])
        .filter((s): s is Scenario => !!s)
    : scenarios;
  for (const s of chosen) await run(s);
}
