// items[].tributos: the tributos beyond IVA a sale line carries (CAT-015 section 1). Each entry is a code ("D1") or
// an object { codigo, valor } — valor only for D4/D5, which have no fixed rate. IVA (20) and C3 are never listed here:
// the document adds them itself where its type wants them.
import { tributoResumenDescripcion } from '../catalogs/index.js';
import { GALON, OTROS_TRIBUTOS } from '../sections/otros-tributos.js';
import type { OtroTributoInput } from './types.js';
import { join, type Obj, type Reader } from './reader.js';
import type { TipoVenta } from './types.js';

/** Document types whose schema has resumen.tributos and whose lines are sale lines built here. */
const TYPES_WITH_TRIBUTOS = new Set(['01', '03', '04', '05', '06', '11']);

function entry(r: Reader, v: unknown, p: string): OtroTributoInput | null {
  if (typeof v === 'string') return { codigo: v, valor: null };
  if (!r.isObj(v)) {
    r.add(p, 'INVALID_TYPE', 'each tributo is a CAT-015 code or { codigo, valor }');
    return null;
  }
  const codigo = r.str(v, 'codigo', p, { required: true }) ?? '';
  return { codigo, valor: r.decimal(v, 'valor', p, { min: '0' }) };
}

function check(r: Reader, t: OtroTributoInput, p: string, line: { tipo: TipoVenta; uniMedida: number }): boolean {
  const rule = OTROS_TRIBUTOS[t.codigo];
  if (t.codigo === '20' || t.codigo === 'C3') {
    r.add(p, 'NOT_ALLOWED', `tributo ${t.codigo} is added by the document itself; list only the other tributos here`);
  } else if (!rule) {
    const known = tributoResumenDescripcion(t.codigo) !== undefined;
    r.add(
      p,
      'UNKNOWN_CODE',
      known
        ? `tributo ${t.codigo} is not supported on a line`
        : `'${t.codigo}' is not a CAT-015 section-1 tributo (D1, C8, 59, 71, D4, D5)`,
    );
  } else if (line.tipo !== 'gravado') {
    r.add(p, 'NOT_ALLOWED', `tributo ${t.codigo} applies to gravado lines only`);
  } else if (rule.kind === 'given' && t.valor === null) {
    r.add(join(p, 'valor'), 'REQUIRED', `tributo ${t.codigo} has no fixed rate: give its valor`);
  } else if (rule.kind !== 'given' && t.valor !== null) {
    r.add(join(p, 'valor'), 'NOT_ALLOWED', `tributo ${t.codigo} is computed from the line; do not give a valor`);
  } else if (rule.kind === 'perUnit' && rule.uniMedida !== null && line.uniMedida !== rule.uniMedida) {
    r.add(
      join(p.replace(/\.tributos\[\d+\]$/, ''), 'uniMedida'),
      'UNIT_REQUIRED',
      `tributo ${t.codigo} is charged per ${rule.unitName}: the ` +
        `line's uniMedida must be ${GALON} (${rule.unitName}, CAT-014)`,
    );
  } else return true;
  return false;
}

/** Reads items[i].tributos; absent → []. */
export function parseItemTributos(
  r: Reader,
  o: Obj,
  p: string,
  line: { tipo: TipoVenta; uniMedida: number },
  tipoDte: unknown,
): OtroTributoInput[] {
  const arr = r.array(o, 'tributos', p, { required: false, max: 6 });
  if (!arr?.length) return [];
  if (typeof tipoDte === 'string' && !TYPES_WITH_TRIBUTOS.has(tipoDte)) {
    r.add(join(p, 'tributos'), 'NOT_ALLOWED', `tipoDte ${tipoDte} has no summary tributos`);
    return [];
  }
  const out: OtroTributoInput[] = [];
  arr.forEach((v, i) => {
    const ip = join(join(p, 'tributos'), i);
    const t = entry(r, v, ip);
    if (!t || !check(r, t, ip, line)) return;
    if (out.some((x) => x.codigo === t.codigo)) r.add(ip, 'DUPLICATE', `tributo ${t.codigo} is listed twice`);
    else out.push(t);
  });
  return out;
}
