import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { ValidationError, type FieldIssue } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import {
  buildOperacionesEspeciales,
  elSalvadorDateTime,
  isValidDate,
  OPERACIONES_ESPECIALES,
  specialOperationsDeadline,
  type EopLineInput,
} from '../../dte/index.js';
import { join, Reader, type Obj } from '../../dte/input/reader.js';
import { ZERO } from '../../dte/money.js';
import { resolveEmisor } from '../invoices/emisor.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { FiscalEvent } from './fiscal-event.entity.js';
import {
  createOnce,
  existingEvent,
  insertFiscalEvent,
  requestHashOf,
  type EventEmission,
} from './fiscal-event-store.js';

const TIPOS = ['gravado', 'exento', 'noSujeto'] as const;

interface EopRequest {
  referenciaExterna: string;
  lines: EopLineInput[];
  codEstableMH: string | null;
  codPuntoVentaMH: string | null;
}

function parseLine(r: Reader, o: Obj, p: string): EopLineInput {
  const tipoRaw = o['tipo'] ?? 'gravado';
  if (!(TIPOS as readonly unknown[]).includes(tipoRaw))
    r.add(join(p, 'tipo'), 'NOT_ALLOWED', `tipo must be one of ${TIPOS.join(', ')}`);
  const fecha = r.str(o, 'fechaEmision', p, { required: true }) ?? '';
  if (fecha && !isValidDate(fecha)) r.add(join(p, 'fechaEmision'), 'INVALID_DATE', 'fechaEmision must be YYYY-MM-DD');
  const docDel = r.str(o, 'docDel', p, { max: 36 });
  const docAl = r.str(o, 'docAl', p, { max: 36 });
  if ((docDel === null) !== (docAl === null))
    r.add(join(p, docDel === null ? 'docDel' : 'docAl'), 'INCOMPLETE_RANGE', 'docDel and docAl go together');
  if (docDel && docAl && /^[0-9]+$/.test(docDel) && /^[0-9]+$/.test(docAl) && BigInt(docDel) > BigInt(docAl))
    r.add(join(p, 'docAl'), 'INVALID_RANGE', 'docAl must not be lower than docDel');
  return {
    tipoDocumento: r.code(o, 'tipoDocumento', p, OPERACIONES_ESPECIALES, 'CAT-023', { required: true }) ?? '02',
    numDocumento: r.str(o, 'numDocumento', p, { max: 36 }),
    fechaEmision: fecha,
    cantidad: r.int(o, 'cantidad', p, { required: true, min: 1 }) ?? 1,
    descripcion: r.str(o, 'descripcion', p, { required: true, max: 1500 }) ?? '',
    docDel,
    docAl,
    precio: r.decimal(o, 'precio', p, { required: true, min: '0' }) ?? ZERO,
    tipo: (TIPOS as readonly unknown[]).includes(tipoRaw) ? (tipoRaw as EopLineInput['tipo']) : 'gravado',
    codigoGeneracionRef: r.str(o, 'codigoGeneracionRef', p, {
      pattern: /^[A-F0-9]{8}-[A-F0-9]{4}-[A-F0-9]{4}-[A-F0-9]{4}-[A-F0-9]{12}$/,
      patternHint: 'a codigoGeneracion (uppercase UUID)',
    }),
  };
}

function parse(body: unknown): EopRequest {
  const r = new Reader();
  const o: Obj = r.isObj(body) ? body : {};
  const referenciaExterna = r.str(o, 'referenciaExterna', '', { required: true, max: 100 }) ?? '';
  const items = r.array(o, 'items', '', { required: true, min: 1, max: 2000 }) ?? [];
  const lines = items.map((v, i) => parseLine(r, r.isObj(v) ? v : {}, join('items', i)));
  const codEstableMH = r.str(o, 'codEstableMH', '', { max: 4 });
  const codPuntoVentaMH = r.str(o, 'codPuntoVentaMH', '', { max: 4 });
  if (r.issues.length) throw new ValidationError(r.issues);
  return { referenciaExterna, lines, codEstableMH, codPuntoVentaMH };
}

/** Reported documents are not dated after today, and the event comes within their reporting window. */
async function checkLines(tx: EntityManager, req: EopRequest, today: string): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const [i, l] of req.lines.entries()) {
    const p = join('items', i);
    if (l.fechaEmision > today)
      issues.push({
        path: join(p, 'fechaEmision'),
        code: 'AFTER_EVENT',
        message: 'a reported document cannot be dated after today',
      });
    else if (today > specialOperationsDeadline(l.fechaEmision)) {
      issues.push({
        path: join(p, 'fechaEmision'),
        code: 'REPORTING_WINDOW_PASSED',
        message: `operations of ${l.fechaEmision} were reportable until ${specialOperationsDeadline(l.fechaEmision)}`,
      });
    }
    if (l.codigoGeneracionRef) {
      const ref = await tx.findOne(FiscalEvent, {
        codigoGeneracion: l.codigoGeneracionRef,
        tipoEvento: '17',
        status: 'PROCESSED',
      });
      if (!ref)
        issues.push({
          path: join(p, 'codigoGeneracionRef'),
          code: 'REFERENCE_NOT_FOUND',
          message: 'must be a PROCESSED Evento de Operaciones Especiales of this tenant',
        });
    }
  }
  return issues;
}

/**
 * Evento de Operaciones Especiales: reports simplified sales invoices (CAT-023 02) and internal control vouchers (97)
 * to MH. Validated, built and written with its transmission job in ONE transaction; returns at once (QUEUED).
 * Idempotent per tenant on referenciaExterna.
 */
export async function emitSpecialOperations(ctx: Context, body: unknown): Promise<EventEmission> {
  const tenantId = requireTenantScope(ctx, 'invoices:emit');
  const req = parse(body);
  const requestHash = requestHashOf(body);
  const found = await existingEvent(ctx.em, req.referenciaExterna, requestHash);
  if (found) return { event: found, created: false };
  return createOnce(ctx, req.referenciaExterna, requestHash, async (tx) => {
    const issues = await checkLines(tx, req, elSalvadorDateTime(ctx.clock.now()).fecEmi);
    if (issues.length) throw new ValidationError(issues);
    const tenant = await tx.findOneOrFail(Tenant, { id: tenantId });
    const resolved = await resolveEmisor(tx, tenant, req);
    if ('issues' in resolved) throw new ValidationError(resolved.issues);
    return insertFiscalEvent(ctx, tx, {
      tenant,
      tipoEvento: '17',
      referenciaExterna: req.referenciaExterna,
      requestHash,
      lines: null,
      build: (ident) => buildOperacionesEspeciales({ lines: req.lines }, resolved.emisor, ident),
    });
  });
}
