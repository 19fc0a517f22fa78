import { isUnionType, type GraphQLSchema } from 'graphql';
import { AppError, ErrorCode, issuesMessage, type FieldIssue } from '../core/errors.js';

/** The entity types this subgraph resolves: the members of federation's `_Entity` union. */
function entityTypes(schema: GraphQLSchema): Set<string> {
  const union = schema.getType('_Entity');
  return new Set(isUnionType(union) ? union.getTypes().map((t) => t.name) : []);
}

function representationIssue(rep: unknown, i: number, known: Set<string>): FieldIssue | null {
  const path = `representations[${i}]`;
  if (!rep || typeof rep !== 'object' || Array.isArray(rep))
    return { path, code: 'INVALID_REPRESENTATION', message: 'must be an object with __typename and id' };
  const { __typename: typename, id } = rep as Record<string, unknown>;
  if (typeof typename !== 'string' || !known.has(typename)) {
    return {
      path: `${path}.__typename`,
      code: 'UNKNOWN_ENTITY_TYPE',
      message: `must be one of ${[...known].sort().join(', ')}`,
    };
  }
  if (typeof id !== 'string' && typeof id !== 'number')
    return { path: `${path}.id`, code: 'REQUIRED', message: 'an entity reference needs its id' };
  return null;
}

/**
 * `_entities` refuses malformed representations (not an object, an unknown __typename, no id) as a validation error
 * naming the representation, instead of the federation library's internal error.
 */
export function guardEntities(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  if (!field?.resolve) return schema;
  const resolve = field.resolve;
  const known = entityTypes(schema);
  field.resolve = (root, args, ctx, info) => {
    const reps = (args as { representations?: unknown[] }).representations ?? [];
    const issues = reps.map((r, i) => representationIssue(r, i, known)).filter((x): x is FieldIssue => x !== null);
    if (issues.length) throw new AppError(ErrorCode.VALIDATION_FAILED, issuesMessage(issues), issues);
    // An ID may arrive as a JSON number; every reference resolver compares it with text columns.
    const representations = reps.map((r) => ({ ...(r as object), id: String((r as { id: unknown }).id) }));
    return resolve(root, { ...args, representations }, ctx, info);
  };
  return schema;
}
