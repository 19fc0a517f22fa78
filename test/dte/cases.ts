// The conformance matrix: emission bodies per type (taxed / exempt / non-subject mixes, discounts, 8-decimal values,
// retention, identified and anonymous receptors). Each case is also run in contingency where the type allows it.
import type { TipoDte } from '../../src/dte/index.js';

export interface Case {
  name: string;
  body: Record<string, unknown>;
}

const DIR = { departamento: '06', municipio: '23', distrito: '14', complemento: 'Col. Escalón, San Salvador' };
const DIR2 = { departamento: '05', municipio: '24', distrito: '15', complemento: 'San Juan Opico, km 30 carretera' };
export const CONTRIBUYENTE = {
  nombre: 'DROGUERÍA EL ALIVIO, S.A. DE C.V.',
  numDocumento: '0614-050707-104-8',
  nrc: '123456-7',
  codActividad: '46482',
  descActividad: 'Venta al por mayor de medicamentos',
  nombreComercial: 'El Alivio',
  direccion: DIR2,
  telefono: '22445566',
  correo: 'compras@elalivio.com.sv',
};
const PERSONA = {
  nombre: 'María José Rivas',
  tipoDocumento: '13',
  numDocumento: '12345678-4',
  correo: 'mjrivas@example.com',
  telefono: '77778888',
  direccion: DIR,
};

export const mix = [
  { descripcion: 'Consulta de especialidad', cantidad: 1, precio: '45.00', descuento: '5' },
  { descripcion: 'Vacuna (exenta)', cantidad: '2.5', precio: '12.12345678', tratamientoFiscal: 'exento' },
  { descripcion: 'Servicio no sujeto', cantidad: 1, precio: 3.33, tratamientoFiscal: 'noSujeto' },
  {
    descripcion: 'Reactivo de laboratorio',
    cantidad: '0.12345678',
    precio: '987.65432109',
    tipoItem: 1,
    uniMedida: 23,
    codigo: 'LAB-001',
  },
];
export const relCcf = [
  {
    tipoDocumento: '03',
    tipoGeneracion: 2,
    numeroDocumento: '1E3A9C55-0C1B-4F57-9B9E-4A63D1A4B2C7',
    fechaEmision: '2026-11-20',
  },
];

