/**
 * El Salvador's business-day calendar (pure, no I/O). MH counts "días hábiles" for several deadlines (invalidation of
 * CCF/NC/ND/…, the monthly IVA return and its annexes: "within the first ten business days of the following month").
 * A business day is Monday–Friday that is not a holiday:
 *  - national holidays of the Código de Trabajo (Art. 190): 1 January; Holy Thursday, Good Friday and Holy Saturday;
 *    1 May; 10 May; 17 June; 6 August; 15 September; 2 November; 25 December;
 *  - Holy Week moves every year: it is computed from Easter Sunday (Gregorian computus);
 *  - extra days configured per tenant (local patron-saint days such as 3–5 August in San Salvador, decreed asuetos,
 *    the public-sector Holy Week Monday–Wednesday): `YYYY-MM-DD` for one date or `MM-DD` for every year.
 * Counting fewer holidays than MH would only make a deadline earlier, never later, so the national list is the default.
 */

export interface Holiday {
  date: string;
  name: string;
}

export interface BusinessCalendar {
  /** The holiday's name, or null when the date is not a holiday (weekends are not holidays). */
  holiday(date: string): string | null;
  /** Every holiday of a year, national and extra, in date order. */
  holidays(year: number): Holiday[];
}

const FIXED: readonly [string, string][] = [
  ['01-01', 'Año Nuevo'],
  ['05-01', 'Día del Trabajo'],
  ['05-10', 'Día de la Madre'],
  ['06-17', 'Día del Padre'],
  ['08-06', 'Fiestas Agostinas (Divino Salvador del Mundo)'],
  ['09-15', 'Día de la Independencia'],
  ['11-02', 'Día de los Difuntos'],
  ['12-25', 'Navidad'],
];

export const ISO_DATE = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;
const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

export function toDate(iso: string): Date {
  if (!ISO_DATE.test(iso)) throw new RangeError(`'${iso}' is not a YYYY-MM-DD date`);
  return new Date(`${iso}T00:00:00Z`);
}
export const fmtDate = (d: Date): string => d.toISOString().slice(0, 10);

export function addDays(iso: string, days: number): string {
  const d = toDate(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return fmtDate(d);
}

/** Same day `months` later, clamped to the last day of that month (30 Nov + 3 → 28/29 Feb). */
export function addMonthsClamped(iso: string, months: number): string {
  const d = toDate(iso);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return fmtDate(new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last))));
}

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function nationalHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const holyWeek: Holiday[] = [
    { date: addDays(easter, -3), name: 'Jueves Santo' },
    { date: addDays(easter, -2), name: 'Viernes Santo' },
    { date: addDays(easter, -1), name: 'Sábado Santo' },
  ];
  const fixed = FIXED.map(([md, name]) => ({ date: `${year}-${md}`, name }));
  return [...fixed, ...holyWeek].sort((x, y) => x.date.localeCompare(y.date));
}

export interface ExtraDay {
  /** `YYYY-MM-DD` (that date) or `MM-DD` (every year). */
  date: string;
  name: string;
}

/** The field-level problems of a list of extra days (empty when valid). */
export function extraDayIssues(
  days: readonly ExtraDay[],
  path = 'extraDays',
): { path: string; code: string; message: string }[] {
  const out: { path: string; code: string; message: string }[] = [];
  days.forEach((d, i) => {
    const ok = ISO_DATE.test(d.date)
      ? fmtDate(new Date(`${d.date}T00:00:00Z`)) === d.date
      : MONTH_DAY.test(d.date) && d.date !== '02-30' && d.date !== '02-31';
    const message = `'${d.date}' is neither a YYYY-MM-DD date nor an every-year MM-DD day`;
    if (!ok) out.push({ path: `${path}[${i}].date`, code: 'INVALID_DATE', message });
    if (d.name.length > 100)
      out.push({ path: `${path}[${i}].name`, code: 'TOO_LONG', message: 'name is at most 100 characters' });
  });
  return out;
}

export function createCalendar(extra: readonly ExtraDay[] = []): BusinessCalendar {
  const byYear = new Map<number, Map<string, string>>();
  const yearMap = (year: number): Map<string, string> => {
    let m = byYear.get(year);
    if (!m) {
      m = new Map(nationalHolidays(year).map((h) => [h.date, h.name]));
      for (const e of extra) {
        const date = e.date.length === 5 ? `${year}-${e.date}` : e.date;
        if (date.startsWith(`${year}-`) && !m.has(date)) m.set(date, e.name);
      }
      byYear.set(year, m);
    }
    return m;
  };
  return {
    holiday: (date) => yearMap(Number(date.slice(0, 4))).get(date) ?? null,
    holidays: (year) =>
      [...yearMap(year)].map(([date, name]) => ({ date, name })).sort((x, y) => x.date.localeCompare(y.date)),
  };
}

export const NATIONAL_CALENDAR = createCalendar();

export function isBusinessDay(cal: BusinessCalendar, iso: string): boolean {
  const wd = toDate(iso).getUTCDay();
  return wd !== 0 && wd !== 6 && cal.holiday(iso) === null;
}

/** The n-th business day (1-based) of the month after the month of `iso`. */
export function nthBusinessDayOfNextMonth(cal: BusinessCalendar, iso: string, n: number): string {
  const d = toDate(iso);
  let cur = fmtDate(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
  let count = 0;
  for (;;) {
    if (isBusinessDay(cal, cur) && ++count === n) return cur;
    cur = addDays(cur, 1);
  }
}
