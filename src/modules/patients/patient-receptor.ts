import type { FieldIssue } from '../../core/errors.js';
import type { Direccion } from '../../dte/index.js';
import { docNumber } from '../../dte/sections/receptor.js';
import type { SigmaRecord } from '../sigma/sigma-directory.js';
import { hasSigmaPatientFields, type SigmaFields, type SigmaScalarField } from '../sigma/sigma-fields.js';
import type { PatientProfile } from './patient-profile.entity.js';
import { fiscalProfileIssues, type FiscalProfileInput } from './patient-profile.validation.js';

export type ReceptorSource = 'SIGMA' | 'FISCAL_PROFILE';
const RECEPTOR_FIELDS = [
  'nombre',
  'tipoDocumento',
  'numDocumento',
  'nrc',
  'nombreComercial',
  'codActividad',
  'descActividad',
  'direccion',
  'telefono',
  'correo',
] as const;
type ReceptorField = (typeof RECEPTOR_FIELDS)[number];
type Values = Partial<Record<ReceptorField, string | Direccion>>;

export interface ReceptorFieldOrigin {
  field: ReceptorField;
  source: ReceptorSource;
  /** SIGMA's field the value came from (e.g. `Patient.documentNumber`), for SIGMA values. */
  sigmaField: string | null;
}

/** The DTE receptor of a SIGMA patient as emission by patientId would use it, with where each field came from. */
export interface PatientReceptor {
  receptor: Values;
  sources: ReceptorFieldOrigin[];
  /** Why this receptor cannot be emitted as is (paths relative to the receptor). */
  issues: FieldIssue[];
  /** What was left out or assumed, without blocking emission. */
  warnings: FieldIssue[];
}

interface FromSigma {
  values: Values;
  origin: Partial<Record<ReceptorField, string>>;
  issues: FieldIssue[];
  warnings: FieldIssue[];
}

const present = (v: unknown) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');

/** A SIGMA scalar through its value map (SIGMA's enum value → CAT code); an unmapped value is an issue. */
function scalarValue(spec: SigmaScalarField, raw: unknown, where: string, path: string, issues: FieldIssue[]) {
  if (!present(raw)) return undefined;
  const s = String(raw).trim();
  if (!spec.values) return s;
  const code = spec.values[s];
  if (code === undefined) {
    const message = `SIGMA's ${where} value '${s}' has no code in FX_SIGMA_FIELDS`;
    issues.push({ path, code: 'UNKNOWN_CODE', message });
  }
  return code;
}

function sigmaDireccion(fields: SigmaFields, patient: SigmaRecord, out: FromSigma) {
  const spec = fields.patient.direccion;
  const raw = spec ? patient[spec.field] : undefined;
  if (!spec || !raw || typeof raw !== 'object') return;
  const where = `Patient.${spec.field}`;
  const d: Partial<Direccion> = {};
  for (const [role, sub] of Object.entries(spec.fields)) {
    const value = (raw as SigmaRecord)[sub!.field];
    const v = scalarValue(sub!, value, `${where}.${sub!.field}`, `direccion.${role}`, out.issues);
    if (v !== undefined) d[role as keyof Direccion] = v;
  }
  const missing = (['departamento', 'municipio', 'distrito', 'complemento'] as const).filter((k) => !d[k]);
  if (missing.length) {
    const names = missing.map((r) => spec.fields[r]?.field ?? `${r} (no SIGMA field configured)`);
    const message = `SIGMA's ${where} has no ${names.join(', ')}: the receptor goes without direccion`;
    out.warnings.push({ path: 'direccion', code: 'INCOMPLETE_ADDRESS', message });
    return;
  }
  out.values.direccion = d as Direccion;
  out.origin.direccion = where;
}

/** The receptor fields SIGMA's patient gives, through the configured field names and value maps. */
export function receptorFromSigma(fields: SigmaFields, patient: SigmaRecord | null): FromSigma {
  const out: FromSigma = { values: {}, origin: {}, issues: [], warnings: [] };
  if (!patient) return out;
  for (const [role, spec] of Object.entries(fields.patient)) {
    if (role === 'direccion' || !spec) continue;
    const where = `Patient.${spec.field}`;
    const v = scalarValue(spec as SigmaScalarField, patient[spec.field], where, role, out.issues);
    if (v === undefined) continue;
    out.values[role as ReceptorField] = v;
    out.origin[role as ReceptorField] = where;
  }
  sigmaDireccion(fields, patient, out);
  return out;
}

