import type { Context } from '../../context.js';
import { ErrorCode } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import { fail, ok, type Failure, type Result } from '../../core/result.js';
import type { EmitResult } from './emit-invoice.js';
import { emitRequest, type EmitRequestFailure } from './emit-request.js';
import { getInvoice } from './get-invoice.js';
import type { Invoice } from './invoice.entity.js';
import { invoiceNotFound } from './invoice.errors.js';

/** A note also fails when the document it names is not a PROCESSED CCF. */
export type EmitNoteFailure = EmitRequestFailure | Failure<ErrorCode.INVALID_STATE>;

export interface NoteInput {
  /** The CCF (03) this note adjusts. */
  invoiceId: string;
  referenciaExterna: string;
  items: unknown[];
  [more: string]: unknown;
}

type Obj = Record<string, unknown>;

/** The CCF's receptor, back in emission-body form (CCF stores it as nit/nrc). */
function receptorOfCcf(doc: Obj): Obj {
  const r = (doc.receptor ?? {}) as Obj;
  const { nit, ...rest } = r;
  return Object.fromEntries(
    Object.entries({ ...rest, tipoDocumento: '36', numDocumento: nit }).filter(
      ([, v]) => v !== null && v !== undefined,
    ),
  );
}

async function relatedCcf(
  ctx: Context,
  id: string,
): Promise<Result<Invoice, Failure<ErrorCode.NOT_FOUND | ErrorCode.INVALID_STATE>>> {
  const ccf = await getInvoice(ctx, id);
  if (!ccf) return invoiceNotFound(id);
  // MH's rules: NC/ND adjust a CCF that MH has accepted (it must carry a sello to be referenced).
  if (ccf.tipoDte !== '03') {
    return fail(ErrorCode.INVALID_STATE, `invoice ${id} is a ${ccf.tipoDte}, not a CCF (03)`, [
      { path: 'invoiceId', code: 'NOT_A_CCF', message: 'notes relate a Comprobante de Crédito Fiscal (03)' },
    ]);
  }
  if (ccf.status !== 'PROCESSED') {
    return fail(ErrorCode.INVALID_STATE, `CCF ${id} is ${ccf.status}; only a PROCESSED CCF can be adjusted`, [
      { path: 'invoiceId', code: 'NOT_PROCESSED', message: `status is ${ccf.status}` },
    ]);
  }
  return ok(ccf);
}

/** Nota de Crédito (05) / Débito (06) relating a processed CCF: the receptor and the related document come from it. */
export async function emitNote(
  ctx: Context,
  tipoDte: '05' | '06',
  input: NoteInput,
): Promise<Result<EmitResult, EmitNoteFailure>> {
  requireTenantScope(ctx, 'invoices:emit');
  const related = await relatedCcf(ctx, input.invoiceId);
  if (!related.ok) return related;
  const ccf = related.value;
  const { invoiceId: _omit, ...rest } = input;
  return emitRequest(ctx, {
    ...rest,
    tipoDte,
    receptor: receptorOfCcf(ccf.document),
    documentoRelacionado: [
      { tipoDocumento: '03', tipoGeneracion: 2, numeroDocumento: ccf.codigoGeneracion, fechaEmision: ccf.fecEmi },
    ],
    ...(ccf.patientId ? { patientId: ccf.patientId } : {}),
  });
}
