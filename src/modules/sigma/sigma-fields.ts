/**
 * Which of SIGMA's own fields FacturaXpress reads through the graph (declared `@external` and `@requires`d), and what
 * each one means fiscally. SIGMA owns its schema, so names and types are configuration (FX_SIGMA_FIELDS); the default
 * is the demo SIGMA subgraph of schema/sigma.graphql.
 */

/** One SIGMA field: its name, its GraphQL type exactly as SIGMA declares it, and (enums, coded strings) a value map. */
export interface SigmaScalarField {
  field: string;
  type: string;
  /** SIGMA value → FacturaXpress value (CAT-022 code for a document type, CAT-011 tipoItem for a service area). */
  values?: Record<string, string>;
}

/** An object-typed SIGMA field (an address) whose scalar sub-fields are read. */
export interface SigmaObjectField {
  field: string;
  type: string;
  fields: Partial<Record<DireccionRole, SigmaScalarField>>;
}

export const PATIENT_ROLES = ['nombre', 'tipoDocumento', 'numDocumento', 'correo', 'telefono', 'direccion'] as const;
export const DIRECCION_ROLES = ['departamento', 'municipio', 'distrito', 'complemento'] as const;
export const SERVICE_ROLES = ['descripcion', 'tipoItem'] as const;
export type PatientRole = (typeof PATIENT_ROLES)[number];
export type DireccionRole = (typeof DIRECCION_ROLES)[number];
export type ServiceRole = (typeof SERVICE_ROLES)[number];

export interface SigmaFields {
  patient: Partial<Record<Exclude<PatientRole, 'direccion'>, SigmaScalarField>> & { direccion?: SigmaObjectField };
  service: Partial<Record<ServiceRole, SigmaScalarField>>;
}

export const NO_SIGMA_FIELDS: SigmaFields = { patient: {}, service: {} };

/** The demo SIGMA subgraph (schema/sigma.graphql): what `npm run supergraph` composes with. */
export const DEFAULT_SIGMA_FIELDS: SigmaFields = {
  patient: {
    nombre: { field: 'name', type: 'String!' },
    tipoDocumento: {
      field: 'documentType',
      type: 'IdentityDocumentType',
      values: { DUI: '13', NIT: '36', PASSPORT: '03', RESIDENT_CARD: '02', OTHER: '37' },
    },
    numDocumento: { field: 'documentNumber', type: 'String' },
    correo: { field: 'email', type: 'String' },
    telefono: { field: 'phone', type: 'String' },
    direccion: {
      field: 'address',
      type: 'PostalAddress',
      fields: {
        complemento: { field: 'line1', type: 'String!' },
        departamento: { field: 'department', type: 'String' },
        municipio: { field: 'municipality', type: 'String' },
        distrito: { field: 'district', type: 'String' },
      },
    },
  },
  service: {
    descripcion: { field: 'name', type: 'String!' },
    // Consultations, procedures and lab exams are services (CAT-011 2); pharmacy items are goods (1).
    tipoItem: { field: 'area', type: 'ServiceArea!', values: { CLINIC: '2', HOSPITAL: '2', LAB: '2', PHARMACY: '1' } },
  },
};

export function hasSigmaPatientFields(f: SigmaFields): boolean {
  return Object.keys(f.patient).length > 0;
}

export function hasSigmaServiceFields(f: SigmaFields): boolean {
  return Object.keys(f.service).length > 0;
}

/**
 * What FacturaXpress reads of SIGMA's Patient and Service: the `@requires` selections, also what the server-to-server
 * lookup asks SIGMA for (empty when none is configured). Each SIGMA field once, in configuration order.
 */
