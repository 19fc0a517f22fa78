import type { FieldIssue } from '../../core/errors.js';
import { catalogs, isValidDui, isValidNrc, nitProblem, type Direccion } from '../../dte/index.js';

export interface FiscalProfileInput {
  tipoDocumento?: string | null;
  numDocumento?: string | null;
  nrc?: string | null;
  nombre: string;
  nombreComercial?: string | null;
  codActividad?: string | null;
  descActividad?: string | null;
  direccion?: Direccion | null;
  telefono?: string | null;
  correo?: string | null;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function documentIssues(tipo: string | null | undefined, num: string | null | undefined): FieldIssue[] {
  if (!tipo && !num) return [];
  if (!tipo)
    return [
      {
        path: 'tipoDocumento',
        code: 'REQUIRED',
        message: 'tipoDocumento (CAT-022) is required when numDocumento is given',
      },
    ];
  if (!catalogs.inCatalog(catalogs.TIPOS_DOCUMENTO_IDENTIFICACION, tipo))
    return [{ path: 'tipoDocumento', code: 'UNKNOWN_CODE', message: `tipoDocumento '${tipo}' is not in CAT-022` }];
  if (!num)
    return [
      { path: 'numDocumento', code: 'REQUIRED', message: 'numDocumento is required when tipoDocumento is given' },
    ];
  // MH's rules: DUI and NIT carry check digits; a wrong one is refused here rather than by MH later.
  if (tipo === '13' && !/^[0-9]{8}-?[0-9]$/.test(num))
    return [{ path: 'numDocumento', code: 'INVALID_DUI_FORMAT', message: 'a DUI is ########-# or 9 digits' }];
  if (tipo === '13' && !isValidDui(num))
    return [
      {
        path: 'numDocumento',
        code: 'INVALID_DUI_CHECK_DIGIT',
        message: `'${num}' has a wrong DUI check digit (MH DUI/NIT/NRC check rules)`,
      },
    ];
  const nit = tipo === '36' ? nitProblem(num) : null;
  if (nit === 'format')
    return [
      {
        path: 'numDocumento',
        code: 'INVALID_NIT_FORMAT',
        message: 'a NIT is 14 digits (hyphens allowed) or a 9-digit DUI (MH DUI/NIT/NRC check rules)',
      },
    ];
  if (nit === 'dui_check')
    return [
      {
        path: 'numDocumento',
        code: 'INVALID_DUI_CHECK_DIGIT',
        message: `'${num}' used as NIT is a DUI with a wrong check digit (MH DUI/NIT/NRC check rules)`,
      },
    ];
  if (nit === 'nit_check')
    return [
      {
        path: 'numDocumento',
        code: 'INVALID_NIT_CHECK_DIGIT',
        message: `'${num}' has a wrong NIT check digit (MH DUI/NIT/NRC check rules)`,
      },
    ];
  if (num.length > 20) return [{ path: 'numDocumento', code: 'TOO_LONG', message: 'at most 20 characters' }];
  return [];
}

/**
 * The address checks; an address without distrito or with a pre-2024 municipio code is completed in place when the
 * catalogs make it unambiguous (the 2024 reform map), refused precisely otherwise.
 */
function direccionIssues(d: Direccion | null | undefined): FieldIssue[] {
  if (!d) return [];
  const issues: FieldIssue[] = [];
  for (const k of ['departamento', 'municipio', 'distrito'] as const) {
    if (k === 'distrito' && (d[k] === undefined || d[k] === null || d[k] === '')) continue;
    if (!/^[0-9]{2}$/.test(d[k] ?? ''))
      issues.push({ path: `direccion.${k}`, code: 'INVALID_FORMAT', message: `${k} is 2 digits` });
  }
  if (!d.complemento?.trim() || d.complemento.length > 200)
    issues.push({
      path: 'direccion.complemento',
      code: 'INVALID_LENGTH',
      message: 'complemento needs 1–200 characters',
    });
  if (issues.length) return issues;
  const res = catalogs.resolveDireccion(d.departamento, d.municipio, d.distrito || null);
  if (!res.ok)
    return [
      {
        path: `direccion.${res.problem.field}`,
        code: res.problem.code,
        message: res.problem.message,
        params: res.problem.params,
      },
    ];
  d.municipio = res.municipio;
  d.distrito = res.distrito;
  return catalogs.direccionProblems(d).map((p) => ({ path: `direccion.${p.field}`, code: p.code, message: p.message }));
}

/** Every problem of a fiscal profile, with its field path and rule (NIT/DUI/NRC checks, CAT-012/013/019/022). */
export function fiscalProfileIssues(p: FiscalProfileInput): FieldIssue[] {
  const issues: FieldIssue[] = [...documentIssues(p.tipoDocumento, p.numDocumento), ...direccionIssues(p.direccion)];
  if (!p.nombre?.trim() || p.nombre.length > 250)
    issues.push({ path: 'nombre', code: 'INVALID_LENGTH', message: 'nombre needs 1–250 characters' });
  if (p.nrc && !isValidNrc(p.nrc))
    issues.push({
      path: 'nrc',
      code: 'INVALID_NRC_FORMAT',
      message: 'nrc must be 2–8 digits (written 123456-7 or 1234567)',
    });
  // A contribuyente (NRC holder) receives CCF: MH wants its NIT and economic activity.
  if (p.nrc && p.tipoDocumento !== '36')
    issues.push({
      path: 'tipoDocumento',
      code: 'NIT_REQUIRED_WITH_NRC',
      message: 'a receptor with NRC is identified by NIT (36)',
    });
  if (p.nrc && !p.codActividad)
    issues.push({ path: 'codActividad', code: 'REQUIRED', message: 'codActividad (CAT-019) is required with an NRC' });
  if (p.codActividad && !catalogs.inCatalog(catalogs.ACTIVIDADES_ECONOMICAS, p.codActividad))
    issues.push({
      path: 'codActividad',
      code: 'UNKNOWN_CODE',
      message: `codActividad '${p.codActividad}' is not in CAT-019`,
    });
  if (p.correo && (!EMAIL.test(p.correo) || p.correo.length > 100))
    issues.push({ path: 'correo', code: 'INVALID_FORMAT', message: 'correo must be an e-mail address (max 100)' });
  if (p.telefono && (p.telefono.length < 8 || p.telefono.length > 30))
    issues.push({ path: 'telefono', code: 'INVALID_LENGTH', message: 'telefono needs 8–30 characters' });
  return issues;
}
