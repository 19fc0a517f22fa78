import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  createUnionType,
} from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import type { Context } from '../context.js';
import {
  deliveryAttempts,
  listWebhookDeliveries,
  pingWebhookEndpoint,
  replayWebhookDeliveries,
  replayWebhookDelivery,
} from '../modules/webhooks/delivery-log.js';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  findEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  WEBHOOKS_SCOPE,
} from '../modules/webhooks/manage-endpoints.js';
import { messageId } from '../modules/webhooks/send-delivery.js';
import type { WebhookDelivery } from '../modules/webhooks/webhook.entity.js';
import { NotFound, ValidationFailed, asResult, fromResult, resolveResultType } from './errors.types.js';
import {
  CreateWebhookEndpointInput,
  CreatedWebhookEndpoint,
  ReplayedWebhookDeliveries,
  UpdateWebhookEndpointInput,
  WebhookAttemptType,
  WebhookDeliveryStatus,
  WebhookDeliveryType,
  WebhookEndpointType,
} from './webhook.types.js';

const CreatedWebhookEndpointResult = createUnionType({
  name: 'CreatedWebhookEndpointResult',
  types: () => [CreatedWebhookEndpoint, ValidationFailed, NotFound] as const,
  resolveType: resolveResultType('CreatedWebhookEndpoint'),
});
const WebhookEndpointResult = createUnionType({
  name: 'WebhookEndpointResult',
  types: () => [WebhookEndpointType, ValidationFailed, NotFound] as const,
  resolveType: resolveResultType('WebhookEndpoint'),
});
const WebhookDeliveryResult = createUnionType({
  name: 'WebhookDeliveryResult',
  types: () => [WebhookDeliveryType, ValidationFailed, NotFound] as const,
  resolveType: resolveResultType('WebhookDelivery'),
});
const ReplayWebhookDeliveriesResult = createUnionType({
  name: 'ReplayWebhookDeliveriesResult',
  types: () => [ReplayedWebhookDeliveries, NotFound] as const,
  resolveType: resolveResultType('ReplayedWebhookDeliveries'),
});

const created = (r: { endpoint: unknown; secret: string }) => Object.assign(new CreatedWebhookEndpoint(), r);

/** Webhook endpoints of the caller's tenant and their delivery log. Thin: arguments → use case. */
@Resolver(() => WebhookEndpointType)
export class WebhookEndpointResolver {
  @Authorized(WEBHOOKS_SCOPE)
  @Query(() => [WebhookEndpointType])
  webhookEndpoints(@Ctx() ctx: Context) {
    return listWebhookEndpoints(ctx);
  }

  @Authorized(WEBHOOKS_SCOPE)
  @Mutation(() => CreatedWebhookEndpointResult, { description: 'The whsec_ secret is returned only here' })
  createWebhookEndpoint(
    @Ctx() ctx: Context,
    @Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
  ) {
    return fromResult(createWebhookEndpoint(ctx, input), created);
  }

  @Authorized(WEBHOOKS_SCOPE)
  @Mutation(() => WebhookEndpointResult)
  updateWebhookEndpoint(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput,
  ) {
    return fromResult(updateWebhookEndpoint(ctx, id, input));
  }

  @Authorized(WEBHOOKS_SCOPE)
  @Mutation(() => WebhookEndpointResult, { description: 'Deletes the endpoint and its delivery log' })
  deleteWebhookEndpoint(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return fromResult(deleteWebhookEndpoint(ctx, id));
  }

  @Authorized(WEBHOOKS_SCOPE)
  @Mutation(() => CreatedWebhookEndpointResult, {
    description: 'New secret (shown once); the old one keeps signing alongside for graceSeconds (default 86400)',
  })
  rotateWebhookSecret(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('graceSeconds', () => Int, { nullable: true }) graceSeconds?: number | null,
  ) {
    return fromResult(rotateWebhookSecret(ctx, id, graceSeconds ?? undefined), created);
  }

  @Authorized(WEBHOOKS_SCOPE)
  @Mutation(() => WebhookDeliveryResult, {
    description: 'Sends a webhook.ping now and returns the delivery with its attempt',
  })
  pingWebhookEndpoint(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return asResult(() => pingWebhookEndpoint(ctx, id));
  }

  @Authorized(WEBHOOKS_SCOPE)
  @Query(() => [WebhookDeliveryType], { description: 'Newest first; first ≤ 500 (default 50)' })
  webhookDeliveries(
    @Ctx() ctx: Context,
    @Arg('endpointId', () => ID, { nullable: true }) endpointId?: string | null,
    @Arg('invoiceId', () => ID, { nullable: true }) invoiceId?: string | null,
    @Arg('status', () => WebhookDeliveryStatus, { nullable: true }) status?: WebhookDeliveryStatus | null,
    @Arg('since', () => DateTimeISOResolver, { nullable: true }) since?: Date | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
  ) {
    return listWebhookDeliveries(ctx, { endpointId, invoiceId, status, since, first });
  }

  @Authorized(WEBHOOKS_SCOPE)
  @Mutation(() => WebhookDeliveryResult, {
    description: 'Sends one delivery again (same webhook-id, a new round of retries)',
  })
  replayWebhookDelivery(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return asResult(() => replayWebhookDelivery(ctx, id));
  }

  @Authorized(WEBHOOKS_SCOPE)
  @Mutation(() => ReplayWebhookDeliveriesResult, {
    description: 'Sends every delivery created since `since` again (optionally of one endpoint)',
  })
  replayWebhookDeliveries(
    @Ctx() ctx: Context,
    @Arg('since', () => DateTimeISOResolver) since: Date,
    @Arg('endpointId', () => ID, { nullable: true }) endpointId?: string | null,
  ) {
    return asResult(async () =>
      Object.assign(new ReplayedWebhookDeliveries(), { count: await replayWebhookDeliveries(ctx, since, endpointId) }),
    );
  }
}

@Resolver(() => WebhookDeliveryType)
export class WebhookDeliveryFieldsResolver {
  @FieldResolver(() => String)
  messageId(@Root() d: WebhookDelivery) {
    return messageId(d);
  }

  @FieldResolver(() => ID)
  endpointId(@Root() d: WebhookDelivery) {
    return d.endpoint.id;
  }

  @FieldResolver(() => ID, { nullable: true })
  invoiceId(@Root() d: WebhookDelivery) {
    return d.invoice?.id ?? null;
  }

  @FieldResolver(() => [WebhookAttemptType], { description: 'The delivery log, oldest first' })
  attempts(@Ctx() ctx: Context, @Root() d: WebhookDelivery) {
    return deliveryAttempts(ctx, d.id);
  }

  @FieldResolver(() => WebhookEndpointType)
  endpoint(@Ctx() ctx: Context, @Root() d: WebhookDelivery) {
    return findEndpoint(ctx, d.endpoint.id);
  }
}
