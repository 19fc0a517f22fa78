/**
 * The PDF renderer reads MH's DTE JSON generically (MH's rules: one schema per tipoDte, with sections that change
 * names between types and versions), so the document is typed loosely and read through small accessors that
 * never assume a section exists.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface DteJson {
  identificacion: JsonObject;
  [section: string]: JsonValue | undefined;
}

export type DteStatus =
  | 'QUEUED'
  | 'SIGNED'
  | 'SENT'
  | 'UNKNOWN'
  | 'PROCESSED'
  | 'REJECTED'
  | 'CONTINGENCY'
  | 'INVALIDATED';

export type DocumentRenderErrorCode = 'MISSING_FIELD' | 'UNSUPPORTED_TIPO_DTE' | 'INVALID_LOGO' | 'RENDER_FAILED';

/** Thrown when the DTE cannot be rendered; `field` names the offending MH field (dotted path). */
export class DocumentRenderError extends Error {
  constructor(
    public readonly code: DocumentRenderErrorCode,
    public readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'DocumentRenderError';
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(parent: unknown, key: string): JsonObject | null {
  if (!isObject(parent)) return null;
  const value = parent[key];
  return isObject(value) ? value : null;
}

export function arrayAt(parent: unknown, key: string): JsonObject[] {
  if (!isObject(parent)) return [];
  const value = parent[key];
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** A scalar as display text; null/undefined/objects give ''. */
export function textAt(parent: unknown, key: string): string {
  if (!isObject(parent)) return '';
  const value = parent[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

export function numberAt(parent: unknown, key: string): number | null {
  if (!isObject(parent)) return null;
  const value = parent[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Reads a required identificacion field, naming it in the error when absent. */
export function requiredIdentificacion(doc: DteJson, key: string): string {
  const value = textAt(doc.identificacion, key);
  if (!value) throw new DocumentRenderError('MISSING_FIELD', `identificacion.${key}`, 'is required to render the DTE');
  return value;
}
