import type { Context } from '../../context.js';
import type { ErrorCode } from '../../core/errors.js';
import { invalid, mapIssues, type Failure, type Result } from '../../core/result.js';
import { normalizeBody } from '../../dte/input/v1-shape.js';
import { expandEmission } from '../patients/expand-emission.js';
import { emitInvoice, type EmitFailure, type EmitResult } from './emit-invoice.js';

/** An emission by SIGMA's request may also name a patient or a service nothing is known of. */
export type EmitRequestFailure = EmitFailure | Failure<ErrorCode.NOT_FOUND>;

/**
 * The emission as SIGMA asks for it (GraphQL emitInvoice and REST POST /api/facturas), whatever the body's shape (the
 * integration contract's, or the v1.0 guide's `externalId` + `cuerpoDocumento` + `resumen`, detected from the body):
 * receptor by patientId, items by serviceId, tipoDte inferred; then the one emission use case (validation, numbering,
 * idempotency). Failures name the fields as the caller wrote them.
 */
export async function emitRequest(ctx: Context, body: unknown): Promise<Result<EmitResult, EmitRequestFailure>> {
  const n = normalizeBody(body);
  if (n.issues.length) return invalid(n.issues);
  const expanded = await expandEmission(ctx, n.body);
  const r = expanded.ok ? await emitInvoice(ctx, expanded.value, { declared: n.declared }) : expanded;
  if (r.ok || n.shape === 'contrato' || !r.error.issues.length) return r;
  return { ok: false, error: mapIssues(r.error, n.pathOf) };
}
