import { describe, expect, it } from 'vitest';
import { formatFhProcesamiento, svDateTimeParts } from '../../src/hacienda/index.js';
import { svInstant } from '../../src/hacienda/time.js';

describe('El Salvador time (UTC−06:00, no DST)', () => {
  it('formats fhProcesamiento as dd/MM/yyyy HH:mm:ss in El Salvador', () => {
    expect(formatFhProcesamiento(new Date('2026-12-01T05:30:09Z'))).toBe('30/11/2026 23:30:09');
    expect(formatFhProcesamiento(new Date('2026-07-04T18:00:00Z'))).toBe('04/07/2026 12:00:00');
    expect(svDateTimeParts(new Date('2027-01-01T05:59:59Z'))).toMatchObject({
      year: 2026,
      month: 12,
      day: 31,
      hour: 23,
    });
  });

  it('reads fecEmi + horEmi as El Salvador time and refuses impossible dates', () => {
    expect(svInstant('2026-11-30', '23:30:09')?.toISOString()).toBe('2026-12-01T05:30:09.000Z');
    expect(svInstant('2026-02-30', '10:00:00')).toBeNull();
    expect(svInstant('2026-11-30', '10:00')).toBeNull();
    expect(svInstant(20261130, '10:00:00')).toBeNull();
  });
});
