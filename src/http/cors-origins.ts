/**
 * One browser origin of an allow-list (FX_CORS_ORIGINS): `*`, or scheme://host[:port] with no path. Returns the
 * origin as browsers send it, or the reason it is not one.
 */
export function parseCorsOrigin(item: string): { origin: string } | { error: string } {
  if (item === '*') return { origin: item };
  let u: URL;
  try {
    u = new URL(item);
  } catch {
    return { error: `"${item}" is not an origin (e.g. https://app.example.com)` };
  }
  if (!['http:', 'https:'].includes(u.protocol) || u.origin !== item.replace(/\/$/, '')) {
    return { error: `"${item}" must be an origin: scheme://host[:port] with no path (did you mean ${u.origin}?)` };
  }
  return { origin: u.origin };
}
