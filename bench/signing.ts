import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { promisify } from 'node:util';
import { createSigner, type Signer, type SignerMode } from '../src/signing/index.js';

/**
 * Signatures/s on the main thread (jose CompactSign, which goes through WebCrypto) versus a worker_threads pool
 * (node:crypto.sign), each driven with many signatures in flight, plus `openssl speed rsa2048` for the ratio.
 */
export interface SigningBenchResult {
  sequentialMainPerSec: number;
  mainPerSec: number;
  workersPerSec: number;
  workers: number;
  opensslSignPerSec: number | null;
}

const DURATION_MS = 3000;
const IN_FLIGHT = 32;

export async function benchSigning(): Promise<void> {
  await runSigningBench();
}

export async function runSigningBench(log: (line: string) => void = console.log): Promise<SigningBenchResult> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  const doc = sampleDocument();

  const seq = createSigner({ mode: 'main' });
  const sequentialMainPerSec = await measure(seq, doc, pem, 1);
  await seq.close();
  const mainPerSec = await measureMode('main', doc, pem);
  const workers = (await import('node:os')).availableParallelism();
  const workersPerSec = await measureMode('workers', doc, pem);
  const opensslSignPerSec = await opensslSpeed(log);

  log(`signing: main thread, 1 in flight        ${sequentialMainPerSec.toFixed(0)} sig/s`);
  log(`signing: main thread, ${IN_FLIGHT} in flight       ${mainPerSec.toFixed(0)} sig/s`);
  log(`signing: ${workers} worker threads, ${IN_FLIGHT} in flight  ${workersPerSec.toFixed(0)} sig/s`);
  if (opensslSignPerSec !== null) {
    log(`openssl speed rsa2048                   ${opensslSignPerSec.toFixed(0)} sign/s`);
    log(
      `ratio main/openssl ${(mainPerSec / opensslSignPerSec).toFixed(2)}, ` +
        `workers/openssl ${(workersPerSec / opensslSignPerSec).toFixed(2)}`,
    );
  }
  return { sequentialMainPerSec, mainPerSec, workersPerSec, workers, opensslSignPerSec };
}

async function measureMode(mode: SignerMode, doc: object, pem: string): Promise<number> {
  const signer = createSigner({ mode });
  try {
    await measure(signer, doc, pem, IN_FLIGHT, 300); // warm-up: key import, JIT, thread start
    return await measure(signer, doc, pem, IN_FLIGHT);
  } finally {
    await signer.close();
  }
}

/** Keeps `inFlight` signatures running for `durationMs`, returns completed signatures per second. */
async function measure(
  signer: Signer,
  doc: object,
  pem: string,
  inFlight: number,
  durationMs = DURATION_MS,
): Promise<number> {
  const start = performance.now();
  const deadline = start + durationMs;
  let done = 0;
  const lane = async () => {
    while (performance.now() < deadline) {
      await signer.sign(doc, pem);
      done++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return (done * 1000) / (performance.now() - start);
}

async function opensslSpeed(log: (line: string) => void): Promise<number | null> {
  try {
    const { stdout } = await promisify(execFile)('openssl', ['speed', '-seconds', '3', 'rsa2048'], { timeout: 60_000 });
    const m = /rsa\s+2048\s+bits\s+\S+\s+\S+\s+([\d.]+)\s+([\d.]+)/.exec(stdout);
    if (!m) {
      log('openssl speed: output not understood; skipped');
      return null;
    }
    return Number(m[1]);
  } catch (err) {
    log(`openssl speed: not available (${(err as Error).message.split('\n')[0]}); skipped`);
    return null;
  }
}

/** A Factura-sized document (~3 KB of JSON) so the payload encoding cost is realistic. */
function sampleDocument(): object {
  const item = (i: number) => ({
    numItem: i,
    tipoItem: 2,
    numeroDocumento: null,
    cantidad: 1,
    codigo: `SRV-${i}`,
    codTributo: null,
    uniMedida: 59,
    descripcion: `Consulta médica especializada ${i}`,
    precioUni: 25,
    montoDescu: 0,
    ventaNoSuj: 0,
    ventaExenta: 0,
    ventaGravada: 25,
    tributos: null,
    psv: 0,
    noGravado: 0,
    ivaItem: 2.88,
  });
  return {
    identificacion: {
      version: 2,
      ambiente: '00',
      tipoDte: '01',
      numeroControl: 'DTE-01-M001P001-000000000000001',
      codigoGeneracion: '8B0B4D0F-8D1B-4C50-9E37-0C3E5A4C2B11',
      tipoModelo: 1,
      tipoOperacion: 1,
      tipoContingencia: null,
      motivoContin: null,
      fecEmi: '2026-11-29',
      horEmi: '08:00:00',
      tipoMoneda: 'USD',
    },
    emisor: { nit: '06142803901121', nrc: '1234567', nombre: 'CLINICA DEMO S.A. DE C.V.', codActividad: '86100' },
    cuerpoDocumento: Array.from({ length: 8 }, (_, i) => item(i + 1)),
    resumen: { totalGravada: 200, totalPagar: 200, totalLetras: 'DOSCIENTOS 00/100 DÓLARES', condicionOperacion: 1 },
  };
}
