import { describe, expect, it } from 'vitest';
import { parseEmission } from '../../src/dte/index.js';
import { suggest } from '../../src/dte/input/suggest.js';
import { normalizeBody } from '../../src/dte/input/v1-shape.js';
import { languageOf, localizeError } from '../../src/core/messages.js';
import { CASES } from './cases.js';

const issuesOf = (body: unknown) => {
  const r = parseEmission(body);
  return r.ok ? [] : r.issues.map((i) => `${i.path}:${i.code}`);
};

describe('unknown fields', () => {
  it('suggest finds typos, case slips and plurals, and nothing for unrelated names', () => {
    expect(suggest('retencionIVA', ['retencionIva', 'receptor'])).toBe('retencionIva');
    expect(suggest('descuentos', ['descuento', 'descripcion'])).toBe('descuento');
    expect(suggest('gravada', ['noSujeto', 'exento', 'gravado'])).toBe('gravado');
    expect(suggest('zzz', ['receptor', 'items'])).toBeNull();
  });

  it('every documented example of every type parses with no unknown field', () => {
    for (const [tipo, cases] of Object.entries(CASES)) {
      for (const c of cases!) expect(issuesOf(c.body), `${tipo} ${c.name}`).toEqual([]);
    }
  });

  it('a field of another type is named as such; one of no type is unknown', () => {
    const base = { referenciaExterna: 'x', items: [{ descripcion: 'a', cantidad: 1, precio: 1 }] };
    expect(issuesOf({ ...base, exportacion: { tipoItemExpor: 2 } })).toEqual(['exportacion:FIELD_NOT_USED_BY_TIPO']);
    expect(issuesOf({ ...base, numPagoElectronico: 'x', tipoDte: '04' })).toEqual(
      expect.arrayContaining(['numPagoElectronico:FIELD_NOT_USED_BY_TIPO']),
    );
    expect(issuesOf({ ...base, foo: 1 })).toEqual(['foo:UNKNOWN_FIELD']);
    expect(issuesOf({ ...base, codEstableMH: 'M001', patientId: 'P-1' })).toEqual([]);
  });

  it('names every unread key by its path, in order; the envelope fields only where they go', () => {
    const body = {
      zeta: 1,
      referenciaExterna: 'x',
      receptor: {
        nombre: 'Ana',
        nombreX: 'b',
        direccion: { departamento: '06', municipio: '23', distrito: '14', complemento: 'Colonia X', calle: 'x' },
      },
      items: [
        { descripcion: 'a', cantidad: 1, precio: 1, serviceId: 'S-1', medicamentoPerecedero: true, precioX: 2 },
        { descripcion: 'b', cantidad: 1, precio: 1, patientId: 'P-1' },
      ],
      pagos: [{ codigo: '01', codEstableMH: 'M001' }],
      '': { a: 1 },
    };
    expect(issuesOf(body)).toEqual([
      'zeta:UNKNOWN_FIELD',
      'receptor.nombreX:UNKNOWN_FIELD',
      'receptor.direccion.calle:UNKNOWN_FIELD',
      'items[0].precioX:UNKNOWN_FIELD',
      'items[1].patientId:UNKNOWN_FIELD',
      'pagos[0].codEstableMH:UNKNOWN_FIELD',
      ':UNKNOWN_FIELD',
    ]);
  });
});

