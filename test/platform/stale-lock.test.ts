import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachRunningEmbedded, freePort, startEmbeddedPostgres } from '../../src/db/embedded.js';
import { EmbeddedPostgresStuckError, lockFilePath } from '../../src/db/stale-lock.js';

// What a power cut leaves in the embedded PostgreSQL's data directory, state by state: a start must end serving,
// or fail with an error that says what to do.
const dir = mkdtempSync(path.join(os.tmpdir(), 'fx-stale-lock-'));
chmodSync(dir, 0o755);
const dataDir = path.join(dir, 'pg');
const others: ChildProcess[] = [];

beforeAll(async () => {
  const first = await startEmbeddedPostgres({ dataDir, persistent: true });
  await first.stop();
}, 120_000);
afterAll(() => {
  for (const c of others) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  rmSync(`${dataDir}.owner`, { force: true });
});

/** A postmaster.pid as PostgreSQL writes it (pid, data dir, start time, port, socket dir, host, shmem key, status). */
async function leaveLockFile(pid: number): Promise<void> {
  writeFileSync(
    lockFilePath(dataDir),
    `${pid}\n${dataDir}\n${Math.floor(Date.now() / 1000)}\n${await freePort()}\n/tmp\n127.0.0.1\n  ` +
      `1234567      0\nready   \n`,
  );
}

function sleeper(seconds: number, cwd: string): ChildProcess {
  const c = spawn('sleep', [String(seconds)], { cwd, stdio: 'ignore' });
  others.push(c);
  return c;
}

/** The start path of the service: attach to what runs, or start a server. */
async function startAndQuery(waitMs = 10_000): Promise<number> {
  const db =
    (await attachRunningEmbedded(dataDir, waitMs)) ?? (await startEmbeddedPostgres({ dataDir, persistent: true }));
  const c = new pg.Client({ connectionString: db.adminUrl });
  try {
    await c.connect();
    return (await c.query<{ one: number }>('select 1 as one')).rows[0]!.one;
  } finally {
    await c.end();
    await db.stop();
  }
}

describe('starting on a data directory left by a power cut', () => {
  it('a postmaster.pid naming a dead pid: removed, and the server starts', async () => {
    const gone = sleeper(0, dir);
    await new Promise((r) => gone.once('exit', r));
    await leaveLockFile(gone.pid!);
    expect(await startAndQuery()).toBe(1);
  }, 60_000);

  it('a postmaster.pid whose pid was reused by an unrelated process: not attached to, the server starts', async () => {
    const unrelated = sleeper(60, os.tmpdir());
    await leaveLockFile(unrelated.pid!);
    expect(await startAndQuery()).toBe(1);
    expect(unrelated.exitCode).toBeNull(); // the unrelated process was left alone
  }, 60_000);

  it('a dying server still holding the directory: waited for, then the server starts', async () => {
    const dying = sleeper(2, dataDir); // stands for a postmaster (or backend) that has not finished exiting
    await leaveLockFile(dying.pid!);
    expect(await startAndQuery()).toBe(1);
    expect(dying.exitCode).toBe(0); // it ended by itself before the start went on
  }, 60_000);

  it('a process that holds the directory and never lets go: a clear error naming it and what to do', async () => {
    const stuck = sleeper(60, dataDir);
    await leaveLockFile(stuck.pid!);
    const err = await attachRunningEmbedded(dataDir, 1_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddedPostgresStuckError);
    expect(String((err as Error).message)).toMatch(
      new RegExp(`held by process\\(es\\) ${stuck.pid}.*kill ${stuck.pid}`),
    );
    expect(existsSync(lockFilePath(dataDir))).toBe(true); // nothing was removed under a live holder
    stuck.kill('SIGKILL');
    await new Promise((r) => stuck.once('exit', r));
    expect(await startAndQuery()).toBe(1);
  }, 60_000);
});
