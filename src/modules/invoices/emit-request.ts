import type { Context } from '../../core/context.js';
import { expandEmission } from '../patients/expand-emission.js';
import { emitInvoice, type EmitResult } from './emit-invoice.js';

/**
 * The emission as SIGMA asks for it (GraphQL emitInvoice and REST POST /api/facturas): receptor by patientId, items
 * by serviceId, tipoDte inferred; then the one emission use case (validation, numbering, idempotency).
 */
export async function emitRequest(ctx: Context, body: unknown): Promise<EmitResult> {
  return emitInvoice(ctx, await expandEmission(ctx, body));
}
