/**
 * The limits a GraphQL document is held to before it is validated or run (tokens, depth, cost, aliases, top-level
 * fields, `_entities` representations, string literals), and the texts found within them kept parsed. The document's
 * measure is taken in query-measure.ts.
 */
import {
  GraphQLError,
  Kind,
  parse,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { badTextReason } from '../http/input-guard.js';
import { DEFAULT_LIST_SIZE, Measurer, type Variables } from './query-measure.js';

export interface QueryLimits {
  /** Deepest field nesting (fragments expanded). The SIGMA patient query needs 6. */
  maxDepth: number;
  /** Each field costs 1, multiplied by the page size (`first`, default 20) of every list above it. */
  maxCost: number;
  /** Lexical tokens in one document (checked while parsing, so a huge document is never built). */
  maxTokens: number;
  /** Aliased fields in one operation, fragments expanded. */
  maxAliases: number;
  /** Top-level fields of one operation, fragments expanded. */
  maxRootFields: number;
  /** Representations in one `_entities` call (each is one lookup). */
  maxEntities: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxCost: 20_000,
  maxTokens: 5_000,
  maxAliases: 100,
  maxRootFields: 30,
  maxEntities: 500,
};

function limitError(message: string): GraphQLError {
  // Reported as Apollo reports validation errors (GRAPHQL_VALIDATION_FAILED, HTTP 400); `reason` says which rule.
  const extensions = { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COMPLEX', http: { status: 400 } };
  return new GraphQLError(message, { extensions });
}

function rootTypeName(schema: GraphQLSchema, op: OperationDefinitionNode): string | undefined {
  if (op.operation === 'query') return schema.getQueryType()?.name;
  return op.operation === 'mutation' ? schema.getMutationType()?.name : schema.getSubscriptionType()?.name;
}

/** Every limit of one parsed document; errors name the limit and the value found. */
export function documentLimitErrors(
  schema: GraphQLSchema,
  doc: DocumentNode,
  limits: QueryLimits,
  variables?: Variables,
): GraphQLError[] {
  // A document within every limit whatever its variables is measured once (Apollo hands the same parsed document to
  // every request that runs it by hash): an emission by persisted operation does not measure it again each time.
  const known = withinLimits.get(doc);
  if (known && known.schema === schema && known.limits === limits) return [];
  const measurer = new Measurer(schema, doc, variables);
  const errors = measure(measurer, schema, doc, limits);
  if (!errors.length && !measurer.usedVariables) withinLimits.set(doc, { schema, limits });
  return errors;
}

/** Documents found within the limits for any variables, by the schema and limits they were measured against. */
const withinLimits = new WeakMap<DocumentNode, { schema: GraphQLSchema; limits: QueryLimits }>();

function measure(measurer: Measurer, schema: GraphQLSchema, doc: DocumentNode, limits: QueryLimits): GraphQLError[] {
  const errors: GraphQLError[] = [];
  for (const op of doc.definitions) {
    if (op.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = rootTypeName(schema, op);
    if (!root) continue;
    const m = measurer.selectionSet(op.selectionSet, root);
    const roots = m.fields;
    if (m.depth > limits.maxDepth)
      errors.push(limitError(`query depth ${m.depth} exceeds the limit of ${limits.maxDepth}`));
    if (m.cost > limits.maxCost) {
      errors.push(
        limitError(
          `query cost ${m.cost} exceeds the limit of ${limits.maxCost} ` +
            `(lists count by their page size, default ${DEFAULT_LIST_SIZE})`,
        ),
      );
    }
    if (m.aliases > limits.maxAliases)
      errors.push(limitError(`${m.aliases} aliased fields exceed the limit of ${limits.maxAliases}`));
    if (roots > limits.maxRootFields)
      errors.push(limitError(`${roots} top-level fields exceed the limit of ${limits.maxRootFields}`));
    if (m.entities > limits.maxEntities) {
      errors.push(limitError(`${m.entities} _entities representations exceed the limit of ${limits.maxEntities}`));
    }
  }
  return errors;
}

/** String literals in the document obey the same text rules as JSON input (no NUL, no lone surrogate). */
function literalTextErrors(doc: DocumentNode): GraphQLError[] {
  const errors: GraphQLError[] = [];
  visit(doc, {
    StringValue(node) {
      const why = badTextReason(node.value);
      if (!why) return;
      errors.push(
        new GraphQLError(`a string literal ${why}`, {
          nodes: [node],
          extensions: { code: 'VALIDATION_FAILED', http: { status: 400 } },
        }),
      );
    },
  });
  return errors;
}

export type CheckedSource =
  | { document: DocumentNode; errors?: undefined }
  | { document?: undefined; errors: GraphQLError[] };

/**
 * Parses with a token limit and measures: the first thing done with a document, before validation or execution.
 * Parse errors come back as GRAPHQL_PARSE_FAILED, limit errors as GRAPHQL_VALIDATION_FAILED (both HTTP 400).
 */
export function checkSource(
  schema: GraphQLSchema,
  source: string,
  limits: QueryLimits,
  variables?: Variables,
): CheckedSource {
  const known = keptSources.get(source);
  if (known && known.schema === schema && known.limits === limits) {
    // (most recently used last: the oldest is the first one dropped)
    keptSources.delete(source);
    keptSources.set(source, known);
    if (!known.readsVariables) return { document: known.document };
    // Its measure depends on the variables: measured again with these (the parse is kept).
    const errors = documentLimitErrors(schema, known.document, limits, variables);
    return errors.length ? { errors } : { document: known.document };
  }
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: limits.maxTokens });
  } catch (err) {
    const e = err as GraphQLError;
    const extensions = { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400 } };
    return { errors: [new GraphQLError(e.message, { extensions })] };
  }
  const errors = [...documentLimitErrors(schema, document, limits, variables), ...literalTextErrors(document)];
  if (errors.length) return { errors };
  // A text within the limits is not parsed again: one within them whatever its variables (its measure read none) is
  // not measured again either; one whose measure read its variables is measured again with each request's.
  if (source.length <= MAX_KEPT_SOURCE) {
    if (keptSources.size >= MAX_KEPT_SOURCES) keptSources.delete(keptSources.keys().next().value!);
    keptSources.set(source, { schema, limits, document, readsVariables: !withinLimits.has(document) });
  }
  return { document };
}

/**
 * Document texts found within every limit (and free of refused string literals), with their parsed document: the most
 * recently used MAX_KEPT_SOURCES of them, each at most MAX_KEPT_SOURCE characters (a few MB at most, whatever clients
 * send).
 */
const keptSources = new Map<
  string,
  { schema: GraphQLSchema; limits: QueryLimits; document: DocumentNode; readsVariables: boolean }
>();
const MAX_KEPT_SOURCE = 8_000;
const MAX_KEPT_SOURCES = 500;

/** How many document texts are kept parsed (tests). */
export const keptSourceCount = () => keptSources.size;