export const CASES: Partial<Record<TipoDte, Case[]>> = {
  '01': [
    {
      name: 'anonymous single service',
      body: { referenciaExterna: 'fe-1', items: [{ descripcion: 'Consulta general', cantidad: 1, precio: '11.30' }] },
    },
    {
      name: 'identified DUI, mix, global discount, retention, cargo',
      body: {
        referenciaExterna: 'fe-2',
        receptor: PERSONA,
        retencionIva: true,
        descuentoGlobal: { gravado: 2, exento: '1.50' },
        items: [...mix, { descripcion: 'Cargo por envío', cantidad: 1, precio: 2, tratamientoFiscal: 'noGravado' }],
        pagos: [{ codigo: '02', referencia: 'VISA-1234' }],
      },
    },
    {
      name: 'NIT receptor with NRC, médico block, credit',
      body: {
        referenciaExterna: 'fe-3',
        receptor: { ...CONTRIBUYENTE, tipoDocumento: '36', nombreComercial: undefined },
        condicionOperacion: 2,
        pagos: [{ codigo: '13', plazo: '01', periodo: 30 }],
        medico: { nombre: 'Dr. Carlos Mena', nit: '0614-180948-001-4', tipoServicio: 3 },
        items: [{ descripcion: 'Tratamiento', cantidad: 3, precio: '33.33' }],
      },
    },
    {
      name: 'exempt only (utilidad pública), anonymous',
      body: {
        referenciaExterna: 'fe-4',
        items: [{ descripcion: 'Consulta (exenta Art. 46 a)', cantidad: 1, precio: 20, tratamientoFiscal: 'exento' }],
      },
    },
    {
      name: 'large identified sale over $25,000',
      body: {
        referenciaExterna: 'fe-5',
        receptor: PERSONA,
        items: [{ descripcion: 'Cirugía cardiaca', cantidad: 1, precio: '30000.00' }],
      },
    },
  ],
  '03': [
    {
      name: 'MH example $2000 service',
      body: {
        tipoDte: '03',
        referenciaExterna: 'ccf-1',
        receptor: CONTRIBUYENTE,
        items: [{ descripcion: 'Servicio', cantidad: 1, precio: 2000 }],
      },
    },
    {
      name: 'mix, discounts, retention + perception, cargo',
      body: {
        tipoDte: '03',
        referenciaExterna: 'ccf-2',
        receptor: CONTRIBUYENTE,
        retencionIva: true,
        percepcionIva: true,
        descuentoGlobal: { gravado: '10' },
        items: [...mix, { descripcion: 'Flete', cantidad: 1, precio: '4.5', tratamientoFiscal: 'noGravado' }],
      },
    },
    {
      name: 'médico + otros documentos + tax item',
      body: {
        tipoDte: '03',
        referenciaExterna: 'ccf-3',
        receptor: CONTRIBUYENTE,
        otrosDocumentos: [{ codDocAsociado: 2, descDocumento: 'Póliza de seguro', detalleDocumento: 'Póliza 555-123' }],
        medico: { nombre: 'Dra. Ana López', docIdentificacion: 'PAS-99887766', tipoServicio: 1 },
        items: [
          { descripcion: 'Cirugía', cantidad: 1, precio: 800 },
          { descripcion: 'Impuesto especial', cantidad: 1, precio: 1, tipoItem: 4, codTributo: 'D5' },
        ],
      },
    },
  ],
  '05': [
    {
      name: 'credit note on a CCF (partial return)',
      body: {
        tipoDte: '05',
        referenciaExterna: 'nc-1',
        receptor: CONTRIBUYENTE,
        documentoRelacionado: relCcf,
        items: [{ descripcion: 'Devolución reactivo', cantidad: '0.5', precio: '120.12345678', tipoItem: 1 }],
      },
    },
    {
      name: 'mixed credit note with retention + perception',
      body: {
        tipoDte: '05',
        referenciaExterna: 'nc-2',
        receptor: { ...CONTRIBUYENTE, tipoDocumento: '36' },
        retencionIva: true,
        percepcionIva: true,
        documentoRelacionado: relCcf,
        items: mix,
      },
    },
  ],
  '06': [
    {
      name: 'debit note: interest on a CCF',
      body: {
        tipoDte: '06',
        referenciaExterna: 'nd-1',
        receptor: CONTRIBUYENTE,
        documentoRelacionado: relCcf,
        items: [{ descripcion: 'Intereses por mora', cantidad: 1, precio: '15.75' }],
      },
    },
    {
      name: 'debit note with fusion, mix and retention',
      body: {
        tipoDte: '06',
        referenciaExterna: 'nd-2',
        fusion: '0614-270976-001-2',
        receptor: CONTRIBUYENTE,
        retencionIva: true,
        documentoRelacionado: relCcf,
        items: mix,
      },
    },
  ],
  '04': [
    {
      name: 'remission of goods on consignment',
      body: {
        tipoDte: '04',
        referenciaExterna: 'nr-1',
        receptor: { ...CONTRIBUYENTE, tipoDocumento: '36', bienTitulo: '03' },
        items: [
          { descripcion: 'Monitor de signos vitales', cantidad: 2, precio: '1500.00', tipoItem: 1 },
          {
            descripcion: 'Insumos exentos',
            cantidad: '10.5',
            precio: '1.23456789',
            tratamientoFiscal: 'exento',
            tipoItem: 1,
          },
        ],
      },
    },
    {
      name: 'remission related to a CCF with discount',
      body: {
        tipoDte: '04',
        referenciaExterna: 'nr-2',
        receptor: { ...PERSONA, codActividad: '10001', descActividad: 'Empleados', bienTitulo: '01' },
        descuentoGlobal: { gravado: 5 },
        documentoRelacionado: relCcf,
        items: [{ descripcion: 'Camilla', cantidad: 1, precio: 350, tipoItem: 1, descuento: 10 }],
      },
    },
  ],
  '14': [
    {
      name: 'purchase from a sujeto excluido with 10 % renta',
      body: {
        tipoDte: '14',
        referenciaExterna: 'fse-1',
        receptor: {
          nombre: 'José Hernández',
          tipoDocumento: '13',
          numDocumento: '12345678-4',
          direccion: DIR,
          telefono: '77001122',
        },
        porcentajeReteRenta: 10,
        items: [{ descripcion: 'Servicio de limpieza', cantidad: 1, precio: 150 }],
        pagos: [{ codigo: '01' }],
      },
    },
    {
      name: 'goods, decimals, discounts, no withholding',
      body: {
        tipoDte: '14',
        referenciaExterna: 'fse-2',
        receptor: {
          nombre: 'Cooperativa Local',
          tipoDocumento: '37',
          numDocumento: 'CARNET-7788',
          direccion: DIR,
          codActividad: '10005',
          descActividad: 'Otros',
        },
        descuentoGlobal: { gravado: '1.10' },
        items: [
          {
            descripcion: 'Frutas',
            cantidad: '12.12345678',
            precio: '0.87654321',
            tipoItem: 1,
            uniMedida: 36,
            descuento: '0.25',
          },
          { descripcion: 'Transporte', cantidad: 1, precio: 5 },
        ],
      },
    },
  ],
  '11': [
    {
      name: 'exported medical service (telemedicine) to a US company',
      body: {
        tipoDte: '11',
        referenciaExterna: 'fex-1',
        exportacion: { tipoItemExpor: 2 },
        receptor: {
          nombre: 'Health Partners LLC',
          tipoDocumento: '37',
          numDocumento: 'EIN-12-3456789',
          descActividad: 'Servicios de salud',
          codPais: 'US',
          tipoPersona: 2,
          complemento: '100 Main St, Miami FL',
          correo: 'billing@hp.example.com',
        },
        items: [{ descripcion: 'Interpretación de estudios', cantidad: 10, precio: '45.5' }],
      },
    },
    {
      name: 'exported goods FOB with freight, insurance, discount and cargo',
      body: {
        tipoDte: '11',
        referenciaExterna: 'fex-2',
        exportacion: {
          tipoItemExpor: 1,
          recintoFiscal: '01',
          regimen: '1000.000',
          tipoRegimen: 'EX-1',
          codIncoterms: '04',
          seguro: '12.5',
          flete: 80,
        },
        receptor: {
          nombre: 'Distribuidora Médica GT',
          tipoDocumento: '37',
          numDocumento: 'NIT-GT-778899',
          descActividad: 'Venta de insumos médicos',
          codPais: 'GT',
          tipoPersona: 2,
          complemento: 'Zona 10, Ciudad de Guatemala',
        },
        descuentoGlobal: { gravado: 3 },
        otrosDocumentos: [
          {
            codDocAsociado: 4,
            descDocumento: 'Transporte terrestre',
            detalleDocumento: 'Carta de porte 4455',
            placaTrans: 'C123-456',
            modoTransp: 1,
            numConductor: '12345678-4',
            nombreConductor: 'Pedro Alvarado',
          },
        ],
        items: [
          {
            descripcion: 'Guantes de nitrilo (caja)',
            cantidad: '100.5',
            precio: '3.12345678',
            tipoItem: 1,
            descuento: 1,
          },
          { descripcion: 'Embalaje', cantidad: 1, precio: 10, tratamientoFiscal: 'noGravado' },
        ],
      },
    },
  ],
  '07': [
    {
      name: '1 % retention on two CCF',
      body: {
        tipoDte: '07',
        referenciaExterna: 'cr-1',
        receptor: { ...CONTRIBUYENTE, tipoDocumento: '36' },
        items: [
          {
            tipoDte: '03',
            numDocumento: '1E3A9C55-0C1B-4F57-9B9E-4A63D1A4B2C7',
            fechaEmision: '2026-11-20',
            montoSujetoGrav: '1500.00',
            descripcion: 'Compra de medicamentos',
          },
          {
            tipoDte: '03',
            tipoGeneracion: 1,
            numDocumento: '00012345',
            fechaEmision: '2026-11-21',
            montoSujetoGrav: 250.55,
          },
        ],
      },
    },
    {
      name: '13 % and C9 retention, DUI receptor, fusion',
      body: {
        tipoDte: '07',
        referenciaExterna: 'cr-2',
        fusion: '0614-270976-001-2',
        receptor: { ...PERSONA, codActividad: '86203', descActividad: 'Servicios médicos' },
        items: [
          {
            tipoDte: '14',
            numDocumento: '9F8E7D6C-5B4A-4392-8170-6F5E4D3C2B1A',
            fechaEmision: '2026-11-25',
            montoSujetoGrav: 100,
            codigoRetencionMH: 'C4',
          },
          {
            tipoDte: '03',
            numDocumento: '0C1B1E3A-9C55-4F57-9B9E-4A63D1A4B2C7',
            fechaEmision: '2026-11-25',
            montoSujetoGrav: 300,
            codigoRetencionMH: 'C9',
            ivaRetenido: '6.00',
          },
        ],
      },
    },
  ],
  '08': [
    {
      name: 'liquidation of consignment sales with perception',
      body: {
        tipoDte: '08',
        referenciaExterna: 'cl-1',
        receptor: { ...CONTRIBUYENTE, tipoDocumento: '36' },
        percepcionIva: true,
        items: [
          {
            tipoDte: '03',
            numeroDocumento: '1E3A9C55-0C1B-4F57-9B9E-4A63D1A4B2C7',
            fechaEmision: '2026-11-10',
            ventaGravada: '1000.12345678',
            observaciones: 'Ventas semana 1',
          },
          {
            tipoDte: '01',
            numeroDocumento: '0C1B1E3A-9C55-4F57-9B9E-4A63D1A4B2C7',
            fechaEmision: '2026-11-12',
            ventaExenta: 200,
            ventaNoSuj: 15,
          },
        ],
      },
    },
    {
      name: 'exports only',
      body: {
        tipoDte: '08',
        referenciaExterna: 'cl-2',
        receptor: { ...CONTRIBUYENTE, codDomiciliado: 1 },
        items: [
          {
            tipoDte: '11',
            tipoGeneracion: 1,
            numeroDocumento: '000778',
            fechaEmision: '2026-11-15',
            exportaciones: '640.5',
          },
        ],
      },
    },
  ],
  '09': [
    {
      name: 'monthly card liquidation with commission',
      body: {
        tipoDte: '09',
        referenciaExterna: 'dcl-1',
        receptor: { ...CONTRIBUYENTE, tipoEstablecimiento: '02' },
        liquidacion: {
          periodoLiquidacionFechaInicio: '2026-11-01',
          periodoLiquidacionFechaFin: '2026-11-30',
          codLiquidacion: 'LQ-2026-11',
          cantidadDoc: 152,
          valorOperaciones: '11300.00',
          montoSinPercepcion: '300',
          descripSinPercepcion: 'Ventas exentas',
          porcentComision: '3.5',
          nombEntrega: 'Ana Gómez',
          docuEntrega: '123456784',
          codEmpleado: 'E-001',
        },
      },
    },
  ],
  '15': [
    {
      name: 'cash and goods donated to a health foundation',
      body: {
        tipoDte: '15',
        referenciaExterna: 'cd-1',
        receptor: {
          nombre: 'Fundación Amigos',
          tipoDocumento: '36',
          numDocumento: '0614-050707-104-8',
          codPais: 'SV',
          direccion: DIR,
          correo: 'donaciones@amigos.org.sv',
        },
        otrosDocumentos: [
          { codDocAsociado: 1, descDocumento: 'Resolución DGII de donatario', detalleDocumento: 'Res. 10001-NEX-2026' },
        ],
        items: [
          { tipoDonacion: 1, cantidad: 1, descripcion: 'Donación en efectivo', precio: 5000 },
          {
            tipoDonacion: 2,
            cantidad: 3,
            descripcion: 'Silla de ruedas usada',
            precio: '150.12345678',
            depreciacion: '30.5',
          },
        ],
        pagos: [
          { codigo: '05', monto: '5000', referencia: 'TRF-998877' },
          { codigo: '99', monto: '419.87', referencia: 'Bienes' },
        ],
      },
    },
    {
      name: 'foreign donor service donation',
      body: {
        tipoDte: '15',
        referenciaExterna: 'cd-2',
        receptor: { nombre: 'Doctors Abroad Inc.', tipoDocumento: '37', numDocumento: 'US-EIN-998877', codPais: 'US' },
        otrosDocumentos: [
          { codDocAsociado: 2, descDocumento: 'Convenio de donación', detalleDocumento: 'Convenio 2026-15' },
        ],
        items: [{ tipoDonacion: 3, cantidad: 40, descripcion: 'Horas de consulta especializada', precio: 60 }],
      },
    },
  ],
};
export { DIR, DIR2, PERSONA };
