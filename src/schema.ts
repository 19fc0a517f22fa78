import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createPubSub } from '@graphql-yoga/subscription';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type AuthCheckerFn, type ResolversMap } from 'type-graphql';
import type { Context } from './context.js';
import { AppError, ErrorCode } from './core/errors.js';
import { guardEntities } from './graphql/entities-guard.js';
import { plainArgResolvers } from './graphql/plain-args.js';
import { AdminResolver, ApiKeyFieldsResolver } from './graphql/admin.resolver.js';
import { MeResolver } from './graphql/me.resolver.js';
import { FiscalEventResolver } from './graphql/fiscal-event.resolver.js';
import { InvoiceBalanceResolver } from './graphql/invoice-balance.resolver.js';
import { InvoiceBlockedFieldsResolver } from './graphql/invoice-blocked.resolver.js';
import { InvoiceInvalidationResolver } from './graphql/invoice-invalidation.resolver.js';
import { InvoiceResolver } from './graphql/invoice.resolver.js';
import { InvoiceConnectionResolver } from './graphql/invoice-connection.resolver.js';
import { PatientResolver } from './graphql/patient.resolver.js';
import { referenceResolvers } from './graphql/references.js';
import { ServiceResolver } from './graphql/service.resolver.js';
import { ServiceType } from './graphql/service.types.js';
import { InvoiceSubscriptionResolver } from './graphql/subscription.resolver.js';
import { InvoiceEmailResolver } from './graphql/email.resolver.js';
import { MonthlyReportResolver } from './graphql/report.resolver.js';
import { WebhookDeliveryFieldsResolver, WebhookEndpointResolver } from './graphql/webhook.resolver.js';
import { DEFAULT_SIGMA_FIELDS, type SigmaFields } from './modules/sigma/sigma-fields.js';
import { withSigmaExternals } from './modules/sigma/sigma-sdl.js';

/** Federation 2: the subgraph links the federation spec; directives imported here may be used by the types. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", ' +
  '"@shareable", "@external", "@requires", "@provides", "@tag", "@inaccessible"])';

/** One auth checker: permissions are data on the fields (`@Authorized('invoices:emit')`). */
const authChecker: AuthCheckerFn<Context> = ({ context }, scopes) => {
  const actor = context.actor;
  if (actor.kind === 'anonymous')
    throw new AppError(
      ErrorCode.UNAUTHENTICATED,
      'a credential is required: x-api-key, or Authorization: Bearer <API key or JWT>',
    );
  const missing = scopes.filter((s) => !actor.scopes.includes(s));
  if (missing.length) throw new AppError(ErrorCode.FORBIDDEN, `missing scope: ${missing.join(', ')}`);
  return true;
};

/** Mutations whose input reaches the method as GraphQL coerced it: the emissions, whose input is read once. */
const PLAIN_ARG_MUTATIONS = ['emitInvoice', 'emitCreditNote', 'emitDebitNote', 'previewInvoice'];

export interface SchemaExtras {
  /** Federation reference resolvers and other hand-written resolvers merged into the map. */
  resolvers?: ResolversMap;
  /** SIGMA's fields declared @external (FX_SIGMA_FIELDS); default: the demo SIGMA subgraph's. */
  sigmaFields?: SigmaFields;
}

const resolverClasses = [
  MeResolver,
  AdminResolver,
  ApiKeyFieldsResolver,
  InvoiceResolver,
  InvoiceInvalidationResolver,
  PatientResolver,
  ServiceResolver,
  InvoiceSubscriptionResolver,
  WebhookEndpointResolver,
  WebhookDeliveryFieldsResolver,
  InvoiceEmailResolver,
  InvoiceBalanceResolver,
  FiscalEventResolver,
  MonthlyReportResolver,
  InvoiceBlockedFieldsResolver,
  InvoiceConnectionResolver,
] as const;

async function codeFirstSchema(): Promise<GraphQLSchema> {
  // Service is reachable only through _entities (SIGMA owns it), hence orphaned. type-graphql insists on a pubSub once
  // a subscription exists; ours subscribe through the context's event bus instead.
  return buildSchema({
    resolvers: [...resolverClasses],
    authChecker,
    validate: false,
    skipCheck: true,
    pubSub: createPubSub(),
    orphanedTypes: [ServiceType],
  });
}

/** The code-first schema printed, plus SIGMA's configured fields as @external (and the @requires using them). */
function printedSdl(schema: GraphQLSchema, sigmaFields: SigmaFields): string {
  return withSigmaExternals(printSchemaWithDirectives(schema), sigmaFields);
}

/** The SDL served in `_service { sdl }`; with the default SIGMA fields it is schema/facturaxpress.graphql. */
export async function subgraphSdl(sigmaFields: SigmaFields = DEFAULT_SIGMA_FIELDS): Promise<string> {
  return `${FEDERATION_LINK}\n\n${printedSdl(await codeFirstSchema(), sigmaFields)}\n`;
}

export async function buildGraphQLSchema(extras: SchemaExtras = {}): Promise<GraphQLSchema> {
  const schema = await codeFirstSchema();
  const sdl = printedSdl(schema, extras.sigmaFields ?? DEFAULT_SIGMA_FIELDS);
  const typeDefs = parse(`${FEDERATION_LINK}\n${sdl}`);
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  // The emissions take their input as GraphQL coerced it (see plainArgResolvers).
  const plain = { Mutation: plainArgResolvers(authChecker, PLAIN_ARG_MUTATIONS) };
  const wired = [plain, referenceResolvers, extras.resolvers ?? {}];
  for (const map of wired)
    for (const [type, fields] of Object.entries(map))
      resolvers[type] = { ...(resolvers[type] ?? {}), ...(fields as object) };
  return guardEntities(buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]));
}
