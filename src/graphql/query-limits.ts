import {
  GraphQLError, Kind, getNamedType, isListType, getNullableType,
  type ASTVisitor, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type ValueNode,
} from 'graphql';

export interface QueryLimits {
  /** Deepest field nesting (fragments expanded). The SIGMA patient query needs 6. */
  maxDepth: number;
  /** Each field costs 1, multiplied by the page size (`first`, default 20) of every list above it. */
  maxCost: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 12, maxCost: 20_000 };
const DEFAULT_LIST_SIZE = 20;

function intArg(field: FieldNode, name: string, variables: Record<string, unknown> | undefined): number | null {
  const arg = field.arguments?.find((a) => a.name.value === name);
  if (!arg) return null;
  const v: ValueNode = arg.value;
  if (v.kind === Kind.INT) return Number(v.value);
  if (v.kind === Kind.VARIABLE && typeof variables?.[v.name.value] === 'number') return variables[v.name.value] as number;
  return null;
}

interface Measure {
  depth: number;
  cost: number;
}

function limitError(message: string): GraphQLError {
  // Apollo reports validation errors as GRAPHQL_VALIDATION_FAILED with HTTP 400; `reason` says which rule.
  return new GraphQLError(message, { extensions: { reason: 'QUERY_TOO_COMPLEX' } });
}

/**
 * Depth and cost limits as one validation rule (runs before execution, so an abusive document costs nothing).
 * Fragments are expanded (cycles are already refused by graphql's own rules); list multipliers come from literal
 * `first` arguments (Apollo runs validation rules without variables: a `$first` counts as the default page of 20).
 */
export function queryLimitsRule(limits: QueryLimits = DEFAULT_QUERY_LIMITS, variables?: Record<string, unknown>) {
  return (ctx: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of ctx.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const schema = ctx.getSchema();

    function measure(set: SelectionSetNode, parentType: string, seen: Set<string>): Measure {
      let depth = 0;
      let cost = 0;
      for (const sel of set.selections) {
        let m: Measure = { depth: 0, cost: 0 };
        if (sel.kind === Kind.FIELD) {
          const type = schema.getType(parentType);
          const field = type && 'getFields' in type ? (type.getFields() as Record<string, { type: import('graphql').GraphQLOutputType }>)[sel.name.value] : undefined;
          const isList = field ? isListType(getNullableType(field.type)) : false;
          // A connection's `edges` list was already counted by the connection field's `first`.
          const size = isList && !parentType.endsWith('Connection') ? (intArg(sel, 'first', variables) ?? DEFAULT_LIST_SIZE) : 1;
          const inner = sel.selectionSet && field ? measure(sel.selectionSet, getNamedType(field.type).name, seen) : { depth: 0, cost: 0 };
          const connection = field && getNamedType(field.type).name.endsWith('Connection') ? intArg(sel, 'first', variables) ?? DEFAULT_LIST_SIZE : 1;
          m = { depth: inner.depth + 1, cost: 1 + size * connection * inner.cost };
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          m = measure(sel.selectionSet, sel.typeCondition?.name.value ?? parentType, seen);
        } else {
          const frag = fragments.get(sel.name.value);
          if (frag && !seen.has(frag.name.value)) m = measure(frag.selectionSet, frag.typeCondition.name.value, new Set([...seen, frag.name.value]));
        }
        depth = Math.max(depth, m.depth);
        cost += m.cost;
      }
      return { depth, cost };
    }

    return {
      OperationDefinition(op) {
        const root = op.operation === 'query' ? schema.getQueryType() : op.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
        if (!root) return;
        const m = measure(op.selectionSet, root.name, new Set());
        if (m.depth > limits.maxDepth) ctx.reportError(limitError(`query depth ${m.depth} exceeds the limit of ${limits.maxDepth}`));
        if (m.cost > limits.maxCost) ctx.reportError(limitError(`query cost ${m.cost} exceeds the limit of ${limits.maxCost} (lists count by their page size, default ${DEFAULT_LIST_SIZE})`));
      },
    };
  };
}
