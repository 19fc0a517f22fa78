import { describe, expect, it } from 'vitest';
import {
  formatNumeroControl,
  elSalvadorDateTime,
  integerToWords,
  isValidDui,
  isValidNit,
  isValidNrc,
  newCodigoGeneracion,
  nitProblem,
  totalLetras,
} from '../../src/dte/index.js';
import { dec, r2, r8 } from '../../src/dte/money.js';

describe('identity numbers (DUI, NIT, NRC check routines)', () => {
  it('DUI: worked example 12345678-4 and its neighbours', () => {
    expect(isValidDui('12345678-4')).toBe(true);
    expect(isValidDui('123456784')).toBe(true);
    for (const c of '012356789') expect(isValidDui(`12345678-${c}`)).toBe(false);
    expect(isValidDui('00000000-0')).toBe(false); // all zeros is not a DUI
    expect(isValidDui('1234567-84')).toBe(false);
    expect(isValidDui('12345678')).toBe(false);
  });
  it('DUI edge cases: check digit 0 when Σ mod 10 = 0, small numbers', () => {
    expect(isValidDui('00000066-0')).toBe(true); // 6·3 + 6·2 = 30 → (10 − 0) mod 10 = 0
    expect(isValidDui('00000066-1')).toBe(false);
    expect(isValidDui('00000019-9')).toBe(true); // 1·3 + 9·2 = 21 → 9
    expect(isValidDui('00000064-4')).toBe(true); // 6·3 + 4·2 = 26 → 4
  });
  it('NIT old routine (correlative ≤ 100): 0614-180948-001-4', () => {
    expect(isValidNit('0614-180948-001-4')).toBe(true);
    expect(isValidNit('06141809480014')).toBe(true);
    expect(nitProblem('0614-180948-001-5')).toBe('nit_check');
  });
  it('NIT new routine (correlative > 100): 0614-050707-104-8', () => {
    expect(isValidNit('0614-050707-104-8')).toBe(true);
    expect(nitProblem('0614-050707-104-7')).toBe('nit_check');
  });
  it('NIT: another real-format old-routine case (0614-270976-001-2), stdnum would fail it', () => {
    expect(isValidNit('0614-270976-001-2')).toBe(true);
  });
  it('9-digit DUI used as NIT (homologation 2021)', () => {
    expect(isValidNit('123456784')).toBe(true);
    expect(nitProblem('123456785')).toBe('dui_check');
    expect(nitProblem('1234567')).toBe('format');
    expect(nitProblem('0614-180948-001')).toBe('format');
  });
  it('NRC: format only (2–8 digits, optional hyphen before the check digit)', () => {
    expect(isValidNrc('123456-7')).toBe(true);
    expect(isValidNrc('1234567')).toBe(true);
    expect(isValidNrc('1')).toBe(false);
    expect(isValidNrc('123456789')).toBe(false);
    expect(isValidNrc('12a4')).toBe(false);
  });
});

describe('money rounding (MH: 8 decimals on items, 2 on totals)', () => {
  it('8 decimals half-up on items, 2 on summaries', () => {
    expect(r8(dec('1.87654321987654')).toFixed()).toBe('1.87654322');
    expect(r2(dec('5.664')).toFixed()).toBe('5.66');
    expect(r2(dec('5.665')).toFixed()).toBe('5.67');
    expect(r2(dec(0.1).plus(dec(0.2))).toFixed()).toBe('0.3');
  });
});

describe('totalLetras', () => {
  it('MH example and Spanish number rules', () => {
    expect(totalLetras(dec('2260'))).toBe('DOS MIL DOSCIENTOS SESENTA 00/100 DÓLARES');
    expect(totalLetras(dec('22.6'))).toBe('VEINTIDÓS 60/100 DÓLARES');
    expect(totalLetras(dec('1'))).toBe('UNO 00/100 DÓLAR');
    expect(totalLetras(dec('0.05'))).toBe('CERO 05/100 DÓLARES');
    expect(integerToWords(100)).toBe('CIEN');
    expect(integerToWords(101)).toBe('CIENTO UNO');
    expect(integerToWords(21000)).toBe('VEINTIÚN MIL');
    expect(integerToWords(1_000_000)).toBe('UN MILLÓN');
    expect(integerToWords(2_501_331)).toBe('DOS MILLONES QUINIENTOS UN MIL TRESCIENTOS TREINTA Y UNO');
    expect(integerToWords(99_999_999_999)).toBe(
      'NOVENTA Y NUEVE MIL NOVECIENTOS NOVENTA Y NUEVE MILLONES ' +
        'NOVECIENTOS NOVENTA Y NUEVE MIL NOVECIENTOS NOVENTA Y NUEVE',
    );
  });
});

describe('identificación helpers (numeroControl, codigoGeneracion, dates)', () => {
  it('numeroControl v2.0 shape and bounds', () => {
    expect(formatNumeroControl('01', 'M001', 'P025', 1)).toBe('DTE-01-M001P025-000000000000001');
    expect(formatNumeroControl('03', 'S012', 'P001', 123456789012345n)).toBe('DTE-03-S012P001-123456789012345');
    expect(() => formatNumeroControl('01', '0001', '0001', 1)).toThrow(/M\|B\|S\|P/);
    expect(() => formatNumeroControl('01', 'M001', 'P001', 0)).toThrow();
    expect(formatNumeroControl('15', '00010001', '', 7)).toBe('DTE-15-00010001-000000000000007');
  });
  it('codigoGeneracion is an uppercase v4 UUID', () => {
    const c = newCodigoGeneracion();
    expect(c).toMatch(/^[A-F0-9]{8}-[A-F0-9]{4}-4[A-F0-9]{3}-[89AB][A-F0-9]{3}-[A-F0-9]{12}$/);
    expect(newCodigoGeneracion()).not.toBe(c);
  });
  it('El Salvador is UTC−6 without DST', () => {
    expect(elSalvadorDateTime(new Date('2026-01-01T05:59:59Z'))).toEqual({ fecEmi: '2025-12-31', horEmi: '23:59:59' });
    expect(elSalvadorDateTime(new Date('2026-07-15T18:00:00Z'))).toEqual({ fecEmi: '2026-07-15', horEmi: '12:00:00' });
  });
});