/** As the DTE carries it: DUI and NIT in digits only (MH's documents), other documents as written. */
function normalized(v: Values): Values {
  const num = v.numDocumento as string | undefined;
  return num ? { ...v, numDocumento: docNumber((v.tipoDocumento as string | undefined) ?? null, num)! } : v;
}

function profileValues(p: PatientProfile | null): Values {
  if (!p) return {};
  const entries = RECEPTOR_FIELDS.flatMap((f) => (present(p[f]) ? [[f, p[f] as string | Direccion]] : []));
  return Object.fromEntries(entries) as Values;
}

/**
 * SIGMA's patient fields, overridden field by field by the stored fiscal profile (the clinic's billing data may differ
 * from the clinical record). The identity document and its type travel together: a profile that states one wins both.
 */
export function resolvePatientReceptor(
  fields: SigmaFields,
  patient: SigmaRecord | null,
  profile: PatientProfile | null,
): PatientReceptor {
  const sigma = receptorFromSigma(fields, patient);
  const stored = profileValues(profile);
  const docFromProfile = present(stored.tipoDocumento) || present(stored.numDocumento);
  const values: Values = {};
  const sources: ReceptorFieldOrigin[] = [];
  for (const f of RECEPTOR_FIELDS) {
    const isDoc = f === 'tipoDocumento' || f === 'numDocumento';
    const fromProfile = isDoc ? docFromProfile : present(stored[f]);
    const v = fromProfile ? stored[f] : sigma.values[f];
    if (v === undefined) continue;
    values[f] = v;
    const sigmaField = fromProfile ? null : (sigma.origin[f] ?? null);
    sources.push({ field: f, source: fromProfile ? 'FISCAL_PROFILE' : 'SIGMA', sigmaField });
  }
  const warnings = [...sigma.warnings];
  if (!sources.length && !sigma.issues.length) warnings.push(noDataWarning(fields, patient));
  const issues = sources.length ? withOrigin([...sigma.issues, ...valueIssues(values)], sources) : sigma.issues;
  return { receptor: normalized(values), sources, issues, warnings };
}

function valueIssues(v: Values): FieldIssue[] {
  const input = { ...v, nombre: (v.nombre as string | undefined) ?? '' } as FiscalProfileInput;
  const message = 'the receptor has no nombre (neither SIGMA nor the fiscal profile gives one)';
  const noName = { path: 'nombre', code: 'REQUIRED', message };
  return fiscalProfileIssues(input).map((i) => (i.path === 'nombre' && !v.nombre ? noName : i));
}

/** Each issue says where its value came from, so the fix lands in the right system. */
function withOrigin(issues: FieldIssue[], sources: ReceptorFieldOrigin[]): FieldIssue[] {
  return issues.map((i) => {
    const o = sources.find((s) => s.field === i.path.split('.')[0]);
    if (!o) return i;
    const from = o.source === 'SIGMA' ? `SIGMA's ${o.sigmaField}` : 'the stored fiscal profile';
    return { ...i, message: `${i.message} (from ${from})` };
  });
}

function noDataWarning(fields: SigmaFields, patient: SigmaRecord | null): FieldIssue {
  const why = !hasSigmaPatientFields(fields)
    ? 'no SIGMA patient field is configured (FX_SIGMA_FIELDS), so the receptor needs the stored fiscal profile (none)'
    : patient
      ? "SIGMA's patient has none of the configured fields and this patient has no stored fiscal profile"
      : "SIGMA's patient fields were not available and this patient has no stored fiscal profile";
  const then =
    'invoices go to a consumidor final without identification ' +
    '(store a profile with upsertPatientFiscalProfile or POST /api/receptores)';
  return { path: '', code: 'NO_RECEPTOR_DATA', message: `${why}: ${then}` };
}
