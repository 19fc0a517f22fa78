/**
 * A GraphQL document's measure against the query limits (query-limits.ts): its depth, cost, aliases, top-level fields
 * and `_entities` representations, each fragment measured once however often it is spread.
 */
import {
  Kind,
  getNamedType,
  getNullableType,
  isListType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export const DEFAULT_LIST_SIZE = 20;

export type Variables = Record<string, unknown> | undefined;

interface Measure {
  depth: number;
  cost: number;
  aliases: number;
  entities: number;
  /** Fields of this selection set itself (fragments expanded): at the root, the top-level fields. */
  fields: number;
}
const ZERO: Measure = { depth: 0, cost: 0, aliases: 0, entities: 0, fields: 0 };

function argValue(
  field: FieldNode,
  name: string,
  variables: Variables,
): { value?: ValueNode; variable?: unknown } | null {
  const arg = field.arguments?.find((a) => a.name.value === name);
  if (!arg) return null;
  if (arg.value.kind === Kind.VARIABLE) return { variable: variables?.[arg.value.name.value] };
  return { value: arg.value };
}

function intArg(field: FieldNode, name: string, variables: Variables): number | null {
  const a = argValue(field, name, variables);
  if (!a) return null;
  if (a.value?.kind === Kind.INT) return Number(a.value.value);
  return typeof a.variable === 'number' && Number.isFinite(a.variable) ? a.variable : null;
}

/** How many representations an `_entities` field asks for (a literal list or a list variable). */
function entitiesCount(field: FieldNode, variables: Variables): number {
  const a = argValue(field, 'representations', variables);
  if (!a) return 0;
  if (a.value) return a.value.kind === Kind.LIST ? a.value.values.length : 1;
  return Array.isArray(a.variable) ? a.variable.length : 1;
}

/** Whether a field takes `first` or `representations` (the measured arguments) from a variable. */
function readsVariable(field: FieldNode): boolean {
  const args = field.arguments;
  if (!args?.length) return false;
  return args.some(
    (a) => (a.name.value === 'first' || a.name.value === 'representations') && a.value.kind === Kind.VARIABLE,
  );
}

function fieldOf(schema: GraphQLSchema, parentType: string, name: string): GraphQLField<unknown, unknown> | undefined {
  const type = schema.getType(parentType);
  if (!type || !('getFields' in type)) return undefined;
  return (type.getFields() as Record<string, GraphQLField<unknown, unknown>>)[name];
}

/**
 * Measures a document in time linear in its size: each fragment is measured once (memoised by name) however often
 * it is spread, so a document that doubles through nested fragments costs nothing to measure. A fragment cycle or an
 * unknown fragment counts as empty (graphql's own rules refuse them afterwards).
 */
export class Measurer {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly memo = new Map<string, Measure | 'busy'>();

  /** Whether a variable's value was read: only then may another request's variables measure differently. */
  usedVariables = false;

  constructor(
    private readonly schema: GraphQLSchema,
    doc: DocumentNode,
    private readonly variables: Variables,
  ) {
    for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(d.name.value, d);
  }

  fragment(name: string): Measure {
    const known = this.memo.get(name);
    if (known === 'busy') return ZERO;
    if (known) return known;
    const frag = this.fragments.get(name);
    if (!frag) return ZERO;
    this.memo.set(name, 'busy');
    const m = this.selectionSet(frag.selectionSet, frag.typeCondition.name.value);
    this.memo.set(name, m);
    return m;
  }

  selectionSet(set: SelectionSetNode, parentType: string): Measure {
    const total = { ...ZERO };
    for (const sel of set.selections) {
      const m =
        sel.kind === Kind.FIELD
          ? this.field(sel, parentType)
          : sel.kind === Kind.INLINE_FRAGMENT
            ? this.selectionSet(sel.selectionSet, sel.typeCondition?.name.value ?? parentType)
            : this.fragment(sel.name.value);
      total.depth = Math.max(total.depth, m.depth);
      total.cost += m.cost;
      total.aliases += m.aliases;
      total.entities += m.entities;
      total.fields += sel.kind === Kind.FIELD ? 1 : m.fields;
    }
    return total;
  }

  private field(sel: FieldNode, parentType: string): Measure {
    const field = fieldOf(this.schema, parentType, sel.name.value);
    const named = field ? getNamedType(field.type).name : '';
    const isList = field ? isListType(getNullableType(field.type)) : false;
    // A connection's `edges` list was already counted by the connection field's `first`.
    if (!this.usedVariables && readsVariable(sel)) this.usedVariables = true;
    const page = intArg(sel, 'first', this.variables) ?? DEFAULT_LIST_SIZE;
    const size = isList && !parentType.endsWith('Connection') ? page : 1;
    const connection = named.endsWith('Connection') ? page : 1;
    const inner = sel.selectionSet && field ? this.selectionSet(sel.selectionSet, named) : ZERO;
    const entities = sel.name.value === '_entities' ? entitiesCount(sel, this.variables) : 0;
    return {
      depth: inner.depth + 1,
      cost: 1 + size * connection * inner.cost,
      aliases: (sel.alias ? 1 : 0) + inner.aliases,
      entities: entities + inner.entities,
      fields: 1,
    };
  }
}
