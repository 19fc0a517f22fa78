/**
 * One ErrorCode enum for the whole service. Expected failures travel as typed results (GraphQL unions, REST 4xx JSON);
 * exceptions are for bugs, infrastructure and authentication.
 */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  TENANT_MISMATCH = 'TENANT_MISMATCH',
  NOT_FOUND = 'NOT_FOUND',
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  DUPLICATE_TENANT_NIT = 'DUPLICATE_TENANT_NIT',
  DUPLICATE_REFERENCE = 'DUPLICATE_REFERENCE',
  UNKNOWN_SCOPE = 'UNKNOWN_SCOPE',
  CONFLICT = 'CONFLICT',
  DEADLINE_PASSED = 'DEADLINE_PASSED',
  INVALID_STATE = 'INVALID_STATE',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  MH_REJECTED = 'MH_REJECTED',
  MH_UNAVAILABLE = 'MH_UNAVAILABLE',
  NO_MH_CREDENTIAL = 'NO_MH_CREDENTIAL',
  INTERNAL = 'INTERNAL',
  SIGMA_UNAVAILABLE = 'SIGMA_UNAVAILABLE',
}

export interface FieldIssue {
  /** Dotted path into the input, e.g. `receptor.numDocumento` or `items[2].precio`. */
  path: string;
  code: string;
  message: string;
  /** Values the message names, for the Spanish catalog (src/core/messages); stripped from responses. */
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * A validation failure's message from its issues: each one as `path: message`, or its message alone when it is about
 * the request as a whole (no path).
 */
export function issuesMessage(issues: readonly { path: string; message: string }[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}

export class ValidationError extends AppError {
  constructor(issues: FieldIssue[], message = issuesMessage(issues)) {
    super(ErrorCode.VALIDATION_FAILED, message, issues);
    this.name = 'ValidationError';
  }
}

export const httpStatusOf: Record<ErrorCode, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.TENANT_MISMATCH]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.VALIDATION_FAILED]: 422,
  [ErrorCode.DUPLICATE_TENANT_NIT]: 409,
  [ErrorCode.DUPLICATE_REFERENCE]: 409,
  [ErrorCode.UNKNOWN_SCOPE]: 422,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.DEADLINE_PASSED]: 422,
  [ErrorCode.INVALID_STATE]: 409,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.MH_REJECTED]: 422,
  [ErrorCode.MH_UNAVAILABLE]: 503,
  [ErrorCode.NO_MH_CREDENTIAL]: 409,
  [ErrorCode.INTERNAL]: 500,
  [ErrorCode.SIGMA_UNAVAILABLE]: 503,
};
