import type { Context } from '../../context.js';
import { ValidationError } from '../../core/errors.js';
import { UNSCOPED, requireAdmin } from '../../core/guards.js';
import { Tenant } from './tenant.entity.js';
import { normalizeNrc, parseLogo, tenantIssues, type TenantFields } from './tenant.validation.js';
import { raise } from '../../core/result.js';
import { tenantNotFound } from './tenant.errors.js';

/** The NIT identifies the emisor in every signed document and MH credential: it is not editable. */
const CLEARABLE = new Set(['nombreComercial', 'mhApiUser']);

export type UpdateTenantInput = Omit<TenantFields, 'nit'> & { logoBase64?: string | null };

export async function updateTenant(ctx: Context, id: string, patch: UpdateTenantInput): Promise<Tenant> {
  requireAdmin(ctx);
  const { logoBase64, ...fields } = patch;
  const logo = logoBase64 == null ? undefined : parseLogo(logoBase64);
  const issues = [...tenantIssues(fields, false), ...(logo && 'issue' in logo ? [logo.issue] : [])];
  if (issues.length) throw new ValidationError(issues);
  const em = ctx.em.fork();
  const tenant = await em.findOne(Tenant, { id }, UNSCOPED);
  if (!tenant) raise(tenantNotFound(id, 'id'));
  const { nrc, ...rest } = fields;
  if (logo && 'logo' in logo) tenant.logo = logo.logo;
  // null clears only the optional fields; for required ones it means "unchanged" (GraphQL sends null for omitted
  // nullable args).
  for (const [k, v] of Object.entries(rest))
    if (v !== undefined && (v !== null || CLEARABLE.has(k))) (tenant as unknown as Record<string, unknown>)[k] = v;
  if (nrc != null) tenant.nrc = normalizeNrc(nrc);
  await em.flush();
  return tenant;
}

export async function listTenants(ctx: Context): Promise<Tenant[]> {
  requireAdmin(ctx);
  return ctx.em.find(Tenant, {}, { ...UNSCOPED, orderBy: { createdAt: 'asc' } });
}
