/**
 * Hand-built DTE JSON samples shaped after MH's normativa-2.0 schemas (fe-f-v2, fe-ccf-v4, fe-fse-v2, fe-fex-v3,
 * fe-cr-v2, fe-cd-v2, fe-dcl-v2, fe-nc-v4). Pure data: every call returns a fresh object.
 */
import type { DteJson } from '../../src/modules/documents/index.js';
import type { JsonValue } from '../../src/modules/documents/dte-json.js';

const direccion = {
  departamento: '06',
  municipio: '23',
  distrito: '01',
  complemento: 'Colonia Escalón, Calle El Mirador #12',
};

function identificacion(
  tipoDte: string,
  version: number,
  n: string,
  codigo: string,
  extra: object = {},
  contingencyFields = true,
) {
  const id: Record<string, JsonValue> = {
    version,
    ambiente: '00',
    tipoDte,
    numeroControl: `DTE-${tipoDte}-M001P001-${n.padStart(15, '0')}`,
    codigoGeneracion: codigo,
    tipoModelo: 1,
    tipoOperacion: 1,
    tipoContingencia: null,
    motivoContin: null,
    fecEmi: '2026-03-05',
    horEmi: '10:15:30',
    tipoMoneda: 'USD',
    ...extra,
  };
  // CD and DCL have no contingency fields (fe-cd-v2, fe-dcl-v2)
  if (!contingencyFields) {
    delete id['tipoContingencia'];
    delete id['motivoContin'];
  }
  return id;
}

const emisor = {
  nit: '06142803901121',
  nrc: '2345678',
  nombre: 'Clínica Médica Santa Lucía, S.A. de C.V.',
  codActividad: '86100',
  descActividad: 'Actividades de hospitales',
  nombreComercial: 'Clínica Santa Lucía',
  direccion,
  telefono: '22223333',
  correo: 'facturas@santalucia.com.sv',
  codEstable: 'M001',
  codPuntoVenta: 'P001',
};

export function factura(): DteJson {
  return {
    identificacion: identificacion('01', 2, '1', 'A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D'),
    documentoRelacionado: null,
    emisor,
    receptor: {
      tipoDocumento: '13',
      numDocumento: '012345678',
      nrc: null,
      nombre: 'José Peña Núñez',
      codActividad: null,
      descActividad: null,
      direccion: null,
      telefono: null,
      correo: 'jose.pena@example.com',
    },
    otrosDocumentos: [
      {
        codDocAsociado: 3,
        descDocumento: null,
        detalleDocumento: null,
        medico: {
          nombre: 'Dra. María Ángeles Ibáñez',
          nit: '06141506861234',
          docIdentificacion: null,
          tipoServicio: 3,
        },
      },
    ],
    ventaTercero: null,
    cuerpoDocumento: [
      {
        numItem: 1,
        tipoItem: 2,
        numeroDocumento: null,
        cantidad: 1,
        codigo: 'CONS-01',
        codTributo: null,
        uniMedida: 59,
        descripcion: 'Consulta médica general — revisión de presión y diagnóstico',
        precioUni: 45,
        montoDescu: 0,
        ventaNoSuj: 0,
        ventaExenta: 0,
        ventaGravada: 45,
        tributos: null,
        psv: 0,
        noGravado: 0,
        ivaItem: 5.17699115,
      },
      {
        numItem: 2,
        tipoItem: 1,
        numeroDocumento: null,
        cantidad: 2,
        codigo: 'MED-77',
        codTributo: null,
        uniMedida: 59,
        descripcion: 'Ibuprofeno 400 mg, caja de 10 tabletas',
        precioUni: 3.5,
        montoDescu: 0.5,
        ventaNoSuj: 0,
        ventaExenta: 0,
        ventaGravada: 6.5,
        tributos: null,
        psv: 0,
        noGravado: 0,
        ivaItem: 0.74778761,
      },
    ],
    resumen: {
      totalNoSuj: 0,
      totalExenta: 0,
      totalGravada: 51.5,
      subTotalVentas: 51.5,
      descuNoSuj: 0,
      descuExenta: 0,
      descuGravada: 0,
      porcentajeDescuento: 0,
      totalDescu: 0.5,
      tributos: null,
      subTotal: 51.5,
      ivaRete: 0,
      montoTotalOperacion: 51.5,
      totalNoGravado: 0,
      totalPagar: 51.5,
      totalLetras: 'CINCUENTA Y UNO 50/100 DÓLARES',
      totalIva: 5.92,
      saldoFavor: 0,
      condicionOperacion: 1,
      pagos: [{ codigo: '02', montoPago: 51.5, referencia: '4321', plazo: null, periodo: null }],
      numPagoElectronico: null,
      observaciones: null,
    },
    apendice: [{ campo: 'expediente', etiqueta: 'Expediente', valor: 'EXP-2026-0042' }],
  };
}

