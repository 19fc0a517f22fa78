import { DateTimeISOResolver, JSONResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING (queued or waiting for a retry), SUCCEEDED (2xx), FAILED (gave up, 410, or endpoint disabled)',
});

@ObjectType('WebhookEndpoint', {
  description: 'Where your tenant receives Standard Webhooks (signed with HMAC-SHA256)',
})
export class WebhookEndpointType {
  @Field(() => ID) id!: string;
  @Field() url!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => [String], {
    description:
      'Event types delivered; empty = all (dte.processed, dte.rejected, dte.contingency, ' +
      'dte.invalidated, dte.email.delivered, dte.email.failed, dte.deadline.warning, ' +
      'dte.blocked, dte.return.*, dte.special-operations.*, report.ready, report.failed)',
  })
  eventTypes!: string[];
  @Field() enabled!: boolean;
  @Field(() => String, { nullable: true, description: 'Why it was disabled (e.g. the target answered 410 Gone)' })
  disabledReason!: string | null;
  @Field(() => DateTimeISOResolver, {
    nullable: true,
    description: 'Until this instant deliveries also carry a signature with the previous secret',
    name: 'previousSecretExpiresAt',
  })
  previousSecretExpiresAt!: Date | null;
  @Field(() => DateTimeISOResolver) createdAt!: Date;
  @Field(() => DateTimeISOResolver) updatedAt!: Date;
}

@ObjectType('CreatedWebhookEndpoint', {
  description: 'The endpoint and its secret. The secret is shown only this once: store it now.',
})
export class CreatedWebhookEndpoint {
  readonly __typename = 'CreatedWebhookEndpoint';
  @Field(() => WebhookEndpointType) endpoint!: WebhookEndpointType;
  @Field({ description: 'whsec_… (Standard Webhooks secret: base64 after the prefix)' }) secret!: string;
}

@ObjectType('WebhookAttempt', { description: 'One HTTP attempt of a delivery' })
export class WebhookAttemptType {
  @Field(() => Int) attempt!: number;
  @Field(() => Int, { nullable: true, description: 'null when no response arrived (timeout, connection error)' })
  statusCode!: number | null;
  @Field(() => Int) durationMs!: number;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => DateTimeISOResolver) createdAt!: Date;
}

@ObjectType('WebhookDelivery', { description: 'One event for one endpoint (the outbox row) and its delivery log' })
export class WebhookDeliveryType {
  readonly __typename = 'WebhookDelivery';
  @Field(() => ID) id!: string;
  @Field({ description: 'The webhook-id header: the same on every retry and replay' }) messageId!: string;
  @Field(() => ID) endpointId!: string;
  @Field(() => ID, { nullable: true }) invoiceId!: string | null;
  @Field() eventType!: string;
  @Field(() => JSONResolver, { description: 'The event data (without the signed links, which are added when sending)' })
  data!: unknown;
  @Field(() => WebhookDeliveryStatus) status!: WebhookDeliveryStatus;
  @Field(() => Int) totalAttempts!: number;
  @Field(() => DateTimeISOResolver, { nullable: true }) nextAttemptAt!: Date | null;
  @Field(() => Int, { nullable: true }) lastStatusCode!: number | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => DateTimeISOResolver, { nullable: true }) deliveredAt!: Date | null;
  @Field(() => DateTimeISOResolver) createdAt!: Date;
}

@ObjectType('ReplayedWebhookDeliveries')
export class ReplayedWebhookDeliveries {
  readonly __typename = 'ReplayedWebhookDeliveries';
  @Field(() => Int, { description: 'How many deliveries were queued again' }) count!: number;
}

@InputType()
export class CreateWebhookEndpointInput {
  @Field({ description: 'https URL; private and loopback addresses are refused unless the server allows them' })
  url!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [String], { nullable: true, description: 'Empty or absent = every event type' }) eventTypes?:
    | string[]
    | null;
}

@InputType()
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [String], { nullable: true }) eventTypes?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Re-enable an endpoint disabled by a 410, or pause one' })
  enabled?: boolean | null;
}
