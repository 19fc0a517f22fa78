import { ObjectType } from 'type-graphql';
import { ErrorCode } from '../core/errors.js';
import { UserError, registerUserError } from './errors.types.js';

@ObjectType('DuplicateReference', { implements: UserError, description: 'referenciaExterna was already used by this tenant with a different body' })
export class DuplicateReference extends UserError {
  readonly __typename = 'DuplicateReference';
}

@ObjectType('InvalidState', { implements: UserError, description: 'The invoice is not in a state that allows this operation' })
export class InvalidState extends UserError {
  readonly __typename = 'InvalidState';
}

registerUserError(ErrorCode.DUPLICATE_REFERENCE, DuplicateReference);
registerUserError(ErrorCode.INVALID_STATE, InvalidState);

function userError(name: string, code: ErrorCode, description: string) {
  @ObjectType(name, { implements: UserError, description })
  class E extends UserError {
    readonly __typename = name;
  }
  registerUserError(code, E);
  return E;
}

export const DeadlinePassed = userError('DeadlinePassed', ErrorCode.DEADLINE_PASSED, "MH's legal deadline for this operation has passed (MH invalidation deadlines)");
export const MhRejected = userError('MhRejected', ErrorCode.MH_REJECTED, 'MH answered and refused the event; `issues` carries its observaciones');
export const MhUnavailable = userError('MhUnavailable', ErrorCode.MH_UNAVAILABLE, 'MH could not be reached; nothing changed, retry later');
export const NoMhCredential = userError('NoMhCredential', ErrorCode.NO_MH_CREDENTIAL, 'The tenant has no MH certificate/API credential for this ambiente');