export function creditoFiscal(): DteJson {
  return {
    identificacion: identificacion('03', 4, '27', 'B2C3D4E5-F6A7-4B8C-9D0E-1F2A3B4C5D6E'),
    documentoRelacionado: null,
    emisor,
    receptor: {
      nit: '06140101001017',
      nrc: '1234567',
      nombre: 'Aseguradora Cuscatlán, S.A.',
      codActividad: '65110',
      descActividad: 'Planes de seguros de vida',
      nombreComercial: 'Seguros Cuscatlán',
      direccion,
      telefono: '25551234',
      correo: 'cxp@seguros.example',
    },
    otrosDocumentos: null,
    ventaTercero: null,
    cuerpoDocumento: [
      {
        numItem: 1,
        tipoItem: 2,
        numeroDocumento: null,
        codigo: null,
        codTributo: null,
        descripcion: 'Servicios hospitalarios',
        cantidad: 1,
        uniMedida: 59,
        precioUni: 2000,
        montoDescu: 0,
        ventaNoSuj: 0,
        ventaExenta: 0,
        ventaGravada: 2000,
        tributos: ['20'],
        psv: 0,
        noGravado: 0,
      },
    ],
    resumen: {
      totalNoSuj: 0,
      totalExenta: 0,
      totalGravada: 2000,
      subTotalVentas: 2000,
      descuNoSuj: 0,
      descuExenta: 0,
      descuGravada: 0,
      porcentajeDescuento: 0,
      totalDescu: 0,
      tributos: [{ codigo: '20', descripcion: 'Impuesto al Valor Agregado 13%', valor: 260 }],
      subTotal: 2000,
      ivaPerci: 0,
      ivaRete: 20,
      montoTotalOperacion: 2260,
      totalNoGravado: 0,
      totalPagar: 2240,
      totalLetras: 'DOS MIL DOSCIENTOS CUARENTA DÓLARES',
      saldoFavor: 0,
      condicionOperacion: 2,
      pagos: [{ codigo: '05', montoPago: 2240, referencia: null, plazo: '01', periodo: 30 }],
      numPagoElectronico: null,
      observaciones: null,
    },
    apendice: null,
  };
}

export function sujetoExcluido(): DteJson {
  return {
    identificacion: identificacion('14', 2, '3', 'C3D4E5F6-A7B8-4C9D-8E1F-2A3B4C5D6E7F'),
    emisor,
    receptor: {
      tipoDocumento: '13',
      numDocumento: '987654321',
      nombre: 'Ramón Ávila Cañas',
      codActividad: null,
      descActividad: null,
      direccion,
      telefono: null,
      correo: null,
    },
    cuerpoDocumento: [
      {
        numItem: 1,
        tipoItem: 2,
        cantidad: 1,
        codigo: null,
        uniMedida: 59,
        descripcion: 'Servicio de jardinería',
        precioUni: 150,
        montoDescu: 0,
        compra: 150,
      },
    ],
    resumen: {
      totalCompra: 150,
      descu: 0,
      totalDescu: 0,
      subTotal: 150,
      reteRenta: 15,
      totalPagar: 135,
      totalLetras: 'CIENTO TREINTA Y CINCO 00/100 DÓLARES',
      condicionOperacion: 1,
      pagos: null,
      observaciones: null,
    },
    apendice: null,
  };
}

