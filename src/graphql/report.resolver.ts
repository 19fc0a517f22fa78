import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  createUnionType,
} from 'type-graphql';
import type { Context } from '../context.js';
import { setTenantCalendar, tenantHolidays } from '../modules/calendar/business-calendar.js';
import {
  getMonthlyReport,
  listMonthlyReports,
  reportFileInfo,
  requestMonthlyReport,
} from '../modules/reports/monthly-reports.js';
import { reportLink } from '../modules/reports/report-links.js';
import type { MonthlyReport } from '../modules/reports/report.entity.js';
import { NotFound, ValidationFailed, asResult, resolveResultType } from './errors.types.js';
import {
  BusinessHolidayType,
  ExtraDayInput,
  MonthlyReportFileType,
  MonthlyReportLinkType,
  MonthlyReportType,
  RequestMonthlyReportInput,
  TenantCalendarType,
} from './report.types.js';

const MonthlyReportResult = createUnionType({
  name: 'MonthlyReportResult',
  types: () => [MonthlyReportType, ValidationFailed] as const,
  resolveType: resolveResultType('MonthlyReport'),
});
const TenantCalendarResult = createUnionType({
  name: 'TenantCalendarResult',
  types: () => [TenantCalendarType, ValidationFailed, NotFound] as const,
  resolveType: resolveResultType('TenantCalendar'),
});

const asCalendar = (tenantId: string, extraDays: { date: string; name: string }[]) => ({ tenantId, extraDays });

/**
 * The accountant's month (F-07 annexes, sales books, archive) and the business-day calendar. Thin: arguments → use
 * case.
 */
@Resolver(() => MonthlyReportType)
export class MonthlyReportResolver {
  @Authorized('invoices:read')
  @Mutation(() => MonthlyReportResult, {
    description: 'Queues a monthly report; poll monthlyReport(id) or wait for the report.ready webhook',
  })
  requestMonthlyReport(
    @Ctx() ctx: Context,
    @Arg('input', () => RequestMonthlyReportInput) input: RequestMonthlyReportInput,
  ) {
    const options = input.options as Record<string, unknown> | null;
    return asResult(() => requestMonthlyReport(ctx, { period: input.period, kind: input.kind, options }));
  }

  @Authorized('invoices:read')
  @Query(() => MonthlyReportType, { nullable: true })
  monthlyReport(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return getMonthlyReport(ctx, id);
  }

  @Authorized('invoices:read')
  @Query(() => [MonthlyReportType], { description: 'Newest first' })
  monthlyReports(@Ctx() ctx: Context, @Arg('first', () => Int, { defaultValue: 20 }) first: number) {
    return listMonthlyReports(ctx, first);
  }

  @FieldResolver(() => MonthlyReportFileType, { nullable: true, description: 'The result, once READY' })
  file(@Ctx() ctx: Context, @Root() r: MonthlyReport) {
    return r.status === 'READY' ? reportFileInfo(ctx, r.id) : null;
  }

  @FieldResolver(() => MonthlyReportLinkType, {
    nullable: true,
    description: 'Signed, expiring download link, once READY',
  })
  download(@Ctx() ctx: Context, @Root() r: MonthlyReport) {
    return r.status === 'READY' ? reportLink(ctx.links, { id: r.id, tenantId: r.tenant.id }) : null;
  }

  @Authorized('tenant:read')
  @Query(() => [BusinessHolidayType], {
    description:
      'Non-business days of a year for your tenant: national holidays (Holy Week computed) and your extra days',
  })
  businessHolidays(@Ctx() ctx: Context, @Arg('year', () => Int) year: number) {
    return tenantHolidays(ctx, year);
  }

  @Authorized('platform:admin')
  @Mutation(() => TenantCalendarResult, {
    description: "Replaces a tenant's extra non-business days (deadlines computed from now on use them)",
  })
  setTenantCalendar(
    @Ctx() ctx: Context,
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('extraDays', () => [ExtraDayInput]) extraDays: ExtraDayInput[],
  ) {
    return asResult(async () =>
      asCalendar(
        tenantId,
        await setTenantCalendar(
          ctx,
          tenantId,
          extraDays.map((d) => ({ date: d.date, name: d.name })),
        ),
      ),
    );
  }
}
