import { describe, expect, it } from 'vitest';
import { buildDte, dteSummary, parseEmission, previewEmission, validateDte } from '../../src/dte/index.js';
import { EMISOR, ident } from './fixtures.js';

function build(body: unknown) {
  const p = parseEmission(body);
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  return buildDte(p.value, EMISOR, ident('01'));
}
const res = (doc: Record<string, unknown>) => doc['resumen'] as Record<string, unknown>;

describe('FE (01) v2', () => {
  it('MH example: 1 × $11.30 → ivaItem 1.30, totalPagar 11.30 (FE prices include IVA)', () => {
    const doc = build({ referenciaExterna: 'S-1', items: [{ descripcion: 'Consulta', cantidad: 1, precio: 11.3 }] });
    const item = (doc['cuerpoDocumento'] as Record<string, unknown>[])[0]!;
    expect(item).toMatchObject({
      ventaGravada: 11.3,
      ivaItem: 1.3,
      precioUni: 11.3,
      tipoItem: 2,
      uniMedida: 59,
      tributos: null,
    });
    expect(res(doc)).toMatchObject({
      totalGravada: 11.3,
      totalIva: 1.3,
      montoTotalOperacion: 11.3,
      totalPagar: 11.3,
      tributos: null,
      totalLetras: 'ONCE 30/100 DÓLARES',
    });
    expect(doc['receptor']).toBeNull();
    expect(validateDte(doc)).toEqual([]);
  });

  it('mixes gravado/exento/noSujeto, item and global discounts, 8-decimal quantities, retention and a cargo', () => {
    const doc = build({
      referenciaExterna: 'S-2',
      receptor: { nombre: 'Juan Pérez', tipoDocumento: '13', numDocumento: '12345678-4', correo: 'juan@example.com' },
      retencionIva: true,
      descuentoGlobal: { gravado: '1.00' },
      items: [
        { descripcion: 'Examen', cantidad: '1.12345678', precio: '10.87654321', descuento: '0.5' },
        { descripcion: 'Vacuna MINSAL', cantidad: 2, precio: '5.25', tratamientoFiscal: 'exento' },
        { descripcion: 'Servicio no sujeto', cantidad: 1, precio: 3, tratamientoFiscal: 'noSujeto' },
        { descripcion: 'Cargo por envío', cantidad: 1, precio: '2.00', tratamientoFiscal: 'noGravado' },
      ],
    });
    expect(validateDte(doc)).toEqual([]);
    const r = res(doc);
    expect(r['totalExenta']).toBe(10.5);
    expect(r['totalNoSuj']).toBe(3);
    expect(r['totalNoGravado']).toBe(2);
    expect((doc['receptor'] as Record<string, unknown>)['numDocumento']).toBe('123456784');
    expect(r['ivaRete']).toBeGreaterThan(0);
  });

  it('rejects a bad DUI check digit with the field path', () => {
    const p = parseEmission({
      referenciaExterna: 'x',
      receptor: { nombre: 'A', tipoDocumento: '13', numDocumento: '12345678-5' },
      items: [{ descripcion: 'a', cantidad: 1, precio: 1 }],
    });
    expect(p.ok).toBe(false);
    if (!p.ok)
      expect(p.issues).toContainEqual(
        expect.objectContaining({ path: 'receptor.numDocumento', code: 'INVALID_DUI_CHECK_DIGIT' }),
      );
  });

  it('requires an identified receptor at $25,000 and not below', () => {
    const body = (precio: string) => ({
      referenciaExterna: 'x',
      items: [{ descripcion: 'Cirugía', cantidad: 1, precio }],
    });
    expect(parseEmission(body('24999.99')).ok).toBe(true);
    const p = parseEmission(body('25000'));
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.issues[0]!.code).toBe('RECEPTOR_REQUIRED_ABOVE_THRESHOLD');
  });

  it('carries the médico block in otrosDocumentos (codDocAsociado 3, FE and CCF only)', () => {
    const r = previewEmission(
      {
        referenciaExterna: 'x',
        medico: { nombre: 'Dra. Ana López', nit: '0614-050707-104-8', tipoServicio: 1 },
        items: [{ descripcion: 'Cirugía', cantidad: 1, precio: 500 }],
      },
      EMISOR,
      ident('01'),
    );
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.value['otrosDocumentos']).toEqual([
        {
          codDocAsociado: 3,
          descDocumento: null,
          detalleDocumento: null,
          medico: { nombre: 'Dra. Ana López', nit: '06140507071048', docIdentificacion: null, tipoServicio: 1 },
        },
      ]);
  });

  it('validateDte catches tampered arithmetic and summary reads the totals', () => {
    const doc = build({ referenciaExterna: 'x', items: [{ descripcion: 'a', cantidad: 3, precio: '7.77' }] });
    expect(dteSummary(doc)).toMatchObject({
      tipoDte: '01',
      totalPagar: '23.31',
      totalIva: '2.68',
      receptorNombre: null,
    });
    res(doc)['totalGravada'] = 23.33;
    expect(validateDte(doc)).toContainEqual(
      expect.objectContaining({ path: 'resumen.totalGravada', code: 'CALCULO_INCORRECTO' }),
    );
  });
});
