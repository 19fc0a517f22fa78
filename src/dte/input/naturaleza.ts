// The item's nature (MH's tipoItem, CAT-011): `tipo` in the integration contract ("bien", "servicio", "ambos", "otro"
// or the numeric codes), or `tipoItem` with MH's code. The tax treatment is a separate field (tratamientoFiscal).
import { join, type Obj, type Reader } from './reader.js';

const NATURALEZAS: Readonly<Record<string, number>> = {
  bien: 1,
  bienes: 1,
  producto: 1,
  servicio: 2,
  servicios: 2,
  ambos: 3,
  otro: 4,
  otros: 4,
  tributo: 4,
};
const TRATAMIENTOS = ['gravado', 'exento', 'nosujeto', 'nogravado'];

/** tipo as a nature: a word or a CAT-011 code; null (with an issue) when it cannot be read. */
function naturalezaOf(r: Reader, v: unknown, p: string): number | null {
  if (typeof v === 'number' && [1, 2, 3, 4].includes(v)) return v;
  if (typeof v !== 'string') {
    r.add(p, 'INVALID_TYPE', 'tipo must be bien, servicio, ambos, otro or a CAT-011 code (1–4)');
    return null;
  }
  const s = v.trim().toLowerCase();
  if (/^[1-4]$/.test(s)) return Number(s);
  if (Object.hasOwn(NATURALEZAS, s)) return NATURALEZAS[s]!;
  if (TRATAMIENTOS.includes(s)) {
    const msg =
      `tipo is the item's nature (bien, servicio, ambos, ` +
      `otro); the tax treatment '${v}' goes in tratamientoFiscal`;
    r.add(p, 'TAX_TREATMENT_IN_TIPO', msg, { value: v });
    return null;
  }
  r.add(p, 'NOT_ALLOWED', `tipo '${v}' must be bien, servicio, ambos, otro or a CAT-011 code (1–4)`, { value: v });
  return null;
}

/** tipoItem from `tipo` and/or `tipoItem` (default 2, servicios); both given and different is refused. */
export function parseNaturaleza(r: Reader, o: Obj, p: string): number {
  const fromCode = r.int(o, 'tipoItem', p, { allowed: [1, 2, 3, 4] });
  const raw = r.get(o, 'tipo');
  if (raw === undefined || raw === null || raw === '') return fromCode ?? 2;
  const fromTipo = naturalezaOf(r, raw, join(p, 'tipo'));
  if (fromTipo !== null && fromCode !== null && fromTipo !== fromCode) {
    const msg = `tipo '${String(raw)}' (tipoItem ${fromTipo}) contradicts tipoItem ${fromCode}`;
    r.add(join(p, 'tipo'), 'CONFLICTING_FIELDS', msg, { value: String(raw), a: fromTipo, b: fromCode });
  }
  return fromTipo ?? fromCode ?? 2;
}
