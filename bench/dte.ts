// Documents built and validated per second, per DTE type: parseEmission → buildDte → validateDte on the documented
// example body of each type (examples/dte/<tipoDte>-*.json).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildDte,
  type Emisor,
  formatNumeroControl,
  parseEmission,
  type TipoDte,
  validateDte,
} from '../src/dte/index.js';

const EMISOR: Emisor = {
  nit: '06141809480014',
  nrc: '1234567',
  nombre: 'CLÍNICA SAN RAFAEL, S.A. DE C.V.',
  nombreComercial: 'Clínica San Rafael',
  codActividad: '86201',
  descActividad: 'Clínicas médicas',
  tipoEstablecimiento: '02',
  direccion: { departamento: '06', municipio: '23', distrito: '14', complemento: 'Colonia Escalón, San Salvador' },
  telefono: '22223333',
  correo: 'facturacion@clinicasanrafael.com.sv',
  codEstableMH: 'M001',
  codPuntoVentaMH: 'P001',
  codEstable: '0001',
  codPuntoVenta: '01',
};

const DURATION_MS = 700;

function examplesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // bench/dte.ts (source) or dist/bench/dte.js (compiled)
  const found = [path.resolve(here, '../examples/dte'), path.resolve(here, '../../examples/dte')].find((p) =>
    existsSync(p),
  );
  if (!found) throw new Error('benchDte: examples/dte not found');
  return found;
}

export interface DteBenchRow {
  tipoDte: TipoDte;
  file: string;
  perSec: number;
}

export async function benchDte(): Promise<void> {
  await runDteBench();
}

export async function runDteBench(
  log: (line: string) => void = console.log,
  durationMs = DURATION_MS,
): Promise<DteBenchRow[]> {
  const dir = examplesDir();
  const rows: DteBenchRow[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const pass of ['warm-up', 'measure'] as const) {
    for (const file of files) {
      const row = measure(dir, file, pass === 'warm-up' ? Math.min(100, durationMs) : durationMs);
      if (pass === 'measure') {
        rows.push(row);
        log(`dte: ${file.padEnd(42)} ${row.perSec.toFixed(0).padStart(7)} docs/s (parse + build + validate)`);
      }
    }
  }
  return rows;
}

function measure(dir: string, file: string, durationMs: number): DteBenchRow {
  const body: unknown = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const tipo = file.slice(0, 2) as TipoDte;
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < durationMs) {
    const p = parseEmission(body);
    if (!p.ok) throw new Error(`benchDte: ${file} does not parse: ${JSON.stringify(p.issues)}`);
    const doc = buildDte(p.value, EMISOR, {
      ambiente: '00',
      codigoGeneracion: '5B7E3A1C-2D4F-4A6B-8C9D-0E1F2A3B4C5D',
      numeroControl: formatNumeroControl(tipo, 'M001', 'P001', n + 1),
      fecEmi: '2026-12-02',
      horEmi: '10:15:00',
    });
    const issues = validateDte(doc);
    if (issues.length) throw new Error(`benchDte: ${file} does not validate: ${JSON.stringify(issues)}`);
    n++;
  }
  return { tipoDte: tipo, file, perSec: (n * 1000) / (performance.now() - start) };
}
