import { hash } from 'node:crypto';

/** JSON with object keys sorted at every level: equal values always serialise equally. */
export function canonicalJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i) out += ',';
      if (i in value) out += canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const o = value as Record<string, unknown>;
  let out = '{';
  for (const k of Object.keys(o).sort()) {
    const v = o[k];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

/** One-shot (crypto.hash): no Hash object made and fed per call, for the hashes of every emission and request. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
