import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { MikroORM, defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { TENANT_FILTER } from '../core/tenant-filter.js';
import { entities, tenantScoped } from './entities.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export function ormConfig(clientUrl: string, extra: Partial<Options> = {}) {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    migrations: {
      // Compiled .js next to this file in dist/, .ts sources under vitest/swc (MikroORM picks pathTs on a TS runtime).
      path: path.join(here, 'migrations'),
      pathTs: path.join(here, 'migrations'),
      glob: '!(*.d).{js,ts}',
      emit: 'ts',
      snapshot: false,
      silent: true,
      // Each migration in its own transaction (not all of them in one): a migration that builds indexes CONCURRENTLY
      // must run outside any transaction, and could not see tables created by an uncommitted earlier migration.
      transactional: true,
      allOrNothing: false,
    },
    filters: {
      // Every request's entity manager is scoped to its tenant. The filter is on by default and has no default
      // arguments, so a query on tenant-owned data without a tenant in scope fails instead of leaking rows.
      [TENANT_FILTER]: {
        name: TENANT_FILTER,
        entity: tenantScoped,
        default: true,
        cond: (args: Record<string, unknown>, _type: string, _em: unknown, _opts: unknown, entityName?: string) =>
          entityName === 'Tenant' ? { id: args.tenantId } : { tenant: args.tenantId },
      },
    },
    // The search index's SQL functions (fx_unaccent, fx_invoice_search) and triggers (e.g. api_key's change
    // notification) live in migrations only: the schema diff never drops them.
    schemaGenerator: { ignoreRoutines: true, ignoreTriggers: true },
    pool: { min: 0, max: 20 },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ...extra,
  });
}

/**
 * Foreign keys that the entities cannot declare, kept by migrations alone: a document's events, e-mails and PDFs
 * reference their invoice by (tenant_id, invoice_id) → invoice (tenant_id, id), a unique index that is not the
 * primary key (the entities map those rows' `tenant` and `invoice` as plain references, without keys of their own).
 * The schema diff sees these keys as unknown and would drop them: `withoutDatabaseForeignKeys` leaves those
 * statements out of a diff.
 */
export const DATABASE_FOREIGN_KEYS = [
  'invoice_event_invoice_foreign',
  'invoice_email_invoice_foreign',
  'invoice_document_invoice_foreign',
] as const;

/** A schema diff's SQL without the statements that touch DATABASE_FOREIGN_KEYS. */
export function withoutDatabaseForeignKeys(sql: string): string {
  return sql
    .split('\n')
    .filter((line) => !DATABASE_FOREIGN_KEYS.some((name) => line.includes(`"${name}"`)))
    .join('\n');
}

export async function initOrm(clientUrl: string, extra: Partial<Options> = {}): Promise<MikroORM> {
  return MikroORM.init(ormConfig(clientUrl, extra));
}

export type { MikroORM };
