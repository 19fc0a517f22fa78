// validateDte rejects broken documents with precise paths and codes (it is also the MH sandbox's gate).
import { describe, expect, it } from 'vitest';
import { type DteDocument, parseEmission, previewEmission, toContingency, validateDte } from '../../src/dte/index.js';
import { CASES } from './cases.js';
import { EMISOR, ident } from './fixtures.js';

function built(tipo: '01' | '03' | '05' | '15', i = 0): DteDocument {
  const r = previewEmission(CASES[tipo]![i]!.body, EMISOR, ident(tipo));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}
const codes = (doc: unknown) => validateDte(doc).map((x) => `${x.path}:${x.code}`);
type O = Record<string, unknown>;

describe('validateDte', () => {
  it('structure: missing keys, extra keys, wrong types, too many decimals', () => {
    const doc = built('01');
    delete (doc['resumen'] as O)['totalIva'];
    (doc['emisor'] as O)['tipoEstablecimiento'] = '02';
    (doc['cuerpoDocumento'] as O[])[0]!['cantidad'] = '1';
    (doc['cuerpoDocumento'] as O[])[0]!['precioUni'] = 1.123456789;
    expect(codes(doc)).toEqual(
      expect.arrayContaining([
        'resumen.totalIva:REQUIRED',
        'emisor.tipoEstablecimiento:ADDITIONAL_PROPERTY',
        'cuerpoDocumento[0].cantidad:INVALID_TYPE',
        'cuerpoDocumento[0].precioUni:TOO_MANY_DECIMALS',
      ]),
    );
  });
  it('every structural slip of a sound document is refused: an extra key on any object, an array for any leaf', () => {
    for (const tipo of ['01', '03', '05', '15'] as const) {
      const sound = built(tipo);
      expect(validateDte(sound)).toEqual([]);
      const slips: { path: string; apply: (d: O) => void }[] = [];
      const walk = (v: unknown, at: (d: O) => O | unknown[], path: string) => {
        if (Array.isArray(v)) {
          v.forEach((x, i) => {
            walk(x, (d) => (at(d) as unknown[])[i] as O, `${path}[${i}]`);
          });
          return;
        }
        if (typeof v !== 'object' || v === null) return;
        slips.push({
          path: path ? `${path}.extraField` : 'extraField',
          apply: (d) => void ((at(d) as O)['extraField'] = 1),
        });
        for (const [key, child] of Object.entries(v)) {
          const p = path ? `${path}.${key}` : key;
          if (typeof child === 'string' || typeof child === 'number')
            slips.push({ path: p, apply: (d) => void ((at(d) as O)[key] = [child]) });
          else walk(child, (d) => (at(d) as O)[key] as O, p);
        }
      };
      walk(sound, (d) => d, '');
      expect(slips.length).toBeGreaterThan(50);
      for (const slip of slips) {
        const doc = structuredClone(sound) as O;
        slip.apply(doc);
        expect(validateDte(doc).length, `${tipo} ${slip.path}`).toBeGreaterThan(0);
      }
    }
  });
  it('formats: numeroControl, codigoGeneracion, fecEmi, horEmi', () => {
    const doc = built('01');
    Object.assign(doc['identificacion'] as O, {
      numeroControl: 'DTE-01-00000000-000000000000001',
      codigoGeneracion: 'abc',
      fecEmi: '2026-02-30',
      horEmi: '25:00:00',
    });
    expect(codes(doc)).toEqual(
      expect.arrayContaining([
        'identificacion.numeroControl:INVALID_FORMAT',
        'identificacion.codigoGeneracion:INVALID_FORMAT',
        'identificacion.fecEmi:INVALID_DATE',
        'identificacion.horEmi:INVALID_FORMAT',
      ]),
    );
  });
  it('identity documents and catalogs', () => {
    const doc = built('01', 1);
    (doc['receptor'] as O)['numDocumento'] = '123456785';
    ((doc['emisor'] as O)['direccion'] as O)['distrito'] = '01';
    (doc['emisor'] as O)['codActividad'] = '99999';
    expect(codes(doc)).toEqual(
      expect.arrayContaining([
        'receptor.numDocumento:INVALID_DUI_CHECK_DIGIT',
        'emisor.direccion.distrito:DISTRITO_NOT_IN_MUNICIPIO',
        'emisor.codActividad:UNKNOWN_CODE',
      ]),
    );
    const ccf = built('03');
    (ccf['receptor'] as O)['nit'] = '06140507071047';
    expect(codes(ccf)).toContain('receptor.nit:INVALID_NIT_CHECK_DIGIT');
  });
  it('arithmetic beyond ±0.01 is CALCULO_INCORRECTO; within is accepted', () => {
    const doc = built('03');
    const r = doc['resumen'] as O;
    r['totalPagar'] = Number((r['totalPagar'] as number) + 0.01);
    expect(codes(doc)).toEqual([]);
    r['totalPagar'] = Number((r['totalPagar'] as number) + 0.02);
    expect(codes(doc)).toContain('resumen.totalPagar:CALCULO_INCORRECTO');
  });
  it('contingency rules: consistency, and CD cannot be in contingency', () => {
    const doc = built('01');
    Object.assign(doc['identificacion'] as O, { tipoOperacion: 2 });
    expect(codes(doc)).toContain('identificacion.tipoModelo:INCONSISTENT_CONTINGENCY');
    const cont = toContingency(built('01'), { tipoContingencia: 1, motivoContin: null });
    expect((cont['identificacion'] as O)['tipoModelo']).toBe(2);
    expect(codes(cont)).toEqual([]);
    expect(() => toContingency(built('15'), { tipoContingencia: 1, motivoContin: null })).toThrow(/contingency/);
  });
  it('rejects unknown documents clearly', () => {
    expect(codes(null)).toEqual([':INVALID_TYPE']);
    expect(codes({ identificacion: { tipoDte: '99' } })).toEqual(['identificacion.tipoDte:UNKNOWN_CODE']);
  });
});

