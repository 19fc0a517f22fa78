import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type AuthChecker, type ResolversMap } from 'type-graphql';
import type { Context } from './core/context.js';
import { AppError, ErrorCode } from './core/errors.js';
import { AdminResolver, ApiKeyFieldsResolver } from './graphql/admin.resolver.js';
import { MeResolver } from './graphql/me.resolver.js';
import { referenceResolvers } from './graphql/references.js';

/** Federation 2: the subgraph links the federation spec; directives imported here may be used by the types. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@tag", "@inaccessible"])';

/** One auth checker: permissions are data on the fields (`@Authorized('invoices:emit')`). */
const authChecker: AuthChecker<Context> = ({ context }, scopes) => {
  const actor = context.actor;
  if (actor.kind === 'anonymous') throw new AppError(ErrorCode.UNAUTHENTICATED, 'a credential is required: x-api-key, or Authorization: Bearer <API key or JWT>');
  const missing = scopes.filter((s) => !actor.scopes.includes(s));
  if (missing.length) throw new AppError(ErrorCode.FORBIDDEN, `missing scope: ${missing.join(', ')}`);
  return true;
};

export interface SchemaExtras {
  /** Federation reference resolvers and other hand-written resolvers merged into the map. */
  resolvers?: ResolversMap;
}

const resolverClasses = [MeResolver, AdminResolver, ApiKeyFieldsResolver] as const;

async function codeFirstSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [...resolverClasses], authChecker, validate: false, skipCheck: true });
}

/** The subgraph SDL exactly as served in `_service { sdl }` and committed as schema/facturaxpress.graphql. */
export async function subgraphSdl(): Promise<string> {
  return `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(await codeFirstSchema())}\n`;
}

export async function buildGraphQLSchema(extras: SchemaExtras = {}): Promise<GraphQLSchema> {
  const schema = await codeFirstSchema();
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [type, fields] of Object.entries({ ...referenceResolvers, ...(extras.resolvers ?? {}) })) resolvers[type] = { ...(resolvers[type] ?? {}), ...(fields as object) };
  return buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);
}
