import { Field, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { AppError, ErrorCode } from '../core/errors.js';
import { localizeError } from '../core/messages.js';
import { toAppError, type Result } from '../core/result.js';

registerEnumType(ErrorCode, {
  name: 'ErrorCode',
  description: 'Stable machine-readable error codes (the same codes REST returns)',
});

@ObjectType({ description: 'One problem with one input field' })
export class FieldProblem {
  @Field({ description: 'Dotted path into the input, e.g. receptor.numDocumento or items[2].precio' })
  path!: string;
  @Field({ description: 'Rule that failed, e.g. INVALID_DUI_CHECK_DIGIT' })
  code!: string;
  @Field()
  message!: string;
}

@InterfaceType({ description: 'An expected failure of a mutation, returned as data (not as a GraphQL error)' })
export abstract class UserError {
  @Field(() => ErrorCode)
  code!: ErrorCode;
  @Field()
  message!: string;
  @Field(() => [FieldProblem])
  issues!: FieldProblem[];
}

const byCode: Partial<Record<ErrorCode, new () => UserError>> = {};

/** The GraphQL error type of one ErrorCode: a failure with that code is answered as this type's object. */
export function userErrorType(name: string, code: ErrorCode, description: string) {
  @ObjectType(name, { implements: UserError, description })
  class E extends UserError {
    readonly __typename = name;
  }
  byCode[code] = E;
  return E;
}

export const ValidationFailed = userErrorType(
  'ValidationFailed',
  ErrorCode.VALIDATION_FAILED,
  'The input breaks one or more rules; `issues` names each field and rule',
);
export const NotFound = userErrorType(
  'NotFound',
  ErrorCode.NOT_FOUND,
  'The referenced object does not exist for this tenant',
);
export const DuplicateTenantNit = userErrorType(
  'DuplicateTenantNit',
  ErrorCode.DUPLICATE_TENANT_NIT,
  'A tenant with this NIT already exists',
);
export const UnknownScope = userErrorType('UnknownScope', ErrorCode.UNKNOWN_SCOPE, 'One or more scopes are not known');

/** A use case that returns a typed result is mapped by fromResult; asResult refuses it at compile time. */
type NotAResult<T> = T extends { readonly ok: boolean } ? never : T;

/**
 * Runs a use case and turns an expected failure (AppError with a mapped code) into its typed result object.
 * Authentication/authorization failures and bugs still throw.
 */
export async function asResult<T>(run: () => Promise<NotAResult<T>>): Promise<T | UserError> {
  try {
    return await run();
  } catch (err) {
    const Ctor = err instanceof AppError ? byCode[err.code] : undefined;
    if (!Ctor || !(err instanceof AppError)) throw err;
    return Object.assign(new Ctor(), { code: err.code, ...localizeError(err.code, err.message, err.issues) });
  }
}

/**
 * A use case's typed result as its GraphQL union member: the value, or the failure as its error object (localized).
 * A failure whose code has no error type in the schema is raised as a GraphQL error, as a thrown AppError would be.
 */
export async function fromResult<T, U = T>(result: Promise<Result<T>>, view?: (value: T) => U): Promise<U | UserError> {
  const r = await result;
  if (r.ok) return view ? view(r.value) : (r.value as unknown as U);
  const Ctor = byCode[r.error.code];
  if (!Ctor) throw toAppError(r.error);
  const { code, message, issues } = r.error;
  return Object.assign(new Ctor(), { code, ...localizeError(code, message, issues) });
}

/** For union resolveType: error objects carry their GraphQL type name; anything else is the success type. */
export function resolveResultType(successType: string) {
  return (value: unknown) => (value as { __typename?: string }).__typename ?? successType;
}
