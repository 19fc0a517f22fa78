import cluster, { type Worker as ClusterWorker } from 'node:cluster';
import type { Config } from './config.js';
import { startService, type RunningService } from './start-service.js';

/**
 * `npm start` on a machine with several cores: this (primary) process owns PostgreSQL (embedded or not: it applies the
 * migrations), the in-process MH sandbox and the demo tenant, and runs the service in child processes on the one
 * database — `processes - 1` API processes (sharing the port through node:cluster) and one worker process. The API's
 * event loop then serves requests only: jobs and the sandbox's work run elsewhere. A child that dies is restarted;
 * children exit at once if the primary dies (the durable queue makes every form of death safe).
 * Scaling past one machine is the same on more machines: API and `--worker-only` processes against one PostgreSQL.
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
  const live = new Set<ClusterWorker>();
  const readies: Promise<void>[] = [];

  const spawn = (role: string): Promise<void> => {
    cluster.setupPrimary({ args: [role] });
    const child = cluster.fork(env);
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
      const exits = [...live].map((c) => new Promise((r) => (c.isDead() ? r(null) : c.once('exit', r))));
      for (const c of live) c.process.kill('SIGTERM');
      const force = setTimeout(() => {
        for (const c of [...live]) c.process.kill('SIGKILL');
      }, 12_000);
      await Promise.all(exits);
      clearTimeout(force);
      await service.close();
    },
  };
}

/** In a child: tell the primary it is serving, and exit with it (an orphan would keep the port and the queue). */
export function childOfCluster(): void {
  if (!cluster.isWorker) return;
  process.send?.('ready');
  process.on('disconnect', () => process.exit(1));
}
