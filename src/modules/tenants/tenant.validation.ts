import type { FieldIssue } from '../../core/errors.js';
import {
  ACTIVIDADES_ECONOMICAS,
  DEPARTAMENTOS,
  DISTRITO_MUNICIPIO,
  MUNICIPIOS,
  TIPOS_ESTABLECIMIENTO,
} from '../../dte/catalogs/data.js';
import { isValidNrc, nitProblem, onlyDigits } from '../../dte/dui-nit-nrc.js';
import { normalizeLogo } from './logo-image.js';
import type { Direccion } from '../../dte/index.js';

export interface TenantFields {
  nit?: string;
  nrc?: string;
  nombre?: string;
  nombreComercial?: string | null;
  codActividad?: string;
  descActividad?: string;
  direccion?: Direccion;
  telefono?: string;
  correo?: string;
  ambiente?: string;
  mhApiUser?: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** MH v2.0 establishment and POS codes inside numeroControl. */
export const COD_ESTABLE_MH = /^[MBSP][0-9]{3}$/;
export const COD_PUNTO_VENTA_MH = /^P[0-9]{3}$/;

function len(issues: FieldIssue[], path: string, v: string | null | undefined, min: number, max: number) {
  if (v == null) return;
  if (v.trim().length < min || v.length > max)
    issues.push({ path, code: 'INVALID_LENGTH', message: `must have ${min}–${max} characters` });
}

/** Departamento (CAT-012) + municipio (CAT-013, 2024 reform) + distrito (CAT-008), consistent with each other. */
export function direccionIssues(d: Direccion | undefined | null, path: string): FieldIssue[] {
  if (!d) return [];
  const issues: FieldIssue[] = [];
  if (!DEPARTAMENTOS[d.departamento])
    issues.push({
      path: `${path}.departamento`,
      code: 'UNKNOWN_DEPARTAMENTO',
      message: `"${d.departamento}" is not in CAT-012`,
    });
  else if (!MUNICIPIOS[d.departamento]?.[d.municipio])
    issues.push({
      path: `${path}.municipio`,
      code: 'UNKNOWN_MUNICIPIO',
      message: `"${d.municipio}" is not a CAT-013 municipio of departamento ${d.departamento}`,
    });
  else if (!DISTRITOS_OK(d))
    issues.push({
      path: `${path}.distrito`,
      code: 'DISTRITO_NOT_IN_MUNICIPIO',
      message: `"${d.distrito}" is not a CAT-008 distrito of municipio ${d.municipio} (departamento ${d.departamento})`,
    });
  len(issues, `${path}.complemento`, d.complemento ?? '', 1, 200);
  return issues;
}

function DISTRITOS_OK(d: Direccion): boolean {
  if (d.departamento === '00') return d.distrito === '00';
  return DISTRITO_MUNICIPIO[d.departamento]?.[d.distrito] === d.municipio;
}

/** Validates the fields present (create passes all of them; update only the changed ones). */
export function tenantIssues(t: TenantFields, requireAll: boolean): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const required = [
    'nit',
    'nrc',
    'nombre',
    'codActividad',
    'descActividad',
    'direccion',
    'telefono',
    'correo',
  ] as const;
  if (requireAll)
    for (const k of required)
      if (t[k] == null || t[k] === '') issues.push({ path: k, code: 'REQUIRED', message: 'is required' });
  if (t.nit != null) {
    const p = nitProblem(t.nit);
    if (p === 'format')
      issues.push({
        path: 'nit',
        code: 'INVALID_NIT_FORMAT',
        message: 'must be 14 digits (NIT) or 9 digits (DUI homologated as NIT), hyphens allowed',
      });
    else if (p)
      issues.push({
        path: 'nit',
        code: 'INVALID_NIT_CHECK_DIGIT',
        message: `check digit does not match (${p === 'dui_check' ? 'DUI' : 'NIT'} routine)`,
      });
  }
  if (t.nrc != null && !isValidNrc(t.nrc))
    issues.push({ path: 'nrc', code: 'INVALID_NRC_FORMAT', message: 'must be 2–8 digits (e.g. 123456-7)' });
  if (t.codActividad != null && !ACTIVIDADES_ECONOMICAS[t.codActividad])
    issues.push({ path: 'codActividad', code: 'UNKNOWN_ACTIVIDAD', message: `"${t.codActividad}" is not in CAT-019` });
  if (t.correo != null && !EMAIL.test(t.correo))
    issues.push({ path: 'correo', code: 'INVALID_EMAIL', message: 'is not an e-mail address' });
  if (t.ambiente != null && t.ambiente !== '00' && t.ambiente !== '01')
    issues.push({
      path: 'ambiente',
      code: 'INVALID_AMBIENTE',
      message: 'must be 00 (test) or 01 (production), CAT-001',
    });
  if (t.mhApiUser != null && nitProblem(t.mhApiUser))
    issues.push({
      path: 'mhApiUser',
      code: 'INVALID_NIT_FORMAT',
      message: 'the MH API user is the NIT of the API user',
    });
  len(issues, 'nombre', t.nombre, 1, 250);
  len(issues, 'nombreComercial', t.nombreComercial, 1, 150);
  len(issues, 'descActividad', t.descActividad, 1, 150);
  len(issues, 'telefono', t.telefono, 8, 30);
  issues.push(...direccionIssues(t.direccion, 'direccion'));
  return issues;
}

