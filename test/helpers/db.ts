import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { withAdmin } from './run-databases.js';

/**
 * A brand-new, empty database on the run's PostgreSQL server: test files never share data. Its name carries the
 * run's tag, so that the run drops the databases it made when it ends (test/global-setup.ts).
 */
export async function createTestDatabase(label = 'fx'): Promise<string> {
  const admin = inject('pgAdminUrl');
  const name = `${label}_${inject('pgRunTag')}_${randomBytes(6).toString('hex')}`.toLowerCase();
  await withAdmin(admin, (c) => c.query(`create database "${name}"`));
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}
