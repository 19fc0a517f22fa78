import { fork, type ChildProcess } from 'node:child_process';
import cluster from 'node:cluster';
import { SERVICE_CHILD_ENV, serviceChildEnv, startedByPrimary, type Config } from './config.js';
import { startService, type RunningService } from './start-service.js';

/**
 * `npm start` on a machine with several cores: this (primary) process owns PostgreSQL (embedded or not: it applies the
 * migrations), the in-process MH sandbox and the demo tenant, and runs the service in child processes on the one
 * database — `processes - 1` API processes (sharing the port through node:cluster) and one worker process. The API's
 * event loop then serves requests only: jobs and the sandbox's work run elsewhere. A child that dies is restarted;
 * children exit at once if the primary dies (the durable queue makes every form of death safe).
 * Scaling past one machine is the same on more machines: API and `--worker-only` processes against one PostgreSQL.
 *
 * The worker process runs in a session of its own. Linux schedules each session as a group (autogroup, on by default)
 * and gives every group an equal share of a busy CPU; PostgreSQL puts each backend in a session of its own. In the
 * primary's session the worker's threads (transmission, PDF) would share one group's share with the API's and the
 * MH sandbox's, against a whole share for each busy backend; on its own it competes as one more group, and its group
 * is its own to weigh: while it keeps pace it gives way to the API's requests, and it takes its whole share back as
 * soon as it falls behind (src/queue/background-priority.ts, FX_WORKER_NICE).
 */
export interface RunningCluster {
  service: RunningService;
  /** Resolves when every child reported ready. */
  ready: Promise<void>;
  close(): Promise<void>;
}

const RESTART_MS = 1000;

export async function startCluster(config: Config): Promise<RunningCluster> {
  const service = await startService(config, { api: false, worker: false });
  const sandbox = service.app.mh.sandbox;
  const env: Record<string, string> = {
    DATABASE_URL: service.app.db.url,
    FX_PROCESSES: '1',
    ...(sandbox ? { FX_MH_BASE_URL: sandbox.url, FX_MH_SANDBOX: '1' } : {}),
  };
  const roles = [...Array.from({ length: Math.max(1, config.processes - 1) }, () => '--api-only'), '--worker-only'];
  const log = service.app.log;
  let stopping = false;
  const live = new Set<ChildProcess>();
  const readies: Promise<void>[] = [];

  const spawn = (role: string): Promise<void> => {
    const child = startChild(role, env);
    live.add(child);
    child.on('exit', (code, signal) => {
      live.delete(child);
      if (stopping) return;
      log.error({ role, code, signal }, 'a service process exited; restarting it');
      setTimeout(() => void spawn(role), RESTART_MS).unref();
    });
    return new Promise<void>((resolve, reject) => {
      child.on('message', (m: unknown) => m === 'ready' && resolve());
      child.once('exit', (code) => reject(new Error(`the ${role} process exited (${code}) before it was ready`)));
    });
  };
  for (const role of roles) readies.push(spawn(role));

  return {
    service,
    ready: Promise.all(readies).then(() => undefined),
    async close() {
      stopping = true;
      const dead = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;
      const exits = [...live].map((c) => new Promise((r) => (dead(c) ? r(null) : c.once('exit', r))));
      for (const c of live) c.kill('SIGTERM');
      const force = setTimeout(() => {
        for (const c of [...live]) c.kill('SIGKILL');
      }, 12_000);
      await Promise.all(exits);
      clearTimeout(force);
      await service.close();
    },
  };
}

/**
 * An API process shares the port through node:cluster; the worker process needs no port and is forked in a session of
 * its own (see above), still on an IPC channel: it reports ready and exits with the primary.
 */
function startChild(role: string, env: Record<string, string>): ChildProcess {
  if (role !== '--worker-only') {
    cluster.setupPrimary({ args: [role] });
    return cluster.fork({ ...env, [SERVICE_CHILD_ENV]: '1' }).process;
  }
  return fork(process.argv[1]!, [role], {
    env: serviceChildEnv(env),
    execArgv: process.execArgv,
    detached: true,
    stdio: 'inherit',
  });
}

/** Whether this process was started by a primary (which prints the URL and the key once every child serves). */
export function isServiceChild(): boolean {
  return cluster.isWorker || (startedByPrimary() && typeof process.send === 'function');
}

/** In a child: tell the primary it is serving, and exit with it (an orphan would keep the port and the queue). */
export function childOfCluster(): void {
  if (!isServiceChild()) return;
  process.send?.('ready');
  process.on('disconnect', () => process.exit(1));
}
