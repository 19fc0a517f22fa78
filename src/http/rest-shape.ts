import { ValidationError, type FieldIssue } from '../core/errors.js';

/** A JSON field's expected type: text (or null), or an object of such fields. */
export type ShapeSpec = { [field: string]: 'string' | ShapeSpec };

/**
 * REST bodies are untyped JSON (GraphQL inputs are typed by the schema): a number or an object where text is
 * expected is refused here with the field named, before a use case reads it as a string.
 */
export function shapeIssues(body: unknown, spec: ShapeSpec, prefix = ''): FieldIssue[] {
  if (body === undefined || body === null) return [];
  if (typeof body !== 'object' || Array.isArray(body))
    return [{ path: prefix || '(body)', code: 'INVALID_TYPE', message: 'must be a JSON object' }];
  const issues: FieldIssue[] = [];
  for (const [field, expected] of Object.entries(spec)) {
    const value = (body as Record<string, unknown>)[field];
    const path = prefix ? `${prefix}.${field}` : field;
    if (value === undefined || value === null) continue;
    if (expected === 'string') {
      if (typeof value !== 'string') issues.push({ path, code: 'INVALID_TYPE', message: 'must be a string' });
    } else issues.push(...shapeIssues(value, expected, path));
  }
  return issues;
}

export function assertShape(body: unknown, spec: ShapeSpec): void {
  const issues = shapeIssues(body, spec);
  if (issues.length) throw new ValidationError(issues);
}
