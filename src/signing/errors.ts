/** Typed failures of the signing layer. `code` is stable: callers branch on it, never on the message. */
export type CertificateErrorCode =
  | 'CERT_MALFORMED'
  | 'CERT_PASSWORD_MISMATCH'
  | 'CERT_KEY_MISMATCH'
  | 'CERT_EXPIRED'
  | 'CERT_NOT_YET_VALID'
  | 'CERT_UNSUPPORTED_KEY';

export class CertificateError extends Error {
  constructor(
    public readonly code: CertificateErrorCode,
    message: string,
    /** The certificate element the rule is about, e.g. `privateKey/clave`. */
    public readonly field?: string,
  ) {
    super(message);
    this.name = 'CertificateError';
  }
}

export type JwsErrorCode = 'JWS_MALFORMED' | 'JWS_BAD_HEADER' | 'JWS_BAD_SIGNATURE' | 'JWS_BAD_PAYLOAD';

export class JwsError extends Error {
  constructor(
    public readonly code: JwsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'JwsError';
  }
}

export type SecretErrorCode =
  | 'SECRET_MALFORMED'
  | 'SECRET_UNSUPPORTED_VERSION'
  | 'SECRET_TAMPERED'
  | 'MASTER_KEY_INVALID';

export class SecretError extends Error {
  constructor(
    public readonly code: SecretErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SecretError';
  }
}
