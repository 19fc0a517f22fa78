import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { ValidationError, type FieldIssue } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import { buildRetorno, elSalvadorDateTime, originalLine, returnDeadline, type RetornoTipo } from '../../dte/index.js';
import { join, type Obj } from '../../dte/input/reader.js';
import { D, type Dec } from '../../dte/money.js';
import { resolveEmisor } from '../invoices/emisor.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { Tenant } from '../tenants/tenant.entity.js';
import type { ReturnedLine } from './fiscal-event.entity.js';
import {
  createOnce,
  existingEvent,
  insertFiscalEvent,
  requestHashOf,
  type EventEmission,
} from './fiscal-event-store.js';
import { parseReturn, type ReturnRequest } from './parse-return.js';
import { RETURNABLE_TYPES, returnedQuantities } from './return-balance.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Issue = Omit<FieldIssue, 'path'>;

const receptorKey = (inv: Invoice) =>
  JSON.stringify([
    (inv.document.receptor as Obj | null)?.tipoDocumento ?? null,
    inv.receptorNumDocumento ?? null,
    inv.ambiente,
  ]);

/** Why this document cannot be returned (null when it can): this tenant's PROCESSED FE/FEX/FSE within the window. */
function documentProblem(
  inv: Invoice | undefined,
  first: Invoice | undefined,
  tenant: Tenant,
  today: string,
): Issue | null {
  if (!inv) return { code: 'NOT_FOUND', message: 'no such invoice' };
  if (!RETURNABLE_TYPES.includes(inv.tipoDte)) {
    return {
      code: 'NOT_RETURNABLE',
      message: `a Retorno returns goods of an FE (01), FEX (11) or FSE (14); this is a ${inv.tipoDte}`,
    };
  }
  if (inv.status !== 'PROCESSED')
    return { code: 'NOT_PROCESSED', message: `only a document MH sealed can be returned (this one is ${inv.status})` };
  const deadline = returnDeadline(inv.fecEmi, tenant.codActividad);
  if (today > deadline)
    return {
      code: 'RETURN_WINDOW_PASSED',
      message: `returns of a document issued ${inv.fecEmi} were possible until ${deadline}`,
    };
  if (first && inv.tipoDte !== first.tipoDte)
    return { code: 'MIXED_TYPES', message: 'one Retorno returns documents of one type' };
  if (first && receptorKey(inv) !== receptorKey(first))
    return { code: 'MIXED_RECEPTOR', message: 'one Retorno returns documents of one receptor (the event names one)' };
  return null;
}

function checkDocuments(
  req: ReturnRequest,
  invoices: Map<string, Invoice>,
  tenant: Tenant,
  today: string,
): FieldIssue[] {
  const first = invoices.get(req.documents[0]!.invoiceId);
  return req.documents.flatMap((d, i) => {
    const problem = documentProblem(invoices.get(d.invoiceId), first, tenant, today);
    return problem ? [{ path: join(join('documents', i), 'invoiceId'), ...problem }] : [];
  });
}

/** Why this line cannot be returned: unknown, a cargo/abono, D4/D5 tributos, or more than remains of it. */
function lineProblem(
  orig: Obj | undefined,
  numItem: number,
  cantidad: Dec,
  returned: Dec | undefined,
): (Issue & { field: string }) | null {
  if (!orig) return { field: 'numItem', code: 'UNKNOWN_LINE', message: `the document has no line ${numItem}` };
  if (typeof orig.noGravado === 'number' && orig.noGravado !== 0) {
    return { field: 'numItem', code: 'NOT_RETURNABLE', message: 'a cargo/abono (noGravado) line returns nothing' };
  }
  if ((orig.tributos as string[] | null | undefined)?.some((t) => t === 'D4' || t === 'D5')) {
    return {
      field: 'numItem',
      code: 'NOT_RETURNABLE',
      message: 'lines with D4/D5 tributos (no fixed rate) are returned through a new document',
    };
  }
  const left = new D(String(orig.cantidad)).minus(returned ?? 0);
  if (cantidad.gt(left)) {
    return {
      field: 'cantidad',
      code: 'RETURN_EXCEEDS_SOLD',
      message: `line ${numItem} sold ${String(orig.cantidad)}; only ${left.toFixed()} remains to return`,
    };
  }
  return null;
}

