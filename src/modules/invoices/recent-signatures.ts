// The JWS of the documents this process has just signed and whose row keeps them without their payload
// (`header..signature`, see invoice-jws.ts), kept for the receptor's e-mail, which follows MH's answer a moment later
// and, as a rule, in the same worker. The e-mail's read asks for the document only when the row no longer holds that
// JWS: while it does, the document it stands for is the JWS's payload, so the e-mail takes the document from it
// instead of reading it back from the row, and neither rebuilds the JWS nor serialises the document again for the
// PDF. Each is kept as the one string (no object graph for the garbage collector to walk), handed out once, and at
// most RECENT of them: the oldest is forgotten first (a document with no e-mail, one MH rejected).

const RECENT = 1024;
const recent = new Map<string, string>();

const keyOf = (tenantId: string, invoiceId: string): string => `${tenantId}/${invoiceId}`.toLowerCase();

/** Keeps the compact JWS just signed for the invoice (whose row stores it as `header..signature`). */
export function keepSignedJws(tenantId: string, invoiceId: string, jws: string): void {
  const key = keyOf(tenantId, invoiceId);
  recent.delete(key);
  if (recent.size >= RECENT) recent.delete(recent.keys().next().value as string);
  recent.set(key, jws);
}

/** The JWS kept for the invoice, if any, forgotten as it is handed out. */
export function takeSignedJws(tenantId: string, invoiceId: string): string | null {
  const key = keyOf(tenantId, invoiceId);
  const jws = recent.get(key);
  if (jws === undefined) return null;
  recent.delete(key);
  return jws;
}

/** Forgets every kept JWS (tests). */
export function forgetSignedJws(): void {
  recent.clear();
}
