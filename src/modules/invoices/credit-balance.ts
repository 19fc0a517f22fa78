import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldIssue } from '../../core/errors.js';
import { D, type Dec } from '../../dte/money.js';

/**
 * What a Nota de Crédito may still credit of one CCF, per tax treatment (gravada, exenta, no sujeta, without IVA):
 * the CCF's net sales (after its global discounts) plus the PROCESSED Notas de Débito that relate it, minus every Nota
 * de Crédito relating it that MH has not refused (QUEUED … PROCESSED). A REJECTED or INVALIDATED note credits nothing,
 * so invalidating a note gives its amounts back.
 */
export interface CreditBalance {
  gravada: string;
  exenta: string;
  noSujeta: string;
}

type Amounts = { gravada: Dec; exenta: Dec; noSujeta: Dec };
const KINDS = ['gravada', 'exenta', 'noSujeta'] as const;
const LABEL: Record<(typeof KINDS)[number], string> = { gravada: 'gravada', exenta: 'exenta', noSujeta: 'no sujeta' };
/** Notes that count against the balance: every status except REJECTED and INVALIDATED. */
const LIVE_NOTE = `('QUEUED', 'SIGNED', 'SENT', 'UNKNOWN', 'CONTINGENCY', 'PROCESSED')`;

interface Row {
  codigo: string;
  g: string;
  e: string;
  n: string;
}

const amounts = (r: Row | undefined): Amounts => ({
  gravada: new D(r?.g ?? 0),
  exenta: new D(r?.e ?? 0),
  noSujeta: new D(r?.n ?? 0),
});

/** The CCFs of the tenant among `codigos` (optionally locked), with status and net amounts. */
async function ccfRows(em: EntityManager, tenantId: string, codigos: string[], lock: boolean) {
  return em.getConnection().execute<(Row & { id: string; status: string })[]>(
    `select id, status, codigo_generacion as codigo,
       (document->'resumen'->>'totalGravada')::numeric - coalesce((document->'resumen'->>'descuGravada')::numeric, 0)
         as g,
       (document->'resumen'->>'totalExenta')::numeric - coalesce((document->'resumen'->>'descuExenta')::numeric, 0)
         as e,
       (document->'resumen'->>'totalNoSuj')::numeric - coalesce((document->'resumen'->>'descuNoSuj')::numeric, 0) as n
     from invoice where tenant_id = ? and tipo_dte = '03'
       and codigo_generacion in (select jsonb_array_elements_text(?::jsonb)) order by id${lock ? ' for update' : ''}`,
    [tenantId, JSON.stringify(codigos)],
    'all',
    em.getTransactionContext(),
  );
}

/** Σ of the note lines relating each CCF, for credit notes (live) or debit notes (PROCESSED). */
async function noteSums(
  em: EntityManager,
  tenantId: string,
  codigos: string[],
  tipo: '05' | '06',
): Promise<Map<string, Row>> {
  const statuses = tipo === '05' ? LIVE_NOTE : `('PROCESSED')`;
  const rows = await em.getConnection().execute<Row[]>(
    `select l->>'numeroDocumento' as codigo, sum((l->>'ventaGravada')::numeric) as g, sum((l->>'ventaExenta')::numeric)
      as e,
       sum((l->>'ventaNoSuj')::numeric) as n
     from invoice i, jsonb_array_elements(i.document->'cuerpoDocumento') l
     where i.tenant_id = ? and i.tipo_dte = ? and i.status in ${statuses}
       and l->>'numeroDocumento' in (select jsonb_array_elements_text(?::jsonb))
     group by 1`,
    [tenantId, tipo, JSON.stringify(codigos)],
    'all',
    em.getTransactionContext(),
  );
  return new Map(rows.map((r) => [r.codigo, r]));
}

