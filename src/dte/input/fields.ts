// Unknown and misplaced input fields. The parser is the one list of fields: the body is read through a recording
// proxy, so every key the parser of the chosen tipoDte looks at is a known field of that object, and a key it never
// looks at is either a typo (UNKNOWN_FIELD, with the closest known name) or a field of another document type
// (FIELD_NOT_USED_BY_TIPO). A silently ignored field could change the tax (a misspelt discount or retention).
import { type DteIssue, issue } from '../model.js';
import { suggest } from './suggest.js';

type Obj = Record<string, unknown>;
type Seen = WeakMap<object, Set<string>>;

/**
 * Fields FacturaXpress itself reads around the parser (the point of sale, SIGMA's patient and service ids, the
 * perishable-medicine flag that sets the invalidation window).
 */
const ENVELOPE: Readonly<Record<string, readonly string[]>> = {
  '': ['codEstableMH', 'codPuntoVentaMH', 'patientId'],
  items: ['serviceId', 'medicamentoPerecedero'],
};

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null;
}

/** Wraps `root` so that every property read is recorded per object; `override` replaces root keys (the tipoDte). */
export function recording(root: Obj, seen: Seen, override: Obj = {}): Obj {
  const proxies = new WeakMap<object, object>();
  const wrap = (target: object, isRoot: boolean): object => {
    const cached = proxies.get(target);
    if (cached) return cached;
    if (!seen.has(target)) seen.set(target, new Set());
    const keys = seen.get(target)!;
    const p = new Proxy(target, {
      get(t, key, recv) {
        if (typeof key === 'string') keys.add(key);
        if (isRoot && typeof key === 'string' && Object.hasOwn(override, key)) return override[key];
        const v = Reflect.get(t, key, recv);
        return isObj(v) ? wrap(v, false) : v;
      },
      has(t, key) {
        if (typeof key === 'string') keys.add(key);
        return Reflect.has(t, key);
      },
    });
    proxies.set(target, p);
    return p;
  };
  return wrap(root, true) as Obj;
}

interface Unread {
  path: string;
  key: string;
  target: object;
}

/** Where a value stands: its parent's place and its key there (the path is written only for a key reported). */
interface At {
  up: At | null;
  key: string | number;
}

/** The path of a place as the body's paths are written: `a.b[2].c` (an empty key adds nothing to an empty path). */
function pathOf(at: At | null): string {
  if (!at) return '';
  const up = pathOf(at.up);
  if (typeof at.key === 'number') return `${up}[${at.key}]`;
  return up ? `${up}.${at.key}` : at.key;
}

/**
 * Keys present in the body that the parser never read, with their paths (only objects the parser reached). `group` is
 * the place's name for the envelope's fields: '' at the root, the root key under it, and null deeper (a dotted name is
 * never one of the envelope's). No path or name is written for a key that is read: most bodies have none unread.
 */
function unread(body: Obj, seen: Seen): Unread[] {
  const out: Unread[] = [];
  const walk = (v: unknown, at: At | null, atRoot: boolean, group: string | null) => {
    if (!isObj(v)) return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (i in v) walk(v[i], { up: at, key: i }, false, group);
      return;
    }
    const keys = seen.get(v);
    if (!keys) return;
    const allowed = group !== null && Object.hasOwn(ENVELOPE, group) ? ENVELOPE[group]! : [];
    for (const k of Object.keys(v)) {
      if ((v as Obj)[k] === undefined) continue; // not in a JSON body: only built bodies carry it
      const child = { up: at, key: k };
      if (!keys.has(k) && !allowed.includes(k)) out.push({ path: pathOf(child), key: k, target: v });
      else walk(v[k], child, atRoot && k === '', atRoot ? k : null);
    }
  };
  walk(body, null, true, '');
  return out;
}

/**
 * Whether every key of the body was read, by the keys each object had read (`reads`; an object without any counts as
 * none read): the walk of `unread`, asking only whether it would find anything. A key read by a parse is a key the
 * recording proxy would have seen read, so when this holds the proxy would have found nothing unread either.
 */
export function allRead(body: Obj, reads: ReadonlyMap<object, ReadonlySet<string>>): boolean {
  const walk = (v: unknown, atRoot: boolean, group: string | null): boolean => {
    if (!isObj(v)) return true;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (i in v && !walk(v[i], false, group)) return false;
      return true;
    }
    const keys = reads.get(v);
    const allowed = group !== null && Object.hasOwn(ENVELOPE, group) ? ENVELOPE[group]! : [];
    for (const k of Object.keys(v)) {
      const x = (v as Obj)[k];
      if (x === undefined) continue; // not in a JSON body: only built bodies carry it
      if (!keys?.has(k) && !allowed.includes(k)) return false;
      if (!walk(x, atRoot && k === '', atRoot ? k : null)) return false;
    }
    return true;
  };
  return walk(body, true, '');
}

/**
 * The issues for every unread key. `parseAs(tipoDte, seen, paths)` parses the same body as another document type (only
 * called when something is unread, and it may leave out the lines no path points into) to tell a field of another type
 * from a typo.
 */
export function unknownFieldIssues(
  body: Obj,
  seen: Seen,
  tipoDte: string,
  others: readonly string[],
  parseAs: (tipo: string, seen: Seen, paths: readonly string[]) => void,
): DteIssue[] {
  const found = unread(body, seen);
  if (!found.length) return [];
  const usedBy = new Map<Unread, string[]>();
  for (const tipo of others) {
    if (tipo === tipoDte) continue;
    const s: Seen = new WeakMap();
    parseAs(
      tipo,
      s,
      found.map((u) => u.path),
    );
    for (const u of found) if (s.get(u.target)?.has(u.key)) usedBy.set(u, [...(usedBy.get(u) ?? []), tipo]);
  }
  return found.map((u) => {
    const tipos = usedBy.get(u);
    if (tipos?.length) {
      return issue(
        u.path,
        'FIELD_NOT_USED_BY_TIPO',
        `${u.key} is not used by tipoDte ${tipoDte} (it belongs to tipoDte ${tipos.join(', ')})`,
        { field: u.key, tipoDte, tipos: tipos.join(', ') },
      );
    }
    const best = suggest(u.key, seen.get(u.target) ?? []);
    const hint = best ? `; did you mean ${best}?` : '';
    return issue(u.path, 'UNKNOWN_FIELD', `${u.key} is not a known field here${hint}`, {
      field: u.key,
      suggestion: best ?? '',
    });
  });
}
