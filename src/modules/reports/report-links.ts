/**
 * Signed, expiring links to a monthly report's file, on the same mechanism as the document links (HS256 under the
 * link key derived from the master key, `FX_DOCUMENT_LINK_TTL_S`), with an audience of their own: a report token never
 * opens a document and a document token never opens a report. `GET /reports/<report id>.zip?token=…`.
 */
import { type JWTPayload, jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { DocumentLinkError, type LinkSigner } from '../documents/links.js';

export const REPORT_ROUTE = '/reports';
const AUDIENCE = 'fx-report';

export interface ReportLink {
  url: string;
  expiresAt: Date;
}

export async function reportLink(
  signer: LinkSigner,
  report: { id: string; tenantId: string },
  issuedAt: Date = new Date(),
): Promise<ReportLink> {
  const iat = Math.floor(issuedAt.getTime() / 1000);
  const exp = iat + signer.ttlSeconds;
  const token = await new SignJWT({ tid: report.tenantId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(report.id)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(signer.key);
  return { url: `${signer.publicUrl}${REPORT_ROUTE}/${report.id}.zip?token=${token}`, expiresAt: new Date(exp * 1000) };
}

/** The tenant of a valid token issued for exactly this report. */
export async function verifyReportToken(
  signer: LinkSigner,
  token: string,
  reportId: string,
  now: Date = new Date(),
): Promise<string> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, signer.key, { audience: AUDIENCE, algorithms: ['HS256'], currentDate: now }));
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired)
      throw new DocumentLinkError('LINK_EXPIRED', 'this report link has expired');
    throw new DocumentLinkError('LINK_INVALID', 'this report link is not valid');
  }
  if (payload.sub !== reportId || typeof payload.tid !== 'string') {
    throw new DocumentLinkError('LINK_MISMATCH', 'this link was issued for another report');
  }
  return payload.tid;
}