async function balances(em: EntityManager, tenantId: string, ccfs: Row[]): Promise<Map<string, Amounts>> {
  const codigos = ccfs.map((c) => c.codigo);
  const [credits, debits] = await Promise.all([
    noteSums(em, tenantId, codigos, '05'),
    noteSums(em, tenantId, codigos, '06'),
  ]);
  const out = new Map<string, Amounts>();
  for (const c of ccfs) {
    const base = amounts(c);
    const cr = amounts(credits.get(c.codigo));
    const db = amounts(debits.get(c.codigo));
    out.set(c.codigo, {
      gravada: base.gravada.plus(db.gravada).minus(cr.gravada),
      exenta: base.exenta.plus(db.exenta).minus(cr.exenta),
      noSujeta: base.noSujeta.plus(db.noSujeta).minus(cr.noSujeta),
    });
  }
  return out;
}

/** The remaining creditable balance of a CCF (null for other document types). */
export async function creditBalanceOf(
  em: EntityManager,
  inv: { tenant: { id: string }; tipoDte: string; codigoGeneracion: string },
): Promise<CreditBalance | null> {
  if (inv.tipoDte !== '03') return null;
  const rows = await ccfRows(em, inv.tenant.id, [inv.codigoGeneracion], false);
  const b = (await balances(em, inv.tenant.id, rows)).get(inv.codigoGeneracion);
  return b ? { gravada: b.gravada.toFixed(2), exenta: b.exenta.toFixed(2), noSujeta: b.noSujeta.toFixed(2) } : null;
}

type O = Record<string, unknown>;

/** Σ of the new note's lines per related document. */
function requested(document: O): Map<string, Amounts> {
  const out = new Map<string, Amounts>();
  for (const l of (document.cuerpoDocumento as O[] | undefined) ?? []) {
    const key = String(l.numeroDocumento);
    const a = out.get(key) ?? amounts(undefined);
    out.set(key, {
      gravada: a.gravada.plus(String(l.ventaGravada ?? 0)),
      exenta: a.exenta.plus(String(l.ventaExenta ?? 0)),
      noSujeta: a.noSujeta.plus(String(l.ventaNoSuj ?? 0)),
    });
  }
  return out;
}

/** The codigoGeneracion of every document a note's lines relate (the CCFs it may credit). */
export function creditedCcfCodigos(document: O): string[] {
  return [...requested(document).keys()];
}

/**
 * A Nota de Crédito never credits more of a CCF than remains (gravada, exenta and no sujeta separately), and credits
 * only a PROCESSED CCF. Call inside the emission transaction: the related CCF rows are locked, so two notes on one
 * CCF are decided one after the other. Documents that are not this tenant's CCFs (physical ones, CRs) are not tracked.
 * Returns the problems found (none: the note may be emitted).
 */
export async function creditNoteIssues(
  tx: EntityManager,
  tenantId: string,
  tipoDte: string,
  document: O,
  opts: { lock?: boolean } = {},
): Promise<FieldIssue[]> {
  if (tipoDte !== '05') return [];
  const wanted = requested(document);
  const ccfs = await ccfRows(tx, tenantId, [...wanted.keys()], opts.lock ?? true);
  if (!ccfs.length) return [];
  const issues: FieldIssue[] = [];
  const rel = ((document.documentoRelacionado as O[] | null) ?? []).map((d) => d.numeroDocumento);
  for (const c of ccfs.filter((x) => x.status !== 'PROCESSED')) {
    issues.push({
      path: `documentoRelacionado[${rel.indexOf(c.codigo)}].numeroDocumento`,
      code: 'RELATED_NOT_PROCESSED',
      message: `CCF ${c.codigo} is ${c.status}: only a PROCESSED CCF can be credited`,
    });
  }
  const remaining = await balances(
    tx,
    tenantId,
    ccfs.filter((x) => x.status === 'PROCESSED'),
  );
  for (const [codigo, left] of remaining) {
    const want = wanted.get(codigo)!;
    for (const k of KINDS) {
      if (want[k].gt(left[k])) {
        issues.push({
          path: 'items',
          code: 'CREDIT_EXCEEDS_BALANCE',
          message:
            `the note credits ${want[k].toFixed(2)} venta ${LABEL[k]} ` +
            `of CCF ${codigo}; only ${left[k].toFixed(2)} remains`,
        });
      }
    }
  }
  return issues;
}
