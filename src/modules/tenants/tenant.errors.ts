import { ErrorCode } from '../../core/errors.js';
import { fail } from '../../core/result.js';

/** No tenant has this id; `path` names the input field that carried it. */
export function tenantNotFound(id: string, path = 'tenantId') {
  return fail(ErrorCode.NOT_FOUND, `tenant ${id} not found`, [{ path, code: 'NOT_FOUND', message: 'no such tenant' }]);
}
