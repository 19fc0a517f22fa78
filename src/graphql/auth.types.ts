import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import type { TenantType } from './tenant.types.js';

@ObjectType('ApiKey', { description: 'A long-lived server credential. Only its prefix is ever shown after creation.' })
export class ApiKeyType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) tenantId!: string | null;
  @Field() name!: string;
  @Field({ description: 'Visible start of the key, to recognise it' }) prefix!: string;
  @Field(() => [String]) scopes!: string[];
  @Field(() => String, {
    nullable: true,
    description: '00 for fx_test_ keys, 01 for fx_live_ keys, null for admin keys',
  })
  ambiente!: string | null;
  @Field(() => DateTimeISOResolver) createdAt!: Date;
  @Field(() => DateTimeISOResolver, { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => DateTimeISOResolver, { nullable: true }) expiresAt!: Date | null;
  @Field(() => DateTimeISOResolver, { nullable: true }) revokedAt!: Date | null;
}

@ObjectType({ description: 'A new API key. `secret` is shown this once and never stored.' })
export class CreatedApiKey {
  @Field(() => ApiKeyType) key!: ApiKeyType;
  @Field() secret!: string;
}

@InputType()
export class CreateApiKeyInput {
  @Field(() => ID, { nullable: true, description: 'Absent: a platform admin key' }) tenantId?: string | null;
  @Field() name!: string;
  @Field(() => [String], { nullable: true, description: 'Default: every tenant scope' }) scopes?: string[] | null;
  @Field(() => String, { nullable: true, description: '00 (fx_test_) or 01 (fx_live_); default 00' }) ambiente?:
    | '00'
    | '01'
    | null;
  @Field(() => DateTimeISOResolver, { nullable: true }) expiresAt?: Date | null;
}

@ObjectType({ description: 'The authenticated caller' })
export class Me {
  @Field({ description: 'apiKey, user or admin' }) kind!: string;
  @Field(() => ID, { nullable: true }) keyId!: string | null;
  @Field(() => String, { nullable: true }) subject!: string | null;
  @Field(() => String, { nullable: true }) ambiente!: string | null;
  @Field(() => [String]) scopes!: string[];
  tenant?: TenantType | null;
}
