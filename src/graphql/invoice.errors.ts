import { ErrorCode } from '../core/errors.js';
import { userErrorType } from './errors.types.js';

export const DuplicateReference = userErrorType(
  'DuplicateReference',
  ErrorCode.DUPLICATE_REFERENCE,
  'referenciaExterna was already used by this tenant with a different body',
);
export const InvalidState = userErrorType(
  'InvalidState',
  ErrorCode.INVALID_STATE,
  'The invoice is not in a state that allows this operation',
);
export const DeadlinePassed = userErrorType(
  'DeadlinePassed',
  ErrorCode.DEADLINE_PASSED,
  "MH's legal deadline for this operation has passed (MH invalidation deadlines)",
);
export const MhRejected = userErrorType(
  'MhRejected',
  ErrorCode.MH_REJECTED,
  'MH answered and refused the event; `issues` carries its observaciones',
);
export const MhUnavailable = userErrorType(
  'MhUnavailable',
  ErrorCode.MH_UNAVAILABLE,
  'MH could not be reached; nothing changed, retry later',
);
export const NoMhCredential = userErrorType(
  'NoMhCredential',
  ErrorCode.NO_MH_CREDENTIAL,
  'The tenant has no MH certificate/API credential for this ambiente',
);
