// Generated invoice history, written by PostgreSQL itself (generate_series) into the real, migrated schema: a year of
// documents for a tenant in seconds rather than hours. Used by `npm run bench -- history` (1,000,000 documents) and
// by the test that checks every listing query's plan (a few tens of thousands).
import type pg from 'pg';

const FIRST = [
  'María',
  'José',
  'Ana',
  'Luis',
  'Sofía',
  'Carlos',
  'Lucía',
  'Jorge',
  'Rocío',
  'Raúl',
  'Inés',
  'Andrés',
  'Elena',
  'Óscar',
  'Marta',
  'Héctor',
  'Beatriz',
  'Julián',
  'Ángela',
  'Víctor',
  'Isabel',
  'Tomás',
  'Noemí',
  'Iván',
  'Patricia',
  'Martín',
  'Belén',
  'Germán',
  'Mónica',
  'Rubén',
];
const LAST = [
  'Peña',
  'Núñez',
  'Rivas',
  'López',
  'Martínez',
  'Hernández',
  'García',
  'Pérez',
  'Gómez',
  'Díaz',
  'Ramírez',
  'Cruz',
  'Flores',
  'Álvarez',
  'Muñoz',
  'Jiménez',
  'Ruiz',
  'Vásquez',
  'Castillo',
  'Ortíz',
  'Mejía',
  'Aguilar',
  'Guzmán',
  'Menéndez',
  'Rodríguez',
  'Sánchez',
  'Morales',
  'Chávez',
  'Durán',
  'Quiñónez',
  'Alvarado',
  'Bonilla',
  'Cañas',
  'Escobar',
  'Fuentes',
  'Galdámez',
  'Henríquez',
  'Interiano',
  'Lemus',
  'Portillo',
];

export interface GeneratedHistory {
  tenantId: string;
  /** Rows to add, numbered from `offset + 1` (numbers make the references, numeroControl and names). */
  count: number;
  offset?: number;
  /** First emission day (YYYY-MM-DD, El Salvador); the rows are spread evenly over `days` days (may be fractional). */
  firstDay: string;
  days: number;
}

const arr = (names: string[]) => `array[${names.map((n) => `'${n}'`).join(',')}]`;

/**
 * Status mix of a busy year: nearly all PROCESSED, some invalidated, a few rejected, in contingency or in flight.
 * Types: mostly facturas (01), then CCF (03), notes (05, 06), export (11) and sujeto excluido (14).
 */
