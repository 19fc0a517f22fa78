import type { Context } from '../../context.js';
import { AppError, ValidationError } from '../../core/errors.js';
import { normalizeBody } from '../../dte/input/v1-shape.js';
import { expandEmission } from '../patients/expand-emission.js';
import { emitInvoice, type EmitResult } from './emit-invoice.js';

/**
 * The emission as SIGMA asks for it (GraphQL emitInvoice and REST POST /api/facturas), whatever the body's shape (the
 * integration contract's, or the v1.0 guide's `externalId` + `cuerpoDocumento` + `resumen`, detected from the body):
 * receptor by patientId, items by serviceId, tipoDte inferred; then the one emission use case (validation, numbering,
 * idempotency). Errors name the fields as the caller wrote them.
 */
export async function emitRequest(ctx: Context, body: unknown): Promise<EmitResult> {
  const n = normalizeBody(body);
  if (n.issues.length) throw new ValidationError(n.issues);
  try {
    return await emitInvoice(ctx, await expandEmission(ctx, n.body), { declared: n.declared });
  } catch (err) {
    throw n.shape === 'contrato' ? err : inCallerTerms(err, n.pathOf);
  }
}

/** The same error with every issue path written in the caller's own field names. */
export function inCallerTerms(err: unknown, pathOf: (p: string) => string): unknown {
  if (!(err instanceof AppError) || !err.issues.length) return err;
  const issues = err.issues.map((i) => ({ ...i, path: pathOf(i.path) }));
  return err instanceof ValidationError ? new ValidationError(issues) : new AppError(err.code, err.message, issues);
}
