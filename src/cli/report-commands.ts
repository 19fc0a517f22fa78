/**
 * The accountant's month and the business-day calendar from the command line:
 *   npm run fx -- report:month --tenant <id|NIT> --period 2026-11 --kind f07|libros|archivo [--out file.zip]
 *   npm run fx -- calendar:set --tenant <id|NIT> --days "2026-08-03=Fiestas agostinas,12-24=Nochebuena"
 *   npm run fx -- calendar:show --tenant <id|NIT> --year 2027
 * report:month builds the file at once (no worker needed), with the same code and options as the GraphQL job.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { ADMIN_SCOPE } from '../modules/auth/scopes.js';
import { ValidationError } from '../core/errors.js';
import { elSalvadorDateTime } from '../dte/index.js';
import type { ReportKind } from '../modules/reports/report.entity.js';
import { flag, UsageError } from './args.js';
import { findTenant, type Command } from './commands.js';

// The report builder (pdfkit, the archive) and the calendar load only when one of these commands runs, so every
// other CLI command starts as fast as before.
const reports = () =>
  Promise.all([
    import('../modules/reports/build-report.js'),
    import('../modules/reports/month-documents.js'),
    import('../modules/reports/monthly-reports.js'),
  ]);
const calendars = () => import('../modules/calendar/business-calendar.js');

const KINDS: Record<string, ReportKind> = { f07: 'F07_ANEXOS', libros: 'LIBROS_VENTAS', archivo: 'ARCHIVO_MENSUAL' };

function parseOptions(raw: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  try {
    const v = JSON.parse(raw) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new UsageError('--options must be a JSON object, e.g. {"anexo2Order":"controlFirst"}');
}

const reportMonth: Command = async (app, args, out) => {
  const [{ buildReport }, { parsePeriod }, { checkReportRequest }] = await reports();
  const { calendarForTenant } = await calendars();
  const tenant = await findTenant(app, flag(args, 'tenant', true));
  const kindFlag = flag(args, 'kind', true);
  const kind = KINDS[kindFlag] ?? kindFlag;
  const period = flag(args, 'period', true);
  const today = elSalvadorDateTime(new Date()).fecEmi;
  const { issues, options } = checkReportRequest({ period, kind, options: parseOptions(flag(args, 'options')) }, today);
  if (issues.length) throw new ValidationError(issues);
  const em = app.tenantEm(tenant.id);
  const calendar = await calendarForTenant(em, tenant.id);
  const ambiente = flag(args, 'ambiente') ?? '00';
  const req = {
    tenantId: tenant.id,
    ambiente,
    period: parsePeriod(period)!,
    kind: kind as ReportKind,
    options,
    calendar,
  };
  const built = await buildReport(em, req, async () => undefined);
  const file = flag(args, 'out') ?? built.name;
  writeFileSync(file, built.content);
  const sha256 = createHash('sha256').update(built.content).digest('hex');
  out(
    `wrote ${file} (${built.content.length} bytes, sha256 ${sha256}, ${built.documents} ` +
      `documents of ${tenant.nombre}, ${period}, ambiente ${ambiente})`,
  );
};

function parseDays(raw: string): { date: string; name: string }[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [date, ...name] = s.split('=');
      return { date: date!.trim(), name: name.join('=').trim() || 'Asueto' };
    });
}

export const reportCommands: Record<string, { help: string; run: Command }> = {
  'report:month': {
    help:
      'report:month --tenant <id|NIT> --period YYYY-MM --kind f07|libros|archivo ' +
      '[--ambiente 00|01] [--out file.zip] [--options \'{"anexo2Order":"controlFirst"}\']',
    run: reportMonth,
  },
  'calendar:set': {
    help:
      'calendar:set --tenant <id|NIT> --days "YYYY-MM-DD=name,MM-DD=name"  ' +
      '(replaces the tenant\'s extra non-business days; --days "" clears)',
    run: async (app, args, out) => {
      const { setTenantCalendar } = await calendars();
      const tenant = await findTenant(app, flag(args, 'tenant', true));
      const raw = args.flags.days;
      if (raw === undefined) throw new UsageError('--days is required');
      const admin = app.contextFor({ kind: 'admin', keyId: null, scopes: [ADMIN_SCOPE] });
      const days = await setTenantCalendar(admin, tenant.id, parseDays(raw === true ? '' : raw));
      out(
        `${tenant.nombre}: ${days.length} extra non-business ` +
          `day(s)${days.length ? `: ${days.map((d) => `${d.date} ${d.name}`).join('; ')}` : ''}`,
      );
    },
  },
  'calendar:show': {
    help: 'calendar:show --tenant <id|NIT> [--year 2027]',
    run: async (app, args, out) => {
      const tenant = await findTenant(app, flag(args, 'tenant', true));
      const { calendarForTenant } = await calendars();
      const year = Number(flag(args, 'year') ?? elSalvadorDateTime(new Date()).fecEmi.slice(0, 4));
      if (!Number.isInteger(year) || year < 2000 || year > 2100)
        throw new UsageError('--year must be between 2000 and 2100');
      for (const h of (await calendarForTenant(app.db.orm.em.fork(), tenant.id)).holidays(year))
        out(`${h.date}  ${h.name}`);
    },
  },
};