export function sigmaSelections(f: SigmaFields): { Patient: string; Service: string } {
  const patient = new Map<string, string>();
  for (const [role, spec] of Object.entries(f.patient)) {
    if (!spec) continue;
    const subFields = role === 'direccion' ? Object.values((spec as SigmaObjectField).fields) : [];
    const sub = [...new Set(subFields.map((s) => s!.field))];
    patient.set(spec.field, sub.length ? `${spec.field} { ${sub.join(' ')} }` : spec.field);
  }
  const service = new Set(Object.values(f.service).map((s) => s!.field));
  return { Patient: [...patient.values()].join(' '), Service: [...service].join(' ') };
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const TYPE = /^([_A-Za-z][_0-9A-Za-z]*)(!?)$/;
const BUILTIN = new Set(['String', 'ID']);

/** The named type of a field type (`ServiceArea!` → `ServiceArea`). */
export const namedType = (type: string) => type.replace(/!$/, '');

const fail = (where: string, message: string): never => {
  throw new Error(`${where}: ${message}`);
};
const join = (where: string, key: string) => (where ? `${where}.${key}` : key);

/** `"name"`, `"name: String!"` → `{ field, type }`. */
function shorthand(where: string, raw: string): { field: string; type?: string } {
  const parts = raw.split(':').map((s) => s.trim());
  if (parts.length > 2) fail(where, `expected "field" or "field: Type", got "${raw}"`);
  return { field: parts[0]!, type: parts[1] };
}

function checkValues(where: string, values: unknown): Record<string, string> | undefined {
  if (values === undefined) return undefined;
  const ok = values && typeof values === 'object' && !Array.isArray(values);
  if (!ok || Object.entries(values).some(([k, v]) => !NAME.test(k) || typeof v !== 'string')) {
    fail(`${where}.values`, 'expected an object of SIGMA value → string');
  }
  return values as Record<string, string>;
}

/** `"name"`, `"name: String!"` or `{ field, type?, values? }` → a checked scalar field. */
function scalar(where: string, raw: unknown): SigmaScalarField {
  const obj = typeof raw === 'string' ? shorthand(where, raw) : raw;
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
    fail(where, 'expected "field", "field: Type" or { field, type, values }');
  }
  const { field, type = 'String', values: rawValues } = obj as { field?: unknown; type?: unknown; values?: unknown };
  if (typeof field !== 'string' || !NAME.test(field)) fail(`${where}.field`, `"${String(field)}" is not a field name`);
  if (typeof type !== 'string' || !TYPE.test(type)) {
    fail(`${where}.type`, `"${String(type)}" is not a named GraphQL type (lists are not supported)`);
  }
  const values = checkValues(where, rawValues);
  if (!BUILTIN.has(namedType(type as string)) && !values) {
    fail(where, `type ${String(type)} is an enum to FacturaXpress and needs "values" (every SIGMA value → its code)`);
  }
  return { field: field as string, type: type as string, ...(values ? { values } : {}) };
}

function roles<R extends string>(where: string, raw: unknown, allowed: readonly R[]): [R, unknown][] {
  if (raw === undefined) return [];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail(where || 'FX_SIGMA_FIELDS', 'expected an object');
  return Object.entries(raw as object).map(([k, v]) => {
    if (!(allowed as readonly string[]).includes(k)) fail(join(where, k), `unknown; known: ${allowed.join(', ')}`);
    return [k as R, v];
  });
}

function direccion(raw: unknown): SigmaObjectField {
  const where = 'patient.direccion';
  const { field, type, fields } = (raw ?? {}) as { field?: unknown; type?: unknown; fields?: unknown };
  if (typeof field !== 'string' || !NAME.test(field)) fail(`${where}.field`, 'a GraphQL field name is required');
  if (typeof type !== 'string' || !TYPE.test(type) || BUILTIN.has(namedType(type))) {
    fail(`${where}.type`, "the name of SIGMA's address object type is required");
  }
  const sub = roles(`${where}.fields`, fields ?? {}, DIRECCION_ROLES);
  const checked = sub.map(([k, v]) => [k, scalar(`${where}.fields.${k}`, v)]);
  if (!sub.length) fail(`${where}.fields`, 'name at least one sub-field');
  return { field: field as string, type: type as string, fields: Object.fromEntries(checked) };
}

/**
 * FX_SIGMA_FIELDS as JSON: `{ "patient": { "nombre": "name: String!", …, "direccion": { field, type, fields } },
 * "service": { "descripcion": "name: String!", "tipoItem": { field, type, values } } }`. Throws with the path of the
 * first problem.
 */
export function parseSigmaFields(json: string): SigmaFields {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new Error(`not valid JSON (${(e as Error).message})`);
  }
  const top = roles('', raw, ['patient', 'service'] as const);
  const byKey = Object.fromEntries(top) as { patient?: unknown; service?: unknown };
  const patientRoles = roles('patient', byKey.patient, PATIENT_ROLES);
  const patient = patientRoles.map(([k, v]) => [k, k === 'direccion' ? direccion(v) : scalar(`patient.${k}`, v)]);
  const service = roles('service', byKey.service, SERVICE_ROLES).map(([k, v]) => [k, scalar(`service.${k}`, v)]);
  return { patient: Object.fromEntries(patient), service: Object.fromEntries(service) } as SigmaFields;
}