export interface EstablishmentFields {
  codEstableMH: string;
  codEstable?: string | null;
  tipoEstablecimiento: string;
  puntosVenta: { codPuntoVentaMH: string; codPuntoVenta?: string | null; nombre?: string | null }[];
}

export function establishmentIssues(e: EstablishmentFields, path: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!COD_ESTABLE_MH.test(e.codEstableMH))
    issues.push({
      path: `${path}.codEstableMH`,
      code: 'INVALID_COD_ESTABLE_MH',
      message: 'must be M|S|B|P followed by 3 digits (e.g. M001), as registered with MH',
    });
  if (!TIPOS_ESTABLECIMIENTO[e.tipoEstablecimiento])
    issues.push({
      path: `${path}.tipoEstablecimiento`,
      code: 'UNKNOWN_TIPO_ESTABLECIMIENTO',
      message: `"${e.tipoEstablecimiento}" is not in CAT-009`,
    });
  if (!e.puntosVenta.length)
    issues.push({ path: `${path}.puntosVenta`, code: 'REQUIRED', message: 'needs at least one punto de venta' });
  const seen = new Set<string>();
  e.puntosVenta.forEach((pv, i) => {
    if (!COD_PUNTO_VENTA_MH.test(pv.codPuntoVentaMH))
      issues.push({
        path: `${path}.puntosVenta[${i}].codPuntoVentaMH`,
        code: 'INVALID_COD_PUNTO_VENTA_MH',
        message: 'must be P followed by 3 digits (e.g. P001)',
      });
    if (seen.has(pv.codPuntoVentaMH))
      issues.push({ path: `${path}.puntosVenta[${i}].codPuntoVentaMH`, code: 'DUPLICATE', message: 'is listed twice' });
    seen.add(pv.codPuntoVentaMH);
  });
  return issues;
}

const MAX_LOGO_BYTES = 256 * 1024;

/**
 * A logo given as base64: PNG or JPEG, at most 256 KB, decoded completely and stored re-encoded as PNG (a corrupt
 * image is refused here, never discovered while rendering a PDF). '' clears it.
 */
export function parseLogo(base64: string, path = 'logoBase64'): { logo: Buffer | null } | { issue: FieldIssue } {
  if (base64 === '') return { logo: null };
  if (!/^[A-Za-z0-9+/\s]*=?=?$/.test(base64.trim()))
    return { issue: { path, code: 'INVALID_IMAGE', message: 'must be base64 (A–Z, a–z, 0–9, +, /)' } };
  const buf = Buffer.from(base64, 'base64');
  if (buf.length > MAX_LOGO_BYTES)
    return { issue: { path, code: 'TOO_LARGE', message: `must be at most ${MAX_LOGO_BYTES / 1024} KB` } };
  const image = normalizeLogo(buf);
  if ('code' in image) return { issue: { path, code: image.code, message: image.message } };
  return { logo: image.png };
}

export const normalizeNit = (nit: string) => onlyDigits(nit);
export const normalizeNrc = (nrc: string) => onlyDigits(nrc);