describe('parseEmission errors name the field and rule', () => {
  it('collects every problem with body-relative paths', () => {
    const r = parseEmission({
      tipoDte: '03',
      items: [{ descripcion: '', cantidad: 0, precio: 'abc', tipo: 'gratis' }],
      pagos: [{ codigo: '77' }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => `${i.path}:${i.code}`)).toEqual(
        expect.arrayContaining([
          'referenciaExterna:REQUIRED',
          'receptor:REQUIRED',
          'items[0].descripcion:REQUIRED',
          'items[0].cantidad:NOT_POSITIVE',
          'items[0].precio:INVALID_NUMBER',
          'items[0].tipo:NOT_ALLOWED',
          'pagos[0].codigo:UNKNOWN_CODE',
        ]),
      );
    }
  });
  it('rejects unknown tipoDte and too many decimals', () => {
    const a = parseEmission({ tipoDte: '02', referenciaExterna: 'x', items: [] });
    expect(a.ok ? [] : a.issues.map((i) => i.code)).toEqual(['UNKNOWN_CODE']);
    const b = parseEmission({
      referenciaExterna: 'x',
      items: [{ descripcion: 'a', cantidad: '1.123456789', precio: 1 }],
    });
    expect(b.ok ? [] : b.issues.map((i) => `${i.path}:${i.code}`)).toEqual(['items[0].cantidad:TOO_MANY_DECIMALS']);
  });
  it('NC needs its documentoRelacionado and a taxpayer receptor', () => {
    const r = parseEmission({
      tipoDte: '05',
      referenciaExterna: 'x',
      items: [{ descripcion: 'a', cantidad: 1, precio: 1 }],
    });
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['documentoRelacionado', 'receptor']),
    );
  });
});
