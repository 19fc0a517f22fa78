import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_CALENDAR } from '../../src/dte/index.js';
import { buildF07 } from '../../src/modules/reports/build-report.js';
import { ANEXO1_COLUMNS, ANEXO2_COLUMNS } from '../../src/modules/reports/f07-ventas.js';
import { ANEXO5_COLUMNS, ANULADOS_COLUMNS, RETENCION_COLUMNS } from '../../src/modules/reports/f07-otros.js';
import { loadMonth, parsePeriod } from '../../src/modules/reports/month-documents.js';
import { unzip, type ZipEntry } from '../../src/modules/reports/zip.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { runTs } from '../helpers/spawn.js';
import { startReceiver } from '../notifications/receiver.js';
import { annexRows, cents, dmy, doc, emitMonth, hex, money, type Month } from './month-fixture.js';

let t: TestApp;
let m: Month;
let hook: Awaited<ReturnType<typeof startReceiver>>;
let apiKey: string;
const entries = new Map<string, ZipEntry[]>();

const REPORT =
  `fragment R on MonthlyReport { id period kind status progress ` +
  `documents error file { name bytes sha256 } download { url expiresAt } }`;

async function runReport(kind: string, options?: Record<string, unknown>) {
  const h = { 'x-api-key': apiKey };
  const r = await t.gql(
    `mutation($i: RequestMonthlyReportInput!) { requestMonthlyReport(input: $i) { ` +
      `__typename ...R ... on UserError { code issues { path code } } } } ${REPORT}`,
    { i: { period: m.period, kind, options } },
    h,
  );
  expect(r.body.data.requestMonthlyReport.__typename, JSON.stringify(r.body)).toBe('MonthlyReport');
  const id = r.body.data.requestMonthlyReport.id;
  for (let i = 0; i < 600; i++) {
    const q = await t.gql(`query($id: ID!) { monthlyReport(id: $id) { ...R } } ${REPORT}`, { id }, h);
    const rep = q.body.data.monthlyReport;
    expect(rep.status).not.toBe('FAILED');
    if (rep.status === 'READY') return rep;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('report not ready');
}

async function download(rep: { download: { url: string }; file: { bytes: number } }): Promise<ZipEntry[]> {
  const res = await fetch(rep.download.url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  const buf = Buffer.from(await res.arrayBuffer());
  expect(buf.length).toBe(rep.file.bytes);
  return unzip(buf);
}
const file = (kind: string, prefix: string) => entries.get(kind)!.find((e) => e.name.startsWith(prefix));

beforeAll(async () => {
  t = await startTestApp({}, { worker: true });
  t.app.config.publicUrl = t.url;
  m = await emitMonth(t);
  apiKey = m.tt.apiKey;
  hook = await startReceiver();
  const w = await t.gql(
    `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { __typename } }`,
    { i: { url: hook.url, eventTypes: ['report.ready'] } },
    { 'x-api-key': apiKey },
  );
  expect(w.body.data.createWebhookEndpoint.__typename).toBe('CreatedWebhookEndpoint');
  for (const kind of ['F07_ANEXOS', 'LIBROS_VENTAS', 'ARCHIVO_MENSUAL']) {
    const rep = await runReport(kind);
    expect(rep).toMatchObject({ period: m.period, kind, progress: 100, documents: m.all.length });
    entries.set(kind, await download(rep));
    if (process.env.DUMP_REPORTS)
      for (const e of entries.get(kind)!)
        if (!/\.(pdf|json)$/.test(e.name)) console.log(`== ${e.name}\n${e.data.toString()}`);
  }
}, 240_000);
afterAll(async () => {
  await hook?.close();
  await t?.close();
});

describe("F-07 annexes from the month's real documents (GraphQL job, signed link)", () => {
  it("writes only the annexes that have rows, named within the portal's 25 characters, plus LEEME.txt", () => {
    const names = entries.get('F07_ANEXOS')!.map((e) => e.name);
    const p = m.period.replace('-', '');
    expect(names.sort()).toEqual(
      [
        `F07_A10_RETEN1_${p}.CSV`,
        `F07_A1_CONTRIB_${p}.CSV`,
        `F07_A2_CONSFINAL_${p}.CSV`,
        `F07_A5_SUJEXCL_${p}.CSV`,
        `F07_ANULADOS_${p}.CSV`,
        'LEEME.txt',
      ].sort(),
    );
    for (const n of names.filter((x) => x.endsWith('.CSV'))) expect(n.length - 4).toBeLessThanOrEqual(25);
    expect(file('F07_ANEXOS', 'LEEME')!.data.toString()).toMatch(/Vencimiento de la declaración/);
  });

  it('Anexo 1: one row per CCF / NC, every column as the layout says, totals equal to the documents', () => {
    const rows = annexRows(file('F07_ANEXOS', 'F07_A1_')!.data);
    expect(rows).toHaveLength(2);
    for (const [r, inv] of [
      [rows[0]!, m.ccf],
      [rows[1]!, m.nc],
    ] as const) {
      expect(r).toHaveLength(ANEXO1_COLUMNS.length);
      const d = doc(inv);
      const iva = (d.resumen.tributos ?? [])
        .filter((x: any) => x.codigo === '20')
        .reduce((a: number, x: any) => a + x.valor, 0);
      expect(r).toEqual([
        dmy(inv.fecEmi),
        '4',
        inv.tipoDte,
        hex(inv.numeroControl),
        inv.selloRecibido,
        hex(inv.codigoGeneracion),
        '',
        '06140507071048',
        d.receptor.nombre,
        money(d.resumen.totalExenta),
        money(d.resumen.totalNoSuj),
        money(d.resumen.totalGravada),
        money(iva),
        '0.00',
        '0.00',
        cents([d.resumen.totalExenta, d.resumen.totalNoSuj, d.resumen.totalGravada]),
        '',
        r[17],
        '3',
        '1',
      ]);
      expect(r[3]).toMatch(/^DTE0[35][A-Z0-9]{8}[0-9]{15}$/);
      expect(r[4]).toMatch(/^[A-Z0-9]{40}$/);
      expect(r[17]).toMatch(/^[124]$/);
    }
    expect(cents(rows.map((r) => r[11]))).toBe(
      cents([doc(m.ccf).resumen.totalGravada, doc(m.nc).resumen.totalGravada]),
    );
  });

  it('Anexo 2: FE grouped per day (first/last código de generación), FEX apart; the invalidated FE left out', () => {
    const rows = annexRows(file('F07_ANEXOS', 'F07_A2_')!.data);
    const fe = rows.find((r) => r[2] === '01')!;
    const fex = rows.find((r) => r[2] === '11')!;
    expect(rows).toHaveLength(2);
    expect(fe).toHaveLength(ANEXO2_COLUMNS.length);
    const [a, b] = m.fe;
    expect(fe.slice(0, 10)).toEqual([
      dmy(a!.fecEmi),
      '4',
      '01',
      'N/A',
      'N/A',
      hex(a!.codigoGeneracion),
      hex(b!.codigoGeneracion),
      'N/A',
      'N/A',
      '',
    ]);
    const sumOf = (k: string) => cents(m.fe.map((i) => doc(i).resumen[k]));
    expect(fe.slice(10, 20)).toEqual([
      sumOf('totalExenta'),
      '0.00',
      sumOf('totalNoSuj'),
      sumOf('totalGravada'),
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      cents(m.fe.flatMap((i) => [doc(i).resumen.totalExenta, doc(i).resumen.totalNoSuj, doc(i).resumen.totalGravada])),
    ]);
    expect(fe.slice(20)).toEqual(['4', '3', '2']);
    // The FEX goes to Guatemala (Central America): column O.
    expect(fex.slice(13, 20)).toEqual([
      '0.00',
      money(doc(m.fex).resumen.totalGravada),
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      money(doc(m.fex).resumen.totalGravada),
    ]);
    expect(rows.flat()).not.toContain(hex(m.feInvalidated.codigoGeneracion));
  });

  it('Anexo 5 (sujetos excluidos), Anexo 10 (retención 1 %) and the invalidated-documents annex', () => {
    const [se] = annexRows(file('F07_ANEXOS', 'F07_A5_')!.data);
    expect(se).toHaveLength(ANEXO5_COLUMNS.length);
    expect(se).toEqual([
      '2',
      '123456784',
      doc(m.fse).receptor.nombre,
      dmy(m.fse.fecEmi),
      m.fse.selloRecibido,
      hex(m.fse.codigoGeneracion),
      money(doc(m.fse).resumen.totalCompra),
      '0.00',
      '1',
      '2',
      '4',
      '2',
      '5',
    ]);
    const [ret] = annexRows(file('F07_ANEXOS', 'F07_A10_')!.data);
    expect(ret).toHaveLength(RETENCION_COLUMNS.length);
    const lines = doc(m.cr).cuerpoDocumento.filter((l: any) => l.codigoRetencionMH === '22');
    expect(ret).toEqual([
      '06140507071048',
      dmy(m.cr.fecEmi),
      '07',
      hex(m.cr.numeroControl),
      m.cr.selloRecibido,
      hex(m.cr.codigoGeneracion),
      cents(lines.map((l: any) => l.montoSujetoGrav)),
      cents(lines.map((l: any) => l.ivaRetenido)),
      '',
      '10',
    ]);
    const anulados = annexRows(file('F07_ANEXOS', 'F07_ANULADOS_')!.data);
    expect(anulados).toEqual([
      [
        hex(m.feInvalidated.numeroControl),
        '4',
        '0',
        '0',
        '01',
        'D',
        m.feInvalidated.selloRecibido,
        '0',
        '0',
        m.feInvalidated.codigoGeneracion,
      ],
    ]);
    expect(anulados[0]).toHaveLength(ANULADOS_COLUMNS.length);
  });

  it('the other documented readings are options', async () => {
    const month = await loadMonth(
      t.app.db.orm.em.fork(),
      m.tt.tenantId,
      '00',
      parsePeriod(m.period)!,
      NATIONAL_CALENDAR,
    );
    const out = buildF07(
      month,
      {
        bom: false,
        anexo1Total: 'withDebito',
        anexo2Order: 'controlFirst',
        anuladosCodigo: 'hex32',
        anexo5Monto: 'totalPagar',
        tipoIngreso: '2',
      },
      NATIONAL_CALENDAR,
    );
    const a1 = annexRows(out.find((e) => e.name.startsWith('F07_A1_'))!.data, false);
    expect(a1[0]![15]).toBe(cents([a1[0]![9], a1[0]![10], a1[0]![11], a1[0]![12]]));
    expect(a1[0]![18]).toBe('2');
    const a2 = annexRows(out.find((e) => e.name.startsWith('F07_A2_'))!.data, false).find((r) => r[2] === '01')!;
    expect(a2.slice(5, 9)).toEqual(['N/A', 'N/A', hex(m.fe[0]!.codigoGeneracion), hex(m.fe[1]!.codigoGeneracion)]);
    expect(annexRows(out.find((e) => e.name.startsWith('F07_ANULADOS_'))!.data, false)[0]![9]).toBe(
      hex(m.feInvalidated.codigoGeneracion),
    );
    expect(annexRows(out.find((e) => e.name.startsWith('F07_A5_'))!.data, false)[0]![6]).toBe(
      money(doc(m.fse).resumen.totalPagar),
    );
  });
});

/** RFC 4180 rows (BOM checked): quoted cells may hold commas; doubled quotes unescaped. */
function csv(buf: Buffer): string[][] {
  const s = buf.toString('utf8');
  expect(s.startsWith('\uFEFF')).toBe(true);
  return s
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((l) =>
      [...`${l},`.matchAll(/("(?:[^"]|"")*"|[^,]*),/g)].map((x) => x[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')),
    );
}

describe('Libros de Ventas (CSV and signable PDF)', () => {
  it('Contribuyentes: one line per CCF / NC with a correlativo, the NC subtracting, totals equal the documents', () => {
    const rows = csv(file('LIBROS_VENTAS', 'LIBRO_VENTAS_CONTRIBUYENTES_')!.data);
    expect(rows[0]![0]).toBe('Nº');
    const [ccf, nc] = [rows[1]!, rows[2]!];
    expect(ccf.slice(0, 6)).toEqual([
      '1',
      m.ccf.fecEmi,
      '03',
      m.ccf.numeroControl,
      m.ccf.selloRecibido,
      m.ccf.codigoGeneracion,
    ]);
    expect(nc.slice(0, 3)).toEqual(['2', m.nc.fecEmi, '05']);
    expect(nc[10]).toBe(`-${money(doc(m.nc).resumen.totalGravada)}`);
    const totals = rows[3]!;
    expect(totals[6]).toBe('TOTALES');
    expect(totals[10]).toBe(
      (Number(money(doc(m.ccf).resumen.totalGravada)) - Number(money(doc(m.nc).resumen.totalGravada))).toFixed(2),
    );
  });

  it("Consumidor final: one line per day and type with the first and last document and the day's sales", () => {
    const rows = csv(file('LIBROS_VENTAS', 'LIBRO_VENTAS_CONSUMIDOR_FINAL_')!.data);
    const fe = rows.find((r) => r[1] === '01')!;
    expect(fe.slice(0, 7)).toEqual([
      m.fe[0]!.fecEmi,
      '01',
      m.fe[0]!.numeroControl,
      m.fe[1]!.numeroControl,
      m.fe[0]!.codigoGeneracion,
      m.fe[1]!.codigoGeneracion,
      '2',
    ]);
    expect(fe[10]).toBe(cents(m.fe.map((i) => doc(i).resumen.totalIva)));
    expect(rows.at(-1)![0]).toBe('TOTALES');
  });

  it('the PDFs are real PDFs with the signature lines', () => {
    for (const e of entries.get('LIBROS_VENTAS')!.filter((x) => x.name.endsWith('.pdf'))) {
      expect(e.data.subarray(0, 5).toString()).toBe('%PDF-');
      expect(e.data.toString('latin1')).toMatch(/\/Type \/Page\b/);
    }
  });
});

describe('monthly archive', () => {
  it("holds every signed document's Archivo DTE and PDF, the invalidation event, an index of the whole month", () => {
    const zipEntries = entries.get('ARCHIVO_MENSUAL')!;
    const index = csv(file('ARCHIVO_MENSUAL', 'indice.csv')!.data);
    expect(index).toHaveLength(m.all.length + 1);
    for (const inv of m.all) {
      const archivo = JSON.parse(
        zipEntries.find((e) => e.name === `${inv.tipoDte}/${inv.codigoGeneracion}.json`)!.data.toString(),
      );
      expect(archivo.identificacion.codigoGeneracion).toBe(inv.codigoGeneracion);
      expect(archivo.selloRecibido).toBe(inv.selloRecibido);
      expect(archivo.firmaElectronica).toMatch(/^eyJhbGciOiJSUzUxMiJ9\./);
      expect(
        zipEntries
          .find((e) => e.name === `${inv.tipoDte}/${inv.codigoGeneracion}.pdf`)!
          .data.subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
    const inval = JSON.parse(zipEntries.find((e) => e.name.endsWith('.invalidacion.json'))!.data.toString());
    expect(inval.selloRecibido).toMatch(/^[A-Z0-9]{40}$/);
  });
});

describe('requests, links and the webhook', () => {
  it('refuses a bad period, a future one and options on another kind, naming the field', async () => {
    const h = { 'x-api-key': apiKey };
    const q =
      `mutation($i: RequestMonthlyReportInput!) { requestMonthlyReport(input: ` +
      `$i) { __typename ... on UserError { code issues { path code } } } }`;
    const bad = await t.gql(q, { i: { period: '2026-13', kind: 'F07_ANEXOS' } }, h);
    expect(bad.body.data.requestMonthlyReport).toMatchObject({
      __typename: 'ValidationFailed',
      issues: [{ path: 'period', code: 'INVALID_PERIOD' }],
    });
    const future = await t.gql(q, { i: { period: '2999-01', kind: 'LIBROS_VENTAS' } }, h);
    expect(future.body.data.requestMonthlyReport.issues).toEqual([{ path: 'period', code: 'FUTURE_PERIOD' }]);
    const opts = await t.gql(q, { i: { period: m.period, kind: 'LIBROS_VENTAS', options: { bom: false } } }, h);
    expect(opts.body.data.requestMonthlyReport.issues).toEqual([{ path: 'options', code: 'NOT_ALLOWED' }]);
    const choice = await t.gql(
      q,
      { i: { period: m.period, kind: 'F07_ANEXOS', options: { anexo2Order: 'sideways' } } },
      h,
    );
    expect(choice.body.data.requestMonthlyReport.issues).toEqual([
      { path: 'options.anexo2Order', code: 'NOT_ALLOWED' },
    ]);
  });

  it('a report link opens only its report; a tampered token gets 403', async () => {
    const h = { 'x-api-key': apiKey };
    const list = await t.gql(`{ monthlyReports(first: 10) { id status download { url } } }`, {}, h);
    const [a, b] = list.body.data.monthlyReports as { id: string; download: { url: string } }[];
    const crossed = a!.download.url.replace(a!.id, b!.id);
    expect((await fetch(crossed)).status).toBe(403);
    expect((await fetch(`${a!.download.url.slice(0, -3)}abc`)).status).toBe(403);
    const docLink = (await t.gql(`query($id: ID!) { invoice(id: $id) { pdfUrl } }`, { id: m.ccf.id }, h)).body.data
      .invoice.pdfUrl as string;
    expect(
      (await fetch(`${t.url}/reports/${a!.id}.zip?token=${new URL(docLink).searchParams.get('token')}`)).status,
    ).toBe(403);
  });

  it("report.ready reached the tenant's webhook with the signed link", async () => {
    const got = await hook.waitFor(3);
    const bodies = got.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.type)).toEqual(['report.ready', 'report.ready', 'report.ready']);
    const ready = bodies.find((b) => b.data.kind === 'F07_ANEXOS')!.data;
    expect(ready).toMatchObject({ period: m.period, status: 'READY', documents: m.all.length });
    expect((await fetch(ready.downloadUrl)).status).toBe(200);
  });
});

describe('npm run fx -- report:month / calendar:*', () => {
  it('builds the annex files the GraphQL job builds; calendar commands set, list, refuse bad days', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fx-report-cli-'));
    const env = { DATABASE_URL: t.app.db.url, FX_MASTER_KEY: t.app.config.masterKey!, FX_DATA_DIR: dir };
    try {
      const out = path.join(dir, 'f07.zip');
      const r = await runTs(
        'src/cli.ts',
        ['report:month', '--tenant', m.tt.tenantId, '--period', m.period, '--kind', 'f07', '--out', out],
        env,
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        new RegExp(`wrote .*f07.zip \\(\\d+ bytes, sha256 [0-9a-f]{64}, ${m.all.length} documents`),
      );
      const cli = unzip(readFileSync(out));
      expect(cli.map((e) => [e.name, e.data.toString()])).toEqual(
        entries.get('F07_ANEXOS')!.map((e) => [e.name, e.data.toString()]),
      );
      const bad = await runTs(
        'src/cli.ts',
        ['report:month', '--tenant', m.tt.tenantId, '--period', '2026-1', '--kind', 'f07'],
        env,
      );
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('period: INVALID_PERIOD');
      const set = await runTs(
        'src/cli.ts',
        ['calendar:set', '--tenant', m.tt.tenantId, '--days', '2027-08-03=Fiestas agostinas,08-04=Fiestas agostinas'],
        env,
      );
      expect(set.code).toBe(0);
      const show = await runTs('src/cli.ts', ['calendar:show', '--tenant', m.tt.tenantId, '--year', '2027'], env);
      expect(show.stdout).toMatch(/^2027-03-25 {2}Jueves Santo$/m);
      expect(show.stdout).toMatch(/^2027-08-03 {2}Fiestas agostinas$/m);
      expect(show.stdout).toMatch(/^2027-08-04 {2}Fiestas agostinas$/m);
      const wrong = await runTs(
        'src/cli.ts',
        ['calendar:set', '--tenant', m.tt.tenantId, '--days', '2027-02-29=x'],
        env,
      );
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('extraDays[0].date: INVALID_DATE');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
