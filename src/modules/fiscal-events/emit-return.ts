import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../core/context.js';
import { ValidationError, type FieldIssue } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import { buildRetorno, elSalvadorDateTime, originalLine, returnDeadline, type RetornoTipo } from '../../dte/index.js';
import { join, Reader, type Obj } from '../../dte/input/reader.js';
import { D, type Dec, ZERO } from '../../dte/money.js';
import { resolveEmisor } from '../invoices/emisor.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { type ReturnedLine } from './fiscal-event.entity.js';
import { createOnce, existingEvent, insertFiscalEvent, requestHashOf, type EventEmission } from './fiscal-event-store.js';
import { RETURNABLE_TYPES, returnedQuantities } from './return-balance.js';

/** MH's schema: 1–50 related documents per event, 1–2000 lines. */
const MAX_DOCUMENTS = 50;
const MAX_LINES = 2000;

interface ReturnRequest {
  referenciaExterna: string;
  documents: { invoiceId: string; lines: { numItem: number; cantidad: Dec }[] }[];
  apendice: { campo: string; etiqueta: string; valor: string }[] | null;
}

function parse(body: unknown): ReturnRequest {
  const r = new Reader();
  const o: Obj = r.isObj(body) ? body : {};
  const referenciaExterna = r.str(o, 'referenciaExterna', '', { required: true, max: 100 }) ?? '';
  const docs = r.array(o, 'documents', '', { required: true, min: 1, max: MAX_DOCUMENTS }) ?? [];
  const documents = docs.map((d, i) => {
    const p = join('documents', i);
    const dd: Obj = r.isObj(d) ? d : {};
    const lines = (r.array(dd, 'lines', p, { required: true, min: 1 }) ?? []).map((l, j) => {
      const lp = join(join(p, 'lines'), j);
      const lo: Obj = r.isObj(l) ? l : {};
      return { numItem: r.int(lo, 'numItem', lp, { required: true, min: 1, max: 2000 }) ?? 0, cantidad: r.decimal(lo, 'cantidad', lp, { required: true, positive: true }) ?? ZERO };
    });
    return { invoiceId: r.str(dd, 'invoiceId', p, { required: true }) ?? '', lines };
  });
  if (documents.reduce((n, d) => n + d.lines.length, 0) > MAX_LINES) r.add('documents', 'TOO_MANY', `an Evento de Retorno carries at most ${MAX_LINES} lines`);
  const ids = documents.map((d) => d.invoiceId);
  ids.forEach((id, i) => ids.indexOf(id) !== i && r.add(join(join('documents', i), 'invoiceId'), 'DUPLICATE', 'each document appears once; list all its lines under it'));
  documents.forEach((d, i) => d.lines.forEach((l, j) => d.lines.findIndex((x) => x.numItem === l.numItem) !== j && r.add(join(join(join('documents', i), 'lines'), j), 'DUPLICATE', `line ${l.numItem} appears twice`)));
  const apendice = (r.array(o, 'apendice', '', { required: false, min: 1, max: 10 }) ?? []).map((a, i) => {
    const ao: Obj = r.isObj(a) ? a : {};
    const p = join('apendice', i);
    return { campo: r.str(ao, 'campo', p, { required: true, max: 25 }) ?? '', etiqueta: r.str(ao, 'etiqueta', p, { required: true, max: 50 }) ?? '', valor: r.str(ao, 'valor', p, { required: true, max: 150 }) ?? '' };
  });
  if (r.issues.length) throw new ValidationError(r.issues);
  return { referenciaExterna, documents, apendice: apendice.length ? apendice : null };
}

const receptorKey = (inv: Invoice) => JSON.stringify([(inv.document.receptor as Obj | null)?.tipoDocumento ?? null, inv.receptorNumDocumento ?? null]);

/** Each returned document: this tenant's, PROCESSED, an FE/FEX/FSE within the return window, of one type and receptor. */
function checkDocuments(req: ReturnRequest, invoices: Invoice[], tenant: Tenant, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  req.documents.forEach((d, i) => {
    const p = join(join('documents', i), 'invoiceId');
    const inv = invoices.find((x) => x.id === d.invoiceId);
    if (!inv) return issues.push({ path: p, code: 'NOT_FOUND', message: `invoice ${d.invoiceId} not found` });
    if (!RETURNABLE_TYPES.includes(inv.tipoDte)) return issues.push({ path: p, code: 'NOT_RETURNABLE', message: `a Retorno returns goods of an FE (01), FEX (11) or FSE (14); this is a ${inv.tipoDte}` });
    if (inv.status !== 'PROCESSED') return issues.push({ path: p, code: 'NOT_PROCESSED', message: `only a document MH sealed can be returned (this one is ${inv.status})` });
    const deadline = returnDeadline(inv.fecEmi, tenant.codActividad);
    if (today > deadline) issues.push({ path: p, code: 'RETURN_WINDOW_PASSED', message: `returns of a document issued ${inv.fecEmi} were possible until ${deadline}` });
    const first = invoices.find((x) => x.id === req.documents[0]!.invoiceId);
    if (first && inv.tipoDte !== first.tipoDte) issues.push({ path: p, code: 'MIXED_TYPES', message: 'one Retorno returns documents of one type' });
    else if (first && (receptorKey(inv) !== receptorKey(first) || inv.ambiente !== first.ambiente)) issues.push({ path: p, code: 'MIXED_RECEPTOR', message: 'one Retorno returns documents of one receptor (the event names one)' });
    return undefined;
  });
  return issues;
}

