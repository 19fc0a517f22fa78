import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createPubSub } from '@graphql-yoga/subscription';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type AuthChecker, type ResolversMap } from 'type-graphql';
import type { Config } from './config.js';
import type { App } from './core/app.js';
import type { Context } from './core/context.js';
import { AppError, ErrorCode } from './core/errors.js';
import { AdminResolver, ApiKeyFieldsResolver } from './graphql/admin.resolver.js';
import { MeResolver } from './graphql/me.resolver.js';
import { InvoiceInvalidationResolver } from './graphql/invoice-invalidation.resolver.js';
import { InvoiceResolver } from './graphql/invoice.resolver.js';
import { InvoiceConnectionResolver } from './graphql/invoice-connection.resolver.js';
import { documentLinkResolvers } from './graphql/invoice.links.js';
import { PatientResolver } from './graphql/patient.resolver.js';
import { referenceResolvers } from './graphql/references.js';
import { ServiceResolver } from './graphql/service.resolver.js';
import { ServiceType } from './graphql/service.types.js';
import type { InvoiceEventBus } from './graphql/subscription-bus.js';
import { InvoiceSubscriptionResolver, subscriptionResolvers } from './graphql/subscription.resolver.js';
import { InvoiceEmailResolver } from './graphql/email.resolver.js';
import { WebhookDeliveryFieldsResolver, WebhookEndpointResolver } from './graphql/webhook.resolver.js';

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
  /** Signs Invoice.pdfUrl / jsonUrl (the app, or its config). */
  documents?: App | Config;
  /** This process's LISTEN fan-out: enables the invoiceStatusChanged subscription. */
  events?: InvoiceEventBus;
}

const resolverClasses = [MeResolver, AdminResolver, ApiKeyFieldsResolver, InvoiceResolver, InvoiceInvalidationResolver, PatientResolver, ServiceResolver, InvoiceSubscriptionResolver, WebhookEndpointResolver, WebhookDeliveryFieldsResolver, InvoiceEmailResolver, InvoiceConnectionResolver] as const;

async function codeFirstSchema(): Promise<GraphQLSchema> {
  // Service is reachable only through _entities (SIGMA owns it), hence orphaned. type-graphql insists on a pubSub once a subscription exists; ours subscribe through the LISTEN bus instead.
  return buildSchema({ resolvers: [...resolverClasses], authChecker, validate: false, skipCheck: true, pubSub: createPubSub(), orphanedTypes: [ServiceType] });
}

/** The subgraph SDL exactly as served in `_service { sdl }` and committed as schema/facturaxpress.graphql. */
export async function subgraphSdl(): Promise<string> {
  return `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(await codeFirstSchema())}\n`;
}

export async function buildGraphQLSchema(extras: SchemaExtras = {}): Promise<GraphQLSchema> {
  const schema = await codeFirstSchema();
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  const wired = [referenceResolvers, extras.documents ? documentLinkResolvers(extras.documents) : {}, extras.events ? subscriptionResolvers(extras.events) : {}, extras.resolvers ?? {}];
  for (const map of wired) for (const [type, fields] of Object.entries(map)) resolvers[type] = { ...(resolvers[type] ?? {}), ...(fields as object) };
  return buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);
}