describe('item nature and treatment', () => {
  it('tipo words and codes, tipoItem, and their conflicts', () => {
    const item = (x: Record<string, unknown>) => ({
      referenciaExterna: 'x',
      items: [{ descripcion: 'a', cantidad: 1, precio: 1, ...x }],
    });
    const tipoItem = (x: Record<string, unknown>) => {
      const r = parseEmission(item(x));
      return r.ok ? r.value.items[0]!.tipoItem : r.issues.map((i) => i.code);
    };
    expect([
      tipoItem({ tipo: 'bien' }),
      tipoItem({ tipo: 'Servicio' }),
      tipoItem({ tipo: 'ambos' }),
      tipoItem({ tipo: '3' }),
      tipoItem({}),
    ]).toEqual([1, 2, 3, 3, 2]);
    expect(tipoItem({ tipo: 'bien', tipoItem: 2 })).toEqual(['CONFLICTING_FIELDS']);
    expect(tipoItem({ tipo: 'noSujeto' })).toEqual(['TAX_TREATMENT_IN_TIPO']);
    const ok = parseEmission(item({ tipo: 'bien', tratamientoFiscal: 'exento' }));
    expect(ok.ok && ok.value.items[0]!.tipo).toBe('exento');
  });

  it('an all-zero document is refused on a CCF (only an FE consumidor final may go without one)', () => {
    const ccf = structuredClone(CASES['03']![0]!.body) as any;
    ccf.receptor.numDocumento = '0000-000000-000-0';
    expect(issuesOf(ccf)).toEqual(['receptor.numDocumento:PLACEHOLDER_DOCUMENT']);
  });
});

describe('the v1.0 body', () => {
  it('is detected from its fields and translated; paths come back in its own names', () => {
    const n = normalizeBody({
      externalId: 'E-1',
      cuerpoDocumento: [{ numItem: 1, precioUni: 2, cantidad: 1, descripcion: 'a', ventaExenta: 2, montoDescu: 0 }],
      resumen: { descuGravada: 1, totalPagar: 2, pagos: [{ codigo: '01', montoPago: 2 }] },
    });
    expect(n.shape).toBe('v1');
    expect(n.body).toEqual({
      referenciaExterna: 'E-1',
      items: [{ precio: 2, cantidad: 1, descripcion: 'a', tratamientoFiscal: 'exento', descuento: 0 }],
      descuentoGlobal: { gravado: 1 },
      pagos: [{ codigo: '01', monto: 2 }],
    });
    expect(n.declared.map((d) => d.path)).toEqual(['cuerpoDocumento[0].ventaExenta', 'resumen.totalPagar']);
    expect(
      [
        'items[0].precio',
        'items[0].descuento',
        'referenciaExterna',
        'pagos[0].monto',
        'descuentoGlobal.gravado',
        'receptor.nombre',
      ].map(n.pathOf),
    ).toEqual([
      'cuerpoDocumento[0].precioUni',
      'cuerpoDocumento[0].montoDescu',
      'externalId',
      'resumen.pagos[0].montoPago',
      'resumen.descuGravada',
      'receptor.nombre',
    ]);
    expect(normalizeBody({ referenciaExterna: 'x', items: [] }).shape).toBe('contrato');
    expect(normalizeBody({ cuerpoDocumento: [{ ventaGravada: 1, ventaExenta: 1 }] }).issues.map((i) => i.code)).toEqual(
      ['MIXED_TAX_TREATMENT'],
    );
  });
});

describe('message catalog', () => {
  it('picks the language by q-value, keeps codes, and strips params', () => {
    expect([
      languageOf('es'),
      languageOf('en-US,es;q=0.5'),
      languageOf('fr, es;q=0.1'),
      languageOf(undefined),
      languageOf('de'),
    ]).toEqual(['es', 'en', 'es', 'en', 'en']);
    const issues = [{ path: 'items[0].cantidad', code: 'REQUIRED', message: 'cantidad is required', params: { a: 1 } }];
    expect(localizeError('VALIDATION_FAILED', 'x', issues, 'es')).toEqual({
      message: 'items[0].cantidad: cantidad es obligatorio',
      issues: [{ path: 'items[0].cantidad', code: 'REQUIRED', message: 'cantidad es obligatorio' }],
    });
    expect(localizeError('VALIDATION_FAILED', 'x', issues, 'en').issues).toEqual([
      { path: 'items[0].cantidad', code: 'REQUIRED', message: 'cantidad is required' },
    ]);
  });
});
