// The signed document is stored once. A compact JWS is `header.payload.signature` and its payload is the DTE JSON the
// invoice row already holds in `document`; so the row keeps only `header..signature` (RFC 7515 Appendix F: a JWS with
// a detached payload) and the full JWS is rebuilt from `document` whenever it is read. The JWS keeps its legal value:
// rebuilt, it is byte for byte the one MH received and sealed.
//
// `document` is jsonb: PostgreSQL keeps its values but not the key order of the object it was given (jsonb orders
// keys by length, then bytewise). The payload is therefore rebuilt from the document with its keys in jsonb's order,
// which is also the order the worker signs (it signs the document as read back from the row). A JWS whose payload is
// not reproducible that way (any other key order, numbers the round trip would change) is stored whole instead.

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i += 1) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

const byJsonbOrder = (a: string, b: string): number => {
  // ASCII keys (a DTE's are): as many bytes as characters, and bytes in the order of the characters
  if (isAscii(a) && isAscii(b)) return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
  const la = Buffer.byteLength(a);
  const lb = Buffer.byteLength(b);
  return la !== lb ? la - lb : Buffer.compare(Buffer.from(a), Buffer.from(b));
};

/** The value with object keys in the order PostgreSQL's jsonb gives them back. */
export function jsonbOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsonbOrder);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const o = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort(byJsonbOrder)) if (o[k] !== undefined) out[k] = jsonbOrder(o[k]);
    return out;
  }
  return value;
}

/**
 * Whether JSON.stringify writes `value` as it writes jsonbOrder(value): plain objects (and arrays, and leaves) whose
 * keys are already in jsonb's order — as every document read back from the row is. (Each key is looked at once: an
 * ASCII key after an ASCII key is compared by length, then by its characters, as byJsonbOrder compares them.)
 */
function inJsonbOrder(value: unknown): boolean {
  if (!value || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) if (!inJsonbOrder(value[i])) return false;
    return true;
  }
  if (value instanceof Date) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  const o = value as Record<string, unknown>;
  let previous: string | null = null;
  let previousAscii = false;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) return false;
    const ascii = isAscii(k);
    if (previous !== null) {
      if (previousAscii && ascii) {
        if (previous.length > k.length || (previous.length === k.length && previous >= k)) return false;
      } else if (byJsonbOrder(previous, k) >= 0) return false;
    }
    if (!inJsonbOrder(o[k])) return false;
    previous = k;
    previousAscii = ascii;
  }
  return true;
}

/** The JWS payload (base64url) a stored document stands for. */
function payloadOf(document: object): string {
  const json = JSON.stringify(inJsonbOrder(document) ? document : jsonbOrder(document));
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** payloadOf(document) when `json` is JSON.stringify(document): a document in jsonb's order is not serialised again. */
function payloadOfWithJson(document: object, json: string): string {
  return Buffer.from(inJsonbOrder(document) ? json : JSON.stringify(jsonbOrder(document)), 'utf8').toString(
    'base64url',
  );
}

/** What the row stores for a JWS of `document`: `header..signature` when the payload is `document`, else the JWS. */
export function storedJws(jws: string, document: object): string {
  const [header, payload, signature, extra] = jws.split('.');
  if (extra !== undefined || !header || !payload || !signature) return jws;
  return payload === payloadOf(document) ? `${header}..${signature}` : jws;
}

/**
 * storedJws for a JWS the signer has just made of `document` (its payload is `JSON.stringify(document)`, the signer's
 * contract): when the document's keys are already in jsonb's order — a document read back from the row always is —
 * that payload is the one the row gives back, so the document is not serialized and encoded a second time to be
 * compared. Any other document goes through storedJws.
 */
export function storedJwsOfSigned(jws: string, document: object): string {
  if (!inJsonbOrder(document)) return storedJws(jws, document);
  const [header, payload, signature, extra] = jws.split('.');
  if (extra !== undefined || !header || !payload || !signature) return jws;
  return `${header}..${signature}`;
}

/** The compact JWS as transmitted to MH, or null before the document is signed. */
export function compactJws(inv: { jws?: string | null; document: object }): string | null {
  const stored = inv.jws;
  if (!stored) return null;
  const [header, payload, signature] = stored.split('.');
  return payload ? stored : `${header}.${payloadOf(inv.document)}.${signature}`;
}

/**
 * compactJws(inv) and the document's compact JSON (`JSON.stringify(inv.document)`, what the PDF thread is sent)
 * together: a JWS rebuilt from a document in jsonb's order (a row's always is) has that JSON as its payload, so the
 * document is serialised once for both.
 */
export function compactJwsAndJson(inv: { jws?: string | null; document: object }): {
  jws: string | null;
  json: string;
} {
  const json = JSON.stringify(inv.document);
  const stored = inv.jws;
  if (!stored) return { jws: null, json };
  const [header, payload, signature] = stored.split('.');
  return { jws: payload ? stored : `${header}.${payloadOfWithJson(inv.document, json)}.${signature}`, json };
}

/**
 * The document a compact JWS signed and its JSON text (the payload decoded): for a JWS that the row keeps without its
 * payload, the document as the row gives it back — the same values, keys in the same order — and that JSON is
 * `JSON.stringify` of it (see recent-signatures.ts).
 */
export function signedDocument(jws: string): { document: Record<string, unknown>; json: string } {
  const payload = jws.split('.')[1] ?? '';
  const json = Buffer.from(payload, 'base64url').toString('utf8');
  return { document: JSON.parse(json) as Record<string, unknown>, json };
}

/** The form the row keeps of a compact JWS whose payload is its document: `header..signature`. */
export function detachedJws(jws: string): string {
  const [header, , signature] = jws.split('.');
  return `${header}..${signature}`;
}
