import { ErrorCode } from '../../core/errors.js';
import { fail } from '../../core/result.js';
import type { Invoice } from './invoice.entity.js';

/** The expected failures that name an invoice, spelled once for every use case that returns them. */

export function duplicateReference(found: Pick<Invoice, 'id' | 'referenciaExterna' | 'status'>) {
  const used = `was already used with a different body (invoice ${found.id}, ${found.status})`;
  return fail(ErrorCode.DUPLICATE_REFERENCE, `referenciaExterna "${found.referenciaExterna}" ${used}`, [
    {
      path: 'referenciaExterna',
      code: 'DUPLICATE_REFERENCE',
      message: `already used by invoice ${found.id} with a different body`,
    },
  ]);
}

export function invoiceNotFound(id: string, path = 'invoiceId') {
  const issue = { path, code: 'NOT_FOUND', message: 'no such invoice' };
  return fail(ErrorCode.NOT_FOUND, `invoice ${id} not found`, [issue]);
}