/** Each line against what remains of it across every live Retorno (read under the documents' row locks). */
async function checkLines(
  tx: EntityManager,
  tenantId: string,
  req: ReturnRequest,
  invoices: Map<string, Invoice>,
): Promise<FieldIssue[]> {
  const returned = await returnedQuantities(tx, tenantId, [...invoices.keys()]);
  return req.documents.flatMap((d, i) => {
    const inv = invoices.get(d.invoiceId)!;
    return d.lines.flatMap((l, j) => {
      const problem = lineProblem(
        originalLine(inv.document, l.numItem),
        l.numItem,
        l.cantidad,
        returned.get(`${inv.id}:${l.numItem}`),
      );
      if (!problem) return [];
      const { field, ...rest } = problem;
      return [{ path: join(join(join(join('documents', i), 'lines'), j), field), ...rest }];
    });
  });
}

async function lockInvoices(tx: EntityManager, req: ReturnRequest): Promise<Map<string, Invoice>> {
  // Row locks on the returned documents: concurrent returns (and invalidations) of one document are decided in turn.
  const ids = req.documents.map((d) => d.invoiceId).filter((id) => UUID.test(id));
  const rows = await tx.find(
    Invoice,
    { id: { $in: ids } },
    { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } },
  );
  return new Map(rows.map((r) => [r.id, r]));
}

async function createReturn(
  ctx: Context,
  tx: EntityManager,
  tenantId: string,
  req: ReturnRequest,
  requestHash: string,
) {
  const invoices = await lockInvoices(tx, req);
  const tenant = await tx.findOneOrFail(Tenant, { id: tenantId });
  const docIssues = checkDocuments(req, invoices, tenant, elSalvadorDateTime(ctx.clock.now()).fecEmi);
  if (docIssues.length) throw new ValidationError(docIssues);
  const lineIssues = await checkLines(tx, tenantId, req, invoices);
  if (lineIssues.length) throw new ValidationError(lineIssues);
  const ordered = req.documents.map((d) => ({ req: d, inv: invoices.get(d.invoiceId)! }));
  const pos = { codEstableMH: ordered[0]!.inv.codEstableMH, codPuntoVentaMH: ordered[0]!.inv.codPuntoVentaMH };
  const resolved = await resolveEmisor(tx, tenant, pos);
  if ('issues' in resolved) throw new ValidationError(resolved.issues);
  const lines: ReturnedLine[] = ordered.flatMap(({ req: d, inv }) =>
    d.lines.map((l) => ({
      invoiceId: inv.id,
      codigoGeneracion: inv.codigoGeneracion,
      numItem: l.numItem,
      cantidad: l.cantidad.toFixed(),
    })),
  );
  const documents = ordered.map(({ req: d, inv }) => ({
    tipoDte: inv.tipoDte as RetornoTipo,
    codigoGeneracion: inv.codigoGeneracion,
    fecEmi: inv.fecEmi,
    document: inv.document,
    lines: d.lines,
  }));
  return insertFiscalEvent(ctx, tx, {
    tenant,
    tipoEvento: '18',
    referenciaExterna: req.referenciaExterna,
    requestHash,
    lines,
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
  const req = parseReturn(body);
  const requestHash = requestHashOf(body);
  const found = await existingEvent(ctx.em, req.referenciaExterna, requestHash);
  if (found) return { event: found, created: false };
  return createOnce(ctx, req.referenciaExterna, requestHash, (tx) => createReturn(ctx, tx, tenantId, req, requestHash));
}