const SQL = `
with g as (
  select n, $4::date + floor((n - $2::bigint - 1) * $5::float8 / $3::bigint)::int as day,
         (n * 7919) % 400000 as patient, (n * 2654435761) % 1000 as r,
         ${arr(FIRST)} as f, ${arr(LAST)} as l
  from generate_series($2::bigint + 1, $2::bigint + $3::bigint) n
), v as (
  select n, day, patient, r,
    (day::timestamp + make_interval(secs => 21600 + (n * 37) % 50400)) at time zone 'UTC' as created,
    f[1 + (n % 30)::int] || ' ' || l[1 + ((n / 30) % 40)::int] || ' ' || l[1 + ((n / 1200) % 40)::int] as nombre,
    lpad((patient * 13 % 100000000)::text, 8, '0') || (patient % 10)::text as dui,
    case when r < 800 then '01' when r < 950 then '03' when r < 970 then '05' when r < 980 then '06' when r < 990
      then '11' else '14' end as tipo,
    case when r % 97 = 1 then 'REJECTED' when r % 89 = 2 then 'INVALIDATED' when r % 211 = 3 then 'CONTINGENCY'
         when r % 331 = 4 then 'QUEUED' when r % 401 = 5 then 'UNKNOWN' else 'PROCESSED' end as status
  from g
)
insert into invoice (id, tenant_id, ambiente, tipo_dte, status, referencia_externa, request_hash, codigo_generacion,
  numero_control,
  cod_estable_mh, cod_punto_venta_mh, fec_emi, hor_emi, document, jws, sello_recibido, fh_procesamiento, total_pagar,
  receptor_nombre, receptor_num_documento, receptor_correo, patient_id, send_attempts, processed_at,
  invalidation_deadline, created_at, updated_at)
select gen_random_uuid(), $1, '00', tipo, status, 'SIGMA-' || lpad(n::text, 10, '0'), md5(n::text) || md5(status || n),
  upper(gen_random_uuid()::text), 'DTE-' || tipo || '-M001P001-' || lpad(n::text, 15, '0'), 'M001', 'P001',
  to_char(day, 'YYYY-MM-DD'), to_char(created at time zone 'America/El_Salvador', 'HH24:MI:SS'),
  jsonb_build_object(
    'identificacion', jsonb_build_object('version', 1, 'ambiente', '00', 'tipoDte', tipo, 'numeroControl',
      'DTE-' || tipo || '-M001P001-' || lpad(n::text, 15, '0'),
      'codigoGeneracion', 'generated', 'tipoModelo', 1, 'tipoOperacion', 1, 'tipoContingencia', null, 'motivoContin',
        null,
      'fecEmi', to_char(day, 'YYYY-MM-DD'), 'horEmi', '10:15:30', 'tipoMoneda', 'USD'),
    'emisor', jsonb_build_object('nit', '06141809480014', 'nrc', '1234567', 'nombre',
      'CLÍNICA SAN RAFAEL, S.A. DE C.V.', 'codActividad', '86201',
      'descActividad', 'Clínicas médicas', 'nombreComercial', 'Clínica San Rafael', 'tipoEstablecimiento', '02',
      'direccion', jsonb_build_object('departamento', '06', 'municipio', '23', 'complemento',
        'Colonia Escalón, San Salvador'),
      'telefono', '22223333', 'correo', 'facturacion@clinicasanrafael.com.sv', 'codEstableMH', 'M001',
        'codPuntoVentaMH', 'P001'),
    'receptor', jsonb_build_object('tipoDocumento', '13', 'numDocumento', dui, 'nrc', null, 'nombre', nombre,
      'codActividad', null,
      'descActividad', null, 'direccion', null, 'telefono', null, 'correo', 'paciente' || patient || '@example.com'),
    'cuerpoDocumento', jsonb_build_array(
      jsonb_build_object('numItem', 1, 'tipoItem', 2, 'cantidad', 1, 'codigo', 'CONS-' || r, 'uniMedida', 59,
        'descripcion', 'Consulta de especialidad',
        'precioUni', 45, 'montoDescu', 0, 'ventaNoSuj', 0, 'ventaExenta', 0, 'ventaGravada', 45, 'tributos', null,
          'psv', 0, 'noGravado', 0, 'ivaItem', 5.18),
      jsonb_build_object('numItem', 2, 'tipoItem', 1, 'cantidad', 1, 'codigo', 'MED-' || r, 'uniMedida', 59,
        'descripcion', 'Medicamento',
        'precioUni', 12, 'montoDescu', 0, 'ventaNoSuj', 0, 'ventaExenta', 12, 'ventaGravada', 0, 'tributos', null,
          'psv', 0, 'noGravado', 0, 'ivaItem', 0)),
    'resumen', jsonb_build_object('totalNoSuj', 0, 'totalExenta', 12, 'totalGravada', 45, 'subTotalVentas', 57,
      'descuNoSuj', 0, 'descuExenta', 0,
      'descuGravada', 0, 'porcentajeDescuento', 0, 'totalDescu', 0, 'tributos', null, 'subTotal', 57, 'ivaRete1', 0,
        'reteRenta', 0,
      'montoTotalOperacion', 57, 'totalNoGravado', 0, 'totalPagar', 57, 'totalLetras', 'CINCUENTA Y SIETE 00/100 USD',
        'totalIva', 5.18,
      'saldoFavor', 0, 'condicionOperacion', 1, 'pagos', null, 'numPagoElectronico', null),
    'extension', null, 'apendice', null, 'otrosDocumentos', null, 'ventaTercero', null, 'documentoRelacionado', null),
  case when status = 'QUEUED' then null else 'eyJhbGciOiJSUzUxMiJ9..' || left(repeat(md5(n::text), 11), 342) end,
  case when status in ('PROCESSED', 'INVALIDATED')
    then upper(substr(md5('sello' || n), 1, 20) || substr(md5('s' || n), 1, 20)) end,
  case when status in ('PROCESSED', 'INVALIDATED')
    then to_char(created at time zone 'America/El_Salvador', 'DD/MM/YYYY HH24:MI:SS') end,
  57.00, nombre, dui, 'paciente' || patient || '@example.com', case when n % 10 = 0 then null else 'P-' || patient end,
  case when status = 'QUEUED' then 0 else 1 end, case when status in ('PROCESSED', 'INVALIDATED') then created end,
  to_char(day + interval '3 months', 'YYYY-MM-DD'), created, created
from v`;

/**
 * Drops the invoice table's secondary indexes (not those behind constraints), runs `load`, and builds them again from
 * their own definitions (read from the catalog): a bulk load is much faster without index maintenance per row.
 */
export async function withoutIndexes(c: pg.Client | pg.PoolClient, load: () => Promise<void>): Promise<void> {
  const { rows } = await c.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes where tablename = 'invoice'
        and indexname not in (select conname from pg_constraint where conrelid = 'invoice'::regclass)`,
  );
  for (const r of rows) await c.query(`drop index "${r.name}"`);
  await load();
  await c.query(`set maintenance_work_mem = '256MB'`);
  for (const r of rows) await c.query(r.def);
}

/** Inserts the rows in one statement (the caller chooses whether the indexes exist meanwhile). */
export async function generateInvoices(client: pg.Client | pg.PoolClient, h: GeneratedHistory): Promise<void> {
  await client.query(SQL, [h.tenantId, h.offset ?? 0, h.count, h.firstDay, h.days]);
}

/** A tenant row like the demo clinic's (another NIT), for documents of "other tenants" beside the measured one. */
export async function generateTenant(client: pg.Client | pg.PoolClient, nit: string): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `insert into tenant (id, nit, nrc, nombre, cod_actividad, desc_actividad, direccion, telefono, correo, ambiente,
      is_demo, created_at, updated_at)
     values (gen_random_uuid(), $1, '1234567', $2, '86201', 'Clínicas médicas',
             '{"departamento":"06","municipio":"23","complemento":"San Salvador"}', '22223333', 'gen@example.com',
               '00', false, now(), now())
     returning id`,
    [nit, `Clínica generada ${nit}`],
  );
  return rows[0]!.id;
}