/** Each line exists, is a sale line, and never returns more than remains of it across every live Retorno. */
async function checkLines(tx: EntityManager, tenantId: string, req: ReturnRequest, invoices: Invoice[]): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const returned = await returnedQuantities(tx, tenantId, invoices.map((i) => i.id));
  req.documents.forEach((d, i) => {
    const inv = invoices.find((x) => x.id === d.invoiceId)!;
    d.lines.forEach((l, j) => {
      const p = join(join(join('documents', i), 'lines'), j);
      const orig = originalLine(inv.document, l.numItem);
      if (!orig) return issues.push({ path: join(p, 'numItem'), code: 'UNKNOWN_LINE', message: `the document has no line ${l.numItem}` });
      if (typeof orig.noGravado === 'number' && orig.noGravado !== 0) return issues.push({ path: join(p, 'numItem'), code: 'NOT_RETURNABLE', message: 'a cargo/abono (noGravado) line returns nothing' });
      if ((orig.tributos as string[] | null | undefined)?.some((t) => t === 'D4' || t === 'D5')) return issues.push({ path: join(p, 'numItem'), code: 'NOT_RETURNABLE', message: 'lines with D4/D5 tributos (no fixed rate) are returned through a new document' });
      const left = new D(String(orig.cantidad)).minus(returned.get(`${inv.id}:${l.numItem}`) ?? 0);
      if (l.cantidad.gt(left)) return issues.push({ path: join(p, 'cantidad'), code: 'RETURN_EXCEEDS_SOLD', message: `line ${l.numItem} sold ${String(orig.cantidad)}; only ${left.toFixed()} remains to return` });
      return undefined;
    });
  });
  return issues;
}

async function createReturn(ctx: Context, tx: EntityManager, tenantId: string, req: ReturnRequest, requestHash: string) {
  // Row locks on the returned documents: concurrent returns (and invalidations) of one document are decided in turn.
  const invoices = await tx.find(Invoice, { id: { $in: req.documents.map((d) => d.invoiceId).filter((id) => /^[0-9a-f-]{36}$/i.test(id)) } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
  const tenant = await tx.findOneOrFail(Tenant, { id: tenantId });
  const docIssues = checkDocuments(req, invoices, tenant, elSalvadorDateTime(ctx.clock.now()).fecEmi);
  if (docIssues.length) throw new ValidationError(docIssues);
  const lineIssues = await checkLines(tx, tenantId, req, invoices);
  if (lineIssues.length) throw new ValidationError(lineIssues);
  const ordered = req.documents.map((d) => invoices.find((x) => x.id === d.invoiceId)!);
  const resolved = await resolveEmisor(tx, tenant, { codEstableMH: ordered[0]!.codEstableMH, codPuntoVentaMH: ordered[0]!.codPuntoVentaMH });
  if ('issues' in resolved) throw new ValidationError(resolved.issues);
  const lines: ReturnedLine[] = req.documents.flatMap((d) => d.lines.map((l) => ({ invoiceId: d.invoiceId, codigoGeneracion: ordered.find((x) => x.id === d.invoiceId)!.codigoGeneracion, numItem: l.numItem, cantidad: l.cantidad.toFixed() })));
  const documents = req.documents.map((d, i) => ({ tipoDte: ordered[i]!.tipoDte as RetornoTipo, codigoGeneracion: ordered[i]!.codigoGeneracion, fecEmi: ordered[i]!.fecEmi, document: ordered[i]!.document, lines: d.lines }));
  return insertFiscalEvent(ctx, tx, {
    tenant, tipoEvento: '18', referenciaExterna: req.referenciaExterna, requestHash, lines,
    build: (ident) => buildRetorno({ documents, apendice: req.apendice }, resolved.emisor, ident),
  });
}

/**
 * Evento de Retorno: returns goods of FE/FEX/FSE documents MH sealed. Validates every line against what remains to
 * return (under row locks on the documents), builds the event and writes it with its transmission job in ONE
 * transaction; returns at once (QUEUED). Idempotent per tenant on referenciaExterna.
 */
export async function emitReturn(ctx: Context, body: unknown): Promise<EventEmission> {
  const tenantId = requireTenantScope(ctx, 'invoices:emit');
  const req = parse(body);
  const requestHash = requestHashOf(body);
  const found = await existingEvent(ctx.em, req.referenciaExterna, requestHash);
  if (found) return { event: found, created: false };
  return createOnce(ctx, req.referenciaExterna, requestHash, (tx) => createReturn(ctx, tx, tenantId, req, requestHash));
}
