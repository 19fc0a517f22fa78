import { AppError, ErrorCode, issuesMessage, ValidationError, type FieldIssue } from './errors.js';

/**
 * An expected failure as a value: a stable code, a message and the fields at fault. `Failure<A | B>` is the
 * discriminated union of `Failure<A>` and `Failure<B>`, so a use case's signature lists the codes it can return.
 */
export type Failure<C extends ErrorCode = ErrorCode> = C extends ErrorCode
  ? { readonly code: C; readonly message: string; readonly issues: FieldIssue[] }
  : never;

/** What a use case with expected failures returns: its value, or one of the failures its signature names. */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<F extends Failure = Failure> = { readonly ok: false; readonly error: F };
export type Result<T, F extends Failure = Failure> = Ok<T> | Err<F>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

export function fail<C extends ErrorCode>(code: C, message: string, issues: FieldIssue[] = []): Err<Failure<C>> {
  return { ok: false, error: { code, message, issues } as Failure<C> };
}

/** The input breaks rules: one issue per field and rule; the message lists them (as ValidationError did). */
export function invalid(issues: FieldIssue[]): Err<Failure<ErrorCode.VALIDATION_FAILED>> {
  return fail(ErrorCode.VALIDATION_FAILED, issuesMessage(issues), issues);
}

/**
 * The same failure with every issue path rewritten (e.g. into the caller's own field names); a validation failure's
 * message, which lists the paths, is written again from them.
 */
export function mapIssues<F extends Failure>(error: F, pathOf: (p: string) => string): F {
  const issues = error.issues.map((i) => ({ ...i, path: pathOf(i.path) }));
  return error.code === ErrorCode.VALIDATION_FAILED
    ? { ...error, issues, message: issuesMessage(issues) }
    : { ...error, issues };
}

/**
 * Runs a step whose helpers still signal expected failures by throwing AppError and returns that failure as a value;
 * anything else (a bug, the database, the network) still throws.
 */
export async function caught<T>(run: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await run());
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: failureOf(err) };
    throw err;
  }
}

export function failureOf(err: AppError): Failure {
  return { code: err.code, message: err.message, issues: err.issues } as Failure;
}

/** The failure as the exception the edges and the scripts understand (the same code, message and issues). */
export function toAppError(error: Failure): AppError {
  return error.code === ErrorCode.VALIDATION_FAILED
    ? new ValidationError(error.issues, error.message)
    : new AppError(error.code, error.message, error.issues);
}

/** Raises an expected failure where the caller answers no result (a query, a script): the AppError the edges map. */
export function raise(r: Err): never {
  throw toAppError(r.error);
}

/** For scripts and jobs that have no one to answer: the value, or the failure thrown as an AppError. */
export function orThrow<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw toAppError(r.error);
}
