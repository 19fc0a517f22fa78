/** The name of the ORM filter that scopes every tenant-owned query to one tenant (defined in src/db/orm.ts). */
export const TENANT_FILTER = 'tenant';