export function exportacion(): DteJson {
  return {
    identificacion: identificacion('11', 3, '8', 'D4E5F6A7-B8C9-4D0E-9F2A-3B4C5D6E7F80'),
    documentoRelacionado: null,
    emisor: { ...emisor, tipoItemExpor: 2, recintoFiscal: null, tipoRegimen: null, regimen: null },
    receptor: {
      nombre: 'Hospital Universitario de Guatemala',
      tipoDocumento: '37',
      numDocumento: 'GT-998877',
      descActividad: 'Hospitales',
      nombreComercial: null,
      codPais: 'GT',
      nombrePais: 'Guatemala',
      complemento: 'Zona 10, Ciudad de Guatemala',
      tipoPersona: 2,
      telefono: null,
      correo: 'compras@hug.example',
    },
    otrosDocumentos: null,
    ventaTercero: null,
    compraTercero: null,
    cuerpoDocumento: [
      {
        numItem: 1,
        tipoItem: 2,
        numeroDocumento: null,
        cantidad: 3,
        codigo: 'TELE',
        codTributo: null,
        uniMedida: 59,
        descripcion: 'Teleconsulta especializada',
        precioUni: 120,
        montoDescu: 0,
        ventaGravada: 360,
        tributos: ['C3'],
        noGravado: 0,
      },
    ],
    resumen: {
      totalGravada: 360,
      descuGravada: 0,
      porcentajeDescuento: 0,
      totalDescu: 0,
      seguro: 0,
      flete: 0,
      tributos: [{ codigo: 'C3', descripcion: 'Impuesto al valor agregado (exportaciones) 0%', valor: 0 }],
      montoTotalOperacion: 360,
      totalNoGravado: 0,
      totalNoOnerosas: 0,
      totalPagar: 360,
      totalLetras: 'TRESCIENTOS SESENTA 00/100 DÓLARES',
      saldoFavor: 0,
      condicionOperacion: 1,
      pagos: null,
      codIncoterms: null,
      descIncoterms: null,
      numPagoElectronico: null,
      observaciones: null,
    },
    apendice: null,
  };
}

export function retencion(): DteJson {
  return {
    identificacion: identificacion('07', 2, '5', 'E5F6A7B8-C9D0-4E1F-8A3B-4C5D6E7F8091', { fusion: null }),
    emisor,
    receptor: {
      tipoDocumento: '36',
      numDocumento: '06140202021018',
      nrc: '7654321',
      nombre: 'Laboratorio Clínico Ñandú',
      codActividad: '86901',
      descActividad: 'Laboratorios',
      nombreComercial: null,
      direccion,
      telefono: null,
      correo: null,
    },
    cuerpoDocumento: [
      {
        numItem: 1,
        tipoDte: '03',
        tipoGeneracion: 2,
        numDocumento: 'F1E2D3C4-B5A6-4978-8695-A4B3C2D1E0F9',
        fechaEmision: '2026-03-01',
        montoSujetoGrav: 500,
        codigoRetencionMH: '22',
        ivaRetenido: 5,
        descripcion: 'Retención 1% CCF',
      },
    ],
    resumen: {
      totalSujetoRetencion: 500,
      totalIva: 65,
      totalIvaRetenido: 5,
      totalLetras: 'CINCO 00/100 DÓLARES',
      observaciones: null,
    },
    apendice: null,
  };
}

export function donacion(): DteJson {
  return {
    identificacion: identificacion('15', 2, '2', 'F6A7B8C9-D0E1-4F2A-9B4C-5D6E7F8091A2', {}, false),
    receptor: {
      tipoDocumento: '36',
      numDocumento: '06140303031019',
      nrc: null,
      nombre: 'Fundación Niñez Feliz',
      codActividad: null,
      descActividad: null,
      direccion,
      telefono: null,
      correo: null,
      codDomiciliado: 1,
      codPais: 'SV',
    },
    emisor: { ...emisor, tipoDocumento: '36', numDocumento: emisor.nit },
    cuerpoDocumento: [
      {
        numItem: 1,
        tipoDonacion: 1,
        cantidad: 1,
        codigo: null,
        uniMedida: 99,
        descripcion: 'Donación en efectivo',
        tipoDepreciacion: null,
        valorUni: 1000,
        valor: 1000,
      },
    ],
    resumen: { valorTotal: 1000, totalLetras: 'MIL 00/100 DÓLARES', pagos: null },
    otrosDocumentos: [{ codDocAsociado: 1, descDocumento: 'Acuerdo de donación', detalleDocumento: 'AD-2026-7' }],
    apendice: null,
  };
}

