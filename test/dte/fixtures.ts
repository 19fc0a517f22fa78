// Shared fixtures for the DTE tests (imported, not a test file).
import type { Emisor, IdentificationContext, TipoDte } from '../../src/dte/index.js';
import { formatNumeroControl } from '../../src/dte/index.js';

export const EMISOR: Emisor = {
  nit: '06141809480014',
  nrc: '1234567',
  nombre: 'CLÍNICA SAN RAFAEL, S.A. DE C.V.',
  nombreComercial: 'Clínica San Rafael',
  codActividad: '86201',
  descActividad: 'Clínicas médicas',
  tipoEstablecimiento: '02',
  direccion: {
    departamento: '06',
    municipio: '23',
    distrito: '14',
    complemento: 'Colonia Escalón, Paseo General Escalón 1234',
  },
  telefono: '22223333',
  correo: 'facturacion@clinicasanrafael.com.sv',
  codEstableMH: 'M001',
  codPuntoVentaMH: 'P001',
  codEstable: '0001',
  codPuntoVenta: '01',
};

export const CG = '5B7E3A1C-2D4F-4A6B-8C9D-0E1F2A3B4C5D';

export function ident(tipo: TipoDte, n = 1, extra: Partial<IdentificationContext> = {}): IdentificationContext {
  return {
    ambiente: '00',
    codigoGeneracion: CG,
    numeroControl: formatNumeroControl(tipo, tipo === '15' ? 'M001' : 'M001', 'P001', n),
    fecEmi: '2026-12-02',
    horEmi: '10:15:00',
    contingencia: null,
    ...extra,
  };
}
