/**
 * The business-day calendar of a tenant: the national holidays (Holy Week computed per year) plus the tenant's own
 * extra days. Deadlines counted in business days (invalidation windows, the monthly IVA return) use it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { ValidationError } from '../../core/errors.js';
import { requireAdmin, requireTenantScope, UNSCOPED } from '../../core/guards.js';
import {
  createCalendar,
  extraDayIssues,
  type BusinessCalendar,
  type ExtraDay,
  type Holiday,
} from '../../dte/calendar/business-days.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { TenantCalendar } from './tenant-calendar.entity.js';
import { raise } from '../../core/result.js';
import { tenantNotFound } from '../tenants/tenant.errors.js';

const MAX_EXTRA_DAYS = 200;

/** The calendar used for a tenant's deadlines (in the caller's transaction when `em` is one). */
export async function calendarForTenant(em: EntityManager, tenantId: string): Promise<BusinessCalendar> {
  const row = await em.findOne(TenantCalendar, { tenant: tenantId }, UNSCOPED);
  return createCalendar(row?.extraDays ?? []);
}

/** Replaces a tenant's extra non-business days (platform admin). Applies to deadlines computed from now on. */
export async function setTenantCalendar(ctx: Context, tenantId: string, extraDays: ExtraDay[]): Promise<ExtraDay[]> {
  requireAdmin(ctx);
  const issues = extraDayIssues(extraDays);
  if (extraDays.length > MAX_EXTRA_DAYS)
    issues.push({ path: 'extraDays', code: 'TOO_MANY', message: `at most ${MAX_EXTRA_DAYS} extra days` });
  if (issues.length) throw new ValidationError(issues);
  const em = ctx.em.fork();
  const tenant = await em.findOne(Tenant, { id: tenantId }, UNSCOPED);
  if (!tenant) raise(tenantNotFound(tenantId));
  const days = [...new Map(extraDays.map((d) => [d.date, { date: d.date, name: d.name.trim() || 'Asueto' }])).values()];
  days.sort((a, b) => a.date.localeCompare(b.date));
  await em.upsert(TenantCalendar, { tenant, extraDays: days, updatedAt: new Date() }, UNSCOPED);
  return days;
}

/** Every non-business holiday of a year for the caller's tenant (national + extra). */
export async function tenantHolidays(ctx: Context, year: number): Promise<Holiday[]> {
  const tenantId = requireTenantScope(ctx, 'tenant:read');
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new ValidationError([{ path: 'year', code: 'OUT_OF_RANGE', message: 'year must be between 2000 and 2100' }]);
  }
  return (await calendarForTenant(ctx.em.fork(), tenantId)).holidays(year);
}
