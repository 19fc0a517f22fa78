// Semantic checks shared by all types: catalogs, identity documents, addresses, contingency consistency and the
// ±0.01 arithmetic tolerance MH applies.
import * as CAT from '../catalogs/index.js';
import { direccionProblems, inCatalog } from '../catalogs/index.js';
import { isValidDui, nitProblem, onlyDigits } from '../dui-nit-nrc.js';
import { type DteIssue, issue } from '../model.js';
import { type Dec, dec, fromJson } from '../money.js';

export type O = Record<string, unknown>;

export function isObj(v: unknown): v is O {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
export function list(v: unknown): O[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}
export function d(v: unknown): Dec | null {
  return fromJson(v);
}

/** MH tolerance: a summary value may differ by ±0.01 from the value recomputed from the items. */
export function near(actual: unknown, expected: Dec, path: string, out: DteIssue[], tolerance = '0.01'): void {
  const a = fromJson(actual);
  if (a === null) return; // type problems are reported by the shape check
  if (a.minus(expected).abs().gt(dec(tolerance))) {
    out.push(
      issue(
        path,
        'CALCULO_INCORRECTO',
        `${path} is ${a.toFixed()} but the items give ${expected.toFixed(2)} (±${tolerance})`,
      ),
    );
  }
}

export function checkNit(v: unknown, path: string, out: DteIssue[]): void {
  if (typeof v !== 'string') return;
  const p = nitProblem(v);
  if (p === 'format')
    out.push(
      issue(path, 'INVALID_NIT_FORMAT', `${path} must be a 14-digit NIT or a 9-digit DUI (MH DUI/NIT/NRC check rules)`),
    );
  if (p === 'dui_check')
    out.push(
      issue(
        path,
        'INVALID_DUI_CHECK_DIGIT',
        `${path} '${v}' used as NIT is a DUI with a wrong check digit (MH DUI/NIT/NRC check rules)`,
      ),
    );
  if (p === 'nit_check')
    out.push(
      issue(path, 'INVALID_NIT_CHECK_DIGIT', `${path} '${v}' has a wrong NIT check digit (MH DUI/NIT/NRC check rules)`),
    );
}

/** tipoDocumento (CAT-022) + numDocumento: DUI and NIT check digits; the others are free text. */
export function checkIdentityDoc(
  tipo: unknown,
  numero: unknown,
  base: string,
  out: DteIssue[],
  tipoKey = 'tipoDocumento',
  numKey = 'numDocumento',
): void {
  if (tipo === null || tipo === undefined) return;
  const tp = `${base}.${tipoKey}`;
  const np = `${base}.${numKey}`;
  if (!inCatalog(CAT.TIPOS_DOCUMENTO_IDENTIFICACION, tipo as string)) {
    out.push(issue(tp, 'UNKNOWN_CODE', `${tp} '${String(tipo)}' is not in CAT-022`));
    return;
  }
  if (typeof numero !== 'string') return;
  if (tipo === '13') {
    if (!/^[0-9]{8}-?[0-9]$/.test(numero))
      out.push(issue(np, 'INVALID_DUI_FORMAT', `${np} must be a DUI: 9 digits (or ########-#)`));
    else if (!isValidDui(numero))
      out.push(
        issue(
          np,
          'INVALID_DUI_CHECK_DIGIT',
          `${np} '${numero}' has a wrong DUI check digit (MH DUI/NIT/NRC check rules)`,
        ),
      );
  } else if (tipo === '36') {
    checkNit(onlyDigits(numero) === numero ? numero : 'x', np, out);
  }
}

export function checkDireccion(v: unknown, path: string, out: DteIssue[]): void {
  if (!isObj(v)) return;
  const dir = {
    departamento: String(v['departamento']),
    municipio: String(v['municipio']),
    distrito: String(v['distrito']),
    complemento: String(v['complemento']),
  };
  for (const p of direccionProblems(dir)) out.push(issue(`${path}.${p.field}`, p.code, p.message));
}

export function checkCode(
  v: unknown,
  cat: Readonly<Record<string, string>>,
  catName: string,
  path: string,
  out: DteIssue[],
): void {
  if (v === null || v === undefined) return;
  if (!inCatalog(cat, v as string | number))
    out.push(issue(path, 'UNKNOWN_CODE', `${path} '${String(v)}' is not in ${catName}`));
}

export function checkActividad(v: unknown, path: string, out: DteIssue[]): void {
  checkCode(v, CAT.ACTIVIDADES_ECONOMICAS, 'CAT-019', path, out);
}

/** The emisor: NIT check digit, actividad, address (all types carry these three). */
export function checkEmisor(e: unknown, out: DteIssue[], nitKey = 'nit'): void {
  if (!isObj(e)) return;
  if (nitKey in e) checkNit(e[nitKey], `emisor.${nitKey}`, out);
  checkActividad(e['codActividad'], 'emisor.codActividad', out);
  checkDireccion(e['direccion'], 'emisor.direccion', out);
}

/** tipoOperacion 1 ⇒ tipoModelo 1 and no contingency; 2 ⇒ tipoModelo 2 + tipoContingencia; 5 ⇒ motivoContin. */
export function checkContingency(idn: unknown, out: DteIssue[]): void {
  if (!isObj(idn)) return;
  const op = idn['tipoOperacion'];
  const hasFields = 'tipoContingencia' in idn;
  if (op === 1) {
    if (idn['tipoModelo'] !== 1)
      out.push(
        issue(
          'identificacion.tipoModelo',
          'INCONSISTENT_CONTINGENCY',
          'tipoOperacion 1 (normal) requires tipoModelo 1',
        ),
      );
    if (hasFields && (idn['tipoContingencia'] !== null || idn['motivoContin'] !== null)) {
      out.push(
        issue(
          'identificacion.tipoContingencia',
          'INCONSISTENT_CONTINGENCY',
          'tipoOperacion 1 requires tipoContingencia and motivoContin null',
        ),
      );
    }
  } else if (op === 2) {
    if (idn['tipoModelo'] !== 2)
      out.push(
        issue(
          'identificacion.tipoModelo',
          'INCONSISTENT_CONTINGENCY',
          'tipoOperacion 2 (contingencia) requires tipoModelo 2',
        ),
      );
    if (!hasFields)
      out.push(
        issue(
          'identificacion.tipoOperacion',
          'CONTINGENCY_NOT_ALLOWED',
          'this document type cannot be issued in contingency (MH contingency rules)',
        ),
      );
    else if (idn['tipoContingencia'] === null)
      out.push(
        issue('identificacion.tipoContingencia', 'REQUIRED', 'tipoOperacion 2 requires tipoContingencia (CAT-005)'),
      );
    else if (idn['tipoContingencia'] === 5 && typeof idn['motivoContin'] !== 'string') {
      out.push(issue('identificacion.motivoContin', 'REQUIRED', 'tipoContingencia 5 (otro) requires motivoContin'));
    }
  }
}

/** Σ montoPago must equal the amount payable (MH: ±0.01), on every type that carries pagos. */
export function checkPagos(pagos: unknown, totalPagar: unknown, out: DteIssue[]): void {
  const ps = list(pagos);
  ps.forEach((p, i) => {
    checkCode(p['codigo'], CAT.FORMAS_PAGO, 'CAT-017', `resumen.pagos[${i}].codigo`, out);
    checkCode(p['plazo'], CAT.PLAZOS, 'CAT-018', `resumen.pagos[${i}].plazo`, out);
  });
  const t = fromJson(totalPagar);
  if (!ps.length || t === null) return;
  const s = ps.reduce((a, p) => a.plus(fromJson(p['montoPago']) ?? 0), t.minus(t));
  if (s.minus(t).abs().gt('0.01')) {
    out.push(
      issue(
        'resumen.pagos',
        'PAGOS_SUM_MISMATCH',
        `the payments add up to ${s.toFixed(2)} but the amount payable is ${t.toFixed(2)}`,
        { sum: s.toFixed(2), total: t.toFixed(2) },
      ),
    );
  }
}

export function checkItemCatalogs(
  items: O[],
  out: DteIssue[],
  fields: { tipoItem?: boolean; uniMedida?: boolean; tributos?: boolean } = {},
): void {
  items.forEach((it, i) => {
    const p = `cuerpoDocumento[${i}]`;
    if (fields.tipoItem !== false && 'tipoItem' in it)
      checkCode(it['tipoItem'], CAT.TIPOS_ITEM, 'CAT-011', `${p}.tipoItem`, out);
    if (fields.uniMedida !== false && 'uniMedida' in it)
      checkCode(it['uniMedida'], CAT.UNIDADES_MEDIDA, 'CAT-014', `${p}.uniMedida`, out);
    if ('codTributo' in it && it['codTributo'] !== null) {
      if (!CAT.isTributoItem(String(it['codTributo'])))
        out.push(
          issue(
            `${p}.codTributo`,
            'UNKNOWN_CODE',
            `codTributo '${String(it['codTributo'])}' is not a CAT-015 section-2 code`,
          ),
        );
    }
    if (Array.isArray(it['tributos'])) {
      (it['tributos'] as unknown[]).forEach((t, j) => {
        if (!CAT.isTributo(String(t)))
          out.push(issue(`${p}.tributos[${j}]`, 'UNKNOWN_CODE', `tributo '${String(t)}' is not in CAT-015`));
      });
    }
  });
}