export function liquidacionContable(): DteJson {
  return {
    identificacion: identificacion('09', 2, '4', 'A7B8C9D0-E1F2-4A3B-8C5D-6E7F8091A2B3', {}, false),
    emisor,
    receptor: { ...emisor, nombre: 'Procesadora de Pagos Ñ, S.A.', tipoEstablecimiento: '01' },
    cuerpoDocumento: {
      periodoLiquidacionFechaInicio: '2026-02-01',
      periodoLiquidacionFechaFin: '2026-02-28',
      codLiquidacion: 'LQ-02',
      cantidadDoc: 42,
      valorOperaciones: 10000,
      montoSinPercepcion: 0,
      descripSinPercepcion: null,
      subTotal: 8849.56,
      iva: 1150.44,
      montoSujetoPercepcion: 8849.56,
      ivaPercibido: 176.99,
      comision: 300,
      porcentComision: 3,
      ivaComision: 39,
      liquidoApagar: 9484.01,
      totalLetras: 'NUEVE MIL CUATROCIENTOS OCHENTA Y CUATRO 01/100 DÓLARES',
      observaciones: null,
    },
    extension: { nombEntrega: 'Ana Gómez', docuEntrega: '01234567-8', codEmpleado: 'E-17' },
    apendice: null,
  };
}

export function notaCredito(): DteJson {
  return {
    identificacion: identificacion('05', 4, '9', 'B8C9D0E1-F2A3-4B4C-9D6E-7F8091A2B3C4', { fusion: null }),
    documentoRelacionado: [
      {
        tipoDocumento: '03',
        tipoGeneracion: 2,
        numeroDocumento: 'B2C3D4E5-F6A7-4B8C-9D0E-1F2A3B4C5D6E',
        fechaEmision: '2026-03-05',
      },
    ],
    emisor,
    receptor: {
      tipoDocumento: '36',
      numDocumento: '06140101001017',
      nrc: '1234567',
      nombre: 'Aseguradora Cuscatlán, S.A.',
      codActividad: '65110',
      descActividad: 'Planes de seguros de vida',
      nombreComercial: null,
      direccion,
      telefono: null,
      correo: null,
    },
    ventaTercero: null,
    cuerpoDocumento: [
      {
        numItem: 1,
        tipoItem: 2,
        numeroDocumento: 'B2C3D4E5-F6A7-4B8C-9D0E-1F2A3B4C5D6E',
        cantidad: 1,
        codigo: null,
        codTributo: null,
        uniMedida: 59,
        descripcion: 'Ajuste por servicio no prestado',
        precioUni: 100,
        montoDescu: 0,
        ventaNoSuj: 0,
        ventaExenta: 0,
        ventaGravada: 100,
        tributos: ['20'],
        noGravado: 0,
        ivaPerci: 0,
        totalIva: 13,
        ivaRete: 0,
      },
    ],
    resumen: {
      totalNoSuj: 0,
      totalExenta: 0,
      totalGravada: 100,
      subTotalVentas: 100,
      totalDescu: 0,
      tributos: [{ codigo: '20', descripcion: 'Impuesto al Valor Agregado 13%', valor: 13 }],
      montoTotalOperacion: 113,
      ivaPerci: 0,
      totalIva: 13,
      ivaRete: 0,
      totalNoGravado: 0,
      totalPagar: 113,
      totalLetras: 'CIENTO TRECE 00/100 DÓLARES',
      condicionOperacion: 1,
      observaciones: 'Nota por ajuste',
      codigoRetencionMH: null,
    },
    apendice: null,
  };
}

/** A factura with `count` items, to exercise pagination. */
export function longFactura(count: number): DteJson {
  const doc = factura();
  const item = (doc['cuerpoDocumento'] as Record<string, unknown>[])[0]!;
  doc['cuerpoDocumento'] = Array.from({ length: count }, (_, i) => ({
    ...item,
    numItem: i + 1,
    descripcion: `Servicio número ${i + 1}`,
  }));
  return doc;
}
