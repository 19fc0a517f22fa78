import { defineEntity, p } from '@mikro-orm/core';
import type { ExtraDay } from '../../dte/calendar/business-days.js';
import { Tenant } from '../tenants/tenant.entity.js';

/** A tenant's non-business days beyond the national holidays (local fiestas, decreed asuetos, …). */
export const TenantCalendarSchema = defineEntity({
  name: 'TenantCalendar',
  tableName: 'tenant_calendar',
  properties: {
    tenant: () => p.oneToOne(Tenant).primary().owner(),
    extraDays: p.json<ExtraDay[]>(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export class TenantCalendar extends TenantCalendarSchema.class {}
TenantCalendarSchema.setClass(TenantCalendar);
