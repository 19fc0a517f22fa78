// The committed catalogs module must equal the CSV export of MH's catalog workbook.
// Skips visibly when ../shared is absent (fails in CI).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as CAT from '../../src/dte/catalogs/index.js';
import { sharedPresent } from '../helpers/shared.js';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/mh/catalogs');
const present = sharedPresent(DIR, "MH's catalogs");

function csv(prefix: string): string[][] {
  const file = readdirSync(DIR).find((f) => f.startsWith(prefix) && !f.includes('map'))!;
  const lines = readFileSync(path.join(DIR, file), 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((l) => {
    const out: string[] = [];
    let cur = '';
    let q = false;
    for (const ch of l) {
      if (ch === '"') q = !q;
      else if (ch === ',' && !q) {
        out.push(cur);
        cur = '';
      } else cur += ch;
    }
    out.push(cur);
    return out;
  });
}

describe.skipIf(!present)('catalogs module mirrors the MH CSVs', () => {
  const simple: [string, Readonly<Record<string, string>>][] = [
    ['CAT-002', CAT.TIPOS_DOCUMENTO],
    ['CAT-005', CAT.TIPOS_CONTINGENCIA],
    ['CAT-010', CAT.SERVICIOS_MEDICOS],
    ['CAT-012', CAT.DEPARTAMENTOS],
    ['CAT-014', CAT.UNIDADES_MEDIDA],
    ['CAT-017', CAT.FORMAS_PAGO],
    ['CAT-019', CAT.ACTIVIDADES_ECONOMICAS],
    ['CAT-020', CAT.PAISES],
    ['CAT-022', CAT.TIPOS_DOCUMENTO_IDENTIFICACION],
    ['CAT-024', CAT.MOTIVOS_EVENTO],
    ['CAT-028', CAT.REGIMENES],
    ['CAT-031', CAT.INCOTERMS],
    ['CAT-033', CAT.TIPOS_REGIMEN],
  ];
  it.each(simple)('%s', (prefix, data) => {
    const rows = csv(prefix);
    expect(Object.keys(data).length).toBe(rows.length);
    for (const [codigo, valor] of rows) expect(data[codigo!]).toBe(valor);
  });
  it('CAT-013 44 municipios, CAT-008 262 distritos, every distrito mapped to a municipio of its departamento', () => {
    const munis = Object.entries(CAT.MUNICIPIOS)
      .filter(([d]) => d !== '00')
      .flatMap(([, m]) => Object.keys(m));
    expect(munis.length).toBe(44);
    const distritos = Object.entries(CAT.DISTRITOS).filter(([d]) => d !== '00');
    expect(distritos.flatMap(([, x]) => Object.keys(x)).length).toBe(262);
    for (const [dep, ds] of distritos)
      for (const code of Object.keys(ds))
        expect(CAT.MUNICIPIOS[dep]![CAT.DISTRITO_MUNICIPIO[dep]![code]!]).toBeDefined();
    expect(Object.keys(CAT.ACTIVIDADES_ECONOMICAS).length).toBe(774);
  });
  it('address consistency uses the 2024 reform (San Salvador Centro 23 ⊃ distrito 14)', () => {
    expect(CAT.direccionProblems({ departamento: '06', municipio: '23', distrito: '14', complemento: 'x' })).toEqual(
      [],
    );
    expect(
      CAT.direccionProblems({ departamento: '06', municipio: '20', distrito: '14', complemento: 'x' })[0]!.code,
    ).toBe('DISTRITO_NOT_IN_MUNICIPIO');
    expect(
      CAT.direccionProblems({ departamento: '06', municipio: '99', distrito: '14', complemento: 'x' })[0]!.code,
    ).toBe('UNKNOWN_MUNICIPIO');
  });
  it('the municipio–distrito map equals the 2024 reform map CSV (262 distritos → 44 municipios)', () => {
    const file = readdirSync(DIR).find((f) => f.includes('municipio-distrito-map'))!;
    const rows = readFileSync(path.join(DIR, file), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(','));
    const fromCsv: Record<string, Record<string, string>> = {};
    for (const [dep, muni, , distrito] of rows) (fromCsv[dep!] ??= {})[distrito!] = muni!;
    expect(CAT.DISTRITO_MUNICIPIO).toEqual(fromCsv);
  });
  it('pre-2024 municipio codes translate to municipio + distrito; what the catalogs cannot complete is refused', () => {
    expect(CAT.resolveDireccion('06', '14', null)).toMatchObject({ ok: true, municipio: '23', distrito: '14' });
    expect(CAT.resolveDireccion('06', '14', '14')).toMatchObject({ ok: true, municipio: '23', distrito: '14' });
    expect(CAT.resolveDireccion('06', '23', '14')).toMatchObject({
      ok: true,
      municipio: '23',
      distrito: '14',
      translated: null,
    });
    expect(CAT.resolveDireccion('06', '23', null)).toMatchObject({
      ok: false,
      problem: { field: 'distrito', code: 'DISTRITO_REQUIRED' },
    });
    expect(CAT.resolveDireccion('06', '14', '05')).toMatchObject({
      ok: false,
      problem: { code: 'LEGACY_MUNICIPIO_CONFLICT' },
    });
    expect(CAT.resolveDireccion('06', '99', null)).toMatchObject({
      ok: false,
      problem: { field: 'municipio', code: 'UNKNOWN_MUNICIPIO' },
    });
    // Every old code of every departamento is unambiguous: old and new codes never overlap within a departamento.
    for (const [dep, ds] of Object.entries(CAT.DISTRITOS).filter(([d]) => d !== '00')) {
      for (const old of Object.keys(ds)) {
        expect(CAT.MUNICIPIOS[dep]![old]).toBeUndefined();
        const r = CAT.resolveDireccion(dep, old, null);
        expect(
          r.ok &&
            CAT.direccionProblems({
              departamento: dep,
              municipio: r.municipio,
              distrito: r.distrito,
              complemento: 'x',
            }),
        ).toEqual([]);
      }
    }
  });
});
