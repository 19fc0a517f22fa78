import { Decimal } from 'decimal.js';
import { PNG } from 'pngjs';
import { renderDtePdf, type DteJson } from '../src/modules/documents/index.js';

/**
 * PDF documents/s and CPU ms per document for the letter and the 80 mm ticket layouts: a typical 5-line factura, a
 * 100-line one (pagination), and the letter with a tenant logo. Rendering is synchronous CPU work on one thread, so
 * documents are rendered one after another.
 */
const DURATION_MS = 3000;

function factura(lines: number): DteJson {
  const item = (n: number) => ({
    numItem: n,
    tipoItem: 2,
    numeroDocumento: null,
    cantidad: 1,
    codigo: `SRV-${n}`,
    codTributo: null,
    uniMedida: 59,
    descripcion: `Consulta médica especializada número ${n}`,
    precioUni: 11.3,
    montoDescu: 0,
    ventaNoSuj: 0,
    ventaExenta: 0,
    ventaGravada: 11.3,
    tributos: null,
    psv: 0,
    noGravado: 0,
    ivaItem: 1.3,
  });
  const total = new Decimal('11.30').times(lines).toNumber();
  const iva = new Decimal('1.30').times(lines).toNumber();
  const direccion = {
    departamento: '06',
    municipio: '23',
    distrito: '01',
    complemento: 'Colonia Escalón, calle principal',
  };
  return {
    identificacion: {
      version: 2,
      ambiente: '00',
      tipoDte: '01',
      numeroControl: 'DTE-01-M001P001-000000000000001',
      codigoGeneracion: '0F1E2D3C-4B5A-4968-8776-655443322110',
      tipoModelo: 1,
      tipoOperacion: 1,
      tipoContingencia: null,
      motivoContin: null,
      fecEmi: '2026-03-05',
      horEmi: '10:15:30',
      tipoMoneda: 'USD',
    },
    documentoRelacionado: null,
    emisor: {
      nit: '06142803901121',
      nrc: '2345678',
      nombre: 'Clínica Médica Santa Lucía, S.A. de C.V.',
      codActividad: '86100',
      descActividad: 'Actividades de hospitales',
      nombreComercial: 'Clínica Santa Lucía',
      direccion,
      telefono: '22223333',
      correo: 'facturas@santalucia.example',
      codEstable: 'M001',
      codPuntoVenta: 'P001',
    },
    receptor: {
      tipoDocumento: '13',
      numDocumento: '012345678',
      nrc: null,
      nombre: 'José Peña Núñez',
      codActividad: null,
      descActividad: null,
      direccion: null,
      telefono: null,
      correo: 'jose@example.com',
    },
    otrosDocumentos: null,
    ventaTercero: null,
    cuerpoDocumento: Array.from({ length: lines }, (_, i) => item(i + 1)),
    resumen: {
      totalNoSuj: 0,
      totalExenta: 0,
      totalGravada: total,
      subTotalVentas: total,
      descuNoSuj: 0,
      descuExenta: 0,
      descuGravada: 0,
      porcentajeDescuento: 0,
      totalDescu: 0,
      tributos: null,
      subTotal: total,
      ivaRete: 0,
      montoTotalOperacion: total,
      totalNoGravado: 0,
      totalPagar: total,
      totalLetras: 'BENCHMARK',
      totalIva: iva,
      saldoFavor: 0,
      condicionOperacion: 1,
      pagos: null,
      numPagoElectronico: null,
      observaciones: null,
    },
    apendice: null,
  };
}

/** A tenant logo as stored (an RGBA PNG with transparency, 480×160). */
export function logoPng(): Buffer {
  const png = new PNG({ width: 480, height: 160 });
  for (let y = 0; y < 160; y += 1) {
    for (let x = 0; x < 480; x += 1) {
      const inside = (x - 120) ** 2 / 96 ** 2 + (y - 80) ** 2 / 53 ** 2 < 1;
      const stripe = x > 240 && y % 20 < 10;
      png.data.set(
        [inside ? 20 : 255, inside ? 90 + (x % 50) : 255, inside ? 160 : 255, inside || stripe ? 255 : 0],
        (y * 480 + x) * 4,
      );
    }
  }
  return PNG.sync.write(png);
}

async function measure(
  document: DteJson,
  variant: 'letter' | 'ticket',
  logo: Buffer | null,
): Promise<{ perSec: number; cpuMs: number; bytes: number }> {
  const input = {
    document,
    status: 'PROCESSED' as const,
    selloRecibido: '2026D04751ECD4324D039CEAFD9A3516AAA7JESF',
    fhProcesamiento: '05/03/2026 10:15:33',
    variant,
    logo,
  };
  for (let i = 0; i < 50; i += 1) await renderDtePdf(input); // warm-up (and the logo prepared)
  let count = 0;
  let bytes = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < DURATION_MS) {
    bytes = (await renderDtePdf(input)).length;
    count += 1;
  }
  const { user, system } = process.cpuUsage(cpu);
  return { perSec: (count * 1000) / (performance.now() - start), cpuMs: (user + system) / 1000 / count, bytes };
}

export async function benchDocuments(): Promise<void> {
  const logo = logoPng();
  const cases: [number, 'letter' | 'ticket', Buffer | null][] = [
    [5, 'letter', null],
    [5, 'ticket', null],
    [100, 'letter', null],
    [100, 'ticket', null],
    [5, 'letter', logo],
  ];
  for (const [lines, variant, withLogo] of cases) {
    const { perSec, cpuMs, bytes } = await measure(factura(lines), variant, withLogo);
    console.log(
      `documents: PDF ${variant.padEnd(6)} ${String(lines).padStart(3)} items${withLogo ? ' + logo' : '       '}  ` +
        `${perSec.toFixed(1)} docs/s, ${cpuMs.toFixed(2)} CPU ms/doc  (${(bytes / 1024).toFixed(1)} KiB)`,
    );
  }
}
