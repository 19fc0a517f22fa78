import { ApiKeySchema } from '../modules/auth/api-key.entity.js';
import { EstablishmentSchema, TenantSchema } from '../modules/tenants/tenant.entity.js';

/** Every entity of the service. Tenant-owned ones carry a `tenant` relation and are scoped by the `tenant` filter. */
export const entities = [TenantSchema, EstablishmentSchema, ApiKeySchema];

/** Entities scoped by the tenant filter (all tenant-owned rows, and the tenant row itself). */
export const tenantScoped = ['Tenant', 'Establishment', 'ApiKey'];
