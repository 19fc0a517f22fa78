// resumen.tributos beyond IVA (CAT-015 section 1: D1 FOVIAL, C8 COTRANS, 59 and 71 turismo, D4/D5): every code in the
// summary is carried by at least one line and every code a line carries is in the summary; where MH fixes the rate
// (per gallon, per passenger, 5 %) the summary value must equal the lines' sum (±0.01).
import { tributoResumenDescripcion } from '../catalogs/index.js';
import { type DteIssue, issue } from '../model.js';
import { type Dec, sum, ZERO } from '../money.js';
import { OTROS_TRIBUTOS, type TributoRule, tributoValue } from '../sections/otros-tributos.js';
import type { PriceMode } from '../sections/ventas.js';
import { d, list, near, type O } from './semantic.js';

const OWN = new Set(['20', 'C3']);
const z = (v: unknown): Dec => d(v) ?? ZERO;

function lineCodes(it: O): string[] {
  return Array.isArray(it['tributos'])
    ? (it['tributos'] as unknown[]).filter((c): c is string => typeof c === 'string' && !OWN.has(c))
    : [];
}

function expectedByCode(items: O[], mode: PriceMode): Map<string, Dec | null> {
  const out = new Map<string, Dec | null>();
  for (const it of items) {
    for (const code of lineCodes(it)) {
      const rule: TributoRule | undefined = OTROS_TRIBUTOS[code];
      const prev = out.has(code) ? out.get(code)! : ZERO;
      if (!rule || rule.kind === 'given' || prev === null) out.set(code, null);
      else out.set(code, prev.plus(tributoValue(rule, z(it['cantidad']), z(it['ventaGravada']), mode, null)));
    }
  }
  return out;
}

/** Checks the other tributos and returns their sum in the summary (what montoTotalOperacion adds beyond IVA). */
export function checkOtrosTributos(items: O[], res: O, mode: PriceMode, out: DteIssue[]): Dec {
  items.forEach((it, i) => {
    for (const code of lineCodes(it)) {
      if (tributoResumenDescripcion(code) === undefined)
        out.push(
          issue(`cuerpoDocumento[${i}].tributos`, 'UNKNOWN_CODE', `tributo '${code}' is not in CAT-015 section 1`),
        );
    }
  });
  const expected = expectedByCode(items, mode);
  const listed = list(res['tributos']);
  const values: Dec[] = [];
  listed.forEach((t, i) => {
    const code = String(t['codigo']);
    if (OWN.has(code)) return;
    values.push(z(t['valor']));
    if (!expected.has(code))
      out.push(
        issue(
          `resumen.tributos[${i}].codigo`,
          'TRIBUTO_WITHOUT_LINE',
          `tributo ${code} is in the summary but on no line`,
        ),
      );
    else if (expected.get(code)) near(t['valor'], expected.get(code)!, `resumen.tributos[${i}].valor`, out);
  });
  for (const code of expected.keys()) {
    if (!listed.some((t) => t['codigo'] === code))
      out.push(
        issue(
          'resumen.tributos',
          'TRIBUTO_MISSING',
          `lines carry tributo ${code}: the summary must list it with its value`,
        ),
      );
  }
  return sum(values);
}
