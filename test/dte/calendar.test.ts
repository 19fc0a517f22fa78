import { describe, expect, it } from 'vitest';
import {
  createCalendar,
  easterSunday,
  extraDayIssues,
  invalidationDeadline,
  isBusinessDay,
  ivaReturnDeadline,
  nationalHolidays,
  nthBusinessDayOfNextMonth,
  NATIONAL_CALENDAR,
  relatedNoteDeadline,
} from '../../src/dte/index.js';

describe('El Salvador business-day calendar', () => {
  it('computes Easter per year (Gregorian computus) and Holy Thursday–Saturday from it', () => {
    expect(['2024', '2025', '2026', '2027', '2038'].map((y) => easterSunday(Number(y)))).toEqual([
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2038-04-25',
    ]);
    const h = nationalHolidays(2026);
    expect(h.filter((x) => /Santo/.test(x.name)).map((x) => x.date)).toEqual([
      '2026-04-02',
      '2026-04-03',
      '2026-04-04',
    ]);
    expect(h.map((x) => x.date)).toEqual(
      expect.arrayContaining([
        '2026-01-01',
        '2026-05-01',
        '2026-05-10',
        '2026-06-17',
        '2026-08-06',
        '2026-09-15',
        '2026-11-02',
        '2026-12-25',
      ]),
    );
    expect(h).toHaveLength(11);
  });

  it('a business day is Monday–Friday and not a holiday', () => {
    expect(isBusinessDay(NATIONAL_CALENDAR, '2026-04-02')).toBe(false); // Jueves Santo
    expect(isBusinessDay(NATIONAL_CALENDAR, '2026-04-06')).toBe(true);
    expect(isBusinessDay(NATIONAL_CALENDAR, '2026-11-28')).toBe(false); // Saturday
    expect(isBusinessDay(NATIONAL_CALENDAR, '2026-09-15')).toBe(false);
  });

  it("the 10th business day of the following month skips Holy Week and the tenant's extra days", () => {
    // April 2026: 1, (2–3 Holy Week), 6, 7, 8, 9, 10, 13, 14, 15, 16 → the 16th; weekdays alone would give the 14th.
    expect(nthBusinessDayOfNextMonth(NATIONAL_CALENDAR, '2026-03-20', 10)).toBe('2026-04-16');
    const cal = createCalendar([
      { date: '04-13', name: 'Fiesta patronal' },
      { date: '2026-04-15', name: 'Asueto decretado' },
    ]);
    expect(nthBusinessDayOfNextMonth(cal, '2026-03-20', 10)).toBe('2026-04-20');
    expect(cal.holiday('2027-04-13')).toBe('Fiesta patronal'); // MM-DD repeats every year
    expect(cal.holiday('2027-04-15')).toBeNull();
  });

  it(
    'invalidation windows: 3 months for FE/FEX/FSE, 10th ' +
      'business day for the rest, 2 years for perishable medicines',
    () => {
      expect(invalidationDeadline('03', '2026-03-31')).toBe('2026-04-16');
      expect(invalidationDeadline('01', '2026-03-31')).toBe('2026-06-30');
      expect(invalidationDeadline('03', '2026-12-02')).toBe('2027-01-15'); // Año Nuevo is a Friday
      expect(invalidationDeadline('01', '2026-11-30', { perishable: true })).toBe('2028-11-30');
      expect(invalidationDeadline('03', '2028-02-29', { perishable: true })).toBe('2030-02-28');
      expect(
        invalidationDeadline('03', '2026-03-20', { calendar: createCalendar([{ date: '2026-04-16', name: 'x' }]) }),
      ).toBe('2026-04-17');
    },
  );

  it('the monthly IVA return and the related-note window', () => {
    expect(ivaReturnDeadline('2026-11-05')).toBe('2026-12-14');
    expect(ivaReturnDeadline('2026-03-01')).toBe('2026-04-16');
    expect(relatedNoteDeadline('03', '2026-11-30')).toBe('2027-02-28');
    expect(relatedNoteDeadline('07', '2026-01-15')).toBe('2026-04-15');
    expect(relatedNoteDeadline('01', '2026-01-15')).toBeNull();
  });

  it('refuses malformed extra days with the field and the rule', () => {
    expect(
      extraDayIssues([
        { date: '2026-02-30', name: 'x' },
        { date: '13-01', name: 'y' },
        { date: '08-03', name: 'ok' },
      ]),
    ).toEqual([
      expect.objectContaining({ path: 'extraDays[0].date', code: 'INVALID_DATE' }),
      expect.objectContaining({ path: 'extraDays[1].date', code: 'INVALID_DATE' }),
    ]);
  });
});
