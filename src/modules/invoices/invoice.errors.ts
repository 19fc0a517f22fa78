import { ErrorCode } from '../../core/errors.js';
import { fail } from '../../core/result.js';
import type { Invoice } from './invoice.entity.js';

/** The expected failures that name an invoice, spelled once for every use case that returns them. */

export function duplicateReference(found: Pick<Invoice, 'id' | 'referenciaExterna' | 'status'>) {
  return fail(ErrorCode.DUPLICATE_REFERENCE, `referenciaExterna "${found.referenciaExterna}" was already used with a different body (invoice ${found.id}, ${found.status})`, [
    { path: 'referenciaExterna', code: 'DUPLICATE_REFERENCE', message: `already used by invoice ${found.id} with a different body` },
  ]);
}

export function invoiceNotFound(id: string, path = 'invoiceId') {
  return fail(ErrorCode.NOT_FOUND, `invoice ${id} not found`, [{ path, code: 'NOT_FOUND', message: 'no such invoice' }]);
}
