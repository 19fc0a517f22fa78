import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
  createUnionType,
} from 'type-graphql';
import type { Context } from '../context.js';
import { ADMIN_SCOPE } from '../modules/auth/scopes.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../modules/auth/api-keys.js';
import { createTenant } from '../modules/tenants/create-tenant.js';
import { listEstablishments } from '../modules/tenants/establishments.js';
import { listTenants, updateTenant } from '../modules/tenants/update-tenant.js';
import type { Tenant } from '../modules/tenants/tenant.entity.js';
import { ApiKeyType, CreateApiKeyInput, CreatedApiKey } from './auth.types.js';
import { ImportMhCredentialInput, MhCredentialType } from './credential.types.js';
import { importMhCredential } from '../modules/transmission/credentials.js';
import {
  DuplicateTenantNit,
  NotFound,
  UnknownScope,
  ValidationFailed,
  asResult,
  fromResult,
  resolveResultType,
} from './errors.types.js';
import { CreateTenantInput, EstablishmentType, TenantType, UpdateTenantInput } from './tenant.types.js';

const TenantResult = createUnionType({
  name: 'TenantResult',
  types: () => [TenantType, ValidationFailed, DuplicateTenantNit, NotFound] as const,
  resolveType: resolveResultType('Tenant'),
});
const CreateApiKeyResult = createUnionType({
  name: 'CreateApiKeyResult',
  types: () => [CreatedApiKey, ValidationFailed, UnknownScope, NotFound] as const,
  resolveType: resolveResultType('CreatedApiKey'),
});
const MhCredentialResult = createUnionType({
  name: 'MhCredentialResult',
  types: () => [MhCredentialType, ValidationFailed, NotFound] as const,
  resolveType: resolveResultType('MhCredential'),
});
const ApiKeyResult = createUnionType({
  name: 'ApiKeyResult',
  types: () => [ApiKeyType, NotFound] as const,
  resolveType: resolveResultType('ApiKey'),
});

/** Platform administration: tenants and their API keys. Only admin credentials (FX_ADMIN_KEY or an fx_admin_ key). */
@Resolver(() => TenantType)
export class AdminResolver {
  @Authorized(ADMIN_SCOPE)
  @Query(() => [TenantType])
  tenants(@Ctx() ctx: Context) {
    return listTenants(ctx);
  }

  @Authorized(ADMIN_SCOPE)
  @Mutation(() => TenantResult)
  createTenant(@Ctx() ctx: Context, @Arg('input', () => CreateTenantInput) input: CreateTenantInput) {
    return asResult(() => createTenant(ctx, { ...input, establecimientos: input.establecimientos ?? undefined }));
  }

  @Authorized(ADMIN_SCOPE)
  @Mutation(() => TenantResult)
  updateTenant(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateTenantInput) input: UpdateTenantInput,
  ) {
    return asResult(() => updateTenant(ctx, id, input));
  }

  @Authorized(ADMIN_SCOPE)
  @Mutation(() => CreateApiKeyResult)
  createApiKey(@Ctx() ctx: Context, @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput) {
    return asResult(() => createApiKey(ctx, input));
  }

  @Authorized(ADMIN_SCOPE)
  @Mutation(() => ApiKeyResult)
  revokeApiKey(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return asResult(() => revokeApiKey(ctx, id));
  }

  @Authorized(ADMIN_SCOPE)
  @Mutation(() => MhCredentialResult, {
    description: 'Imports (or replaces) the MH certificate and API credentials of a tenant for one ambiente',
  })
  importMhCredential(@Ctx() ctx: Context, @Arg('input', () => ImportMhCredentialInput) input: ImportMhCredentialInput) {
    return fromResult(importMhCredential(ctx, ctx.mh.masterKey, input, ctx.mh.register));
  }

  @Authorized(ADMIN_SCOPE)
  @Query(() => [ApiKeyType])
  apiKeys(@Ctx() ctx: Context, @Arg('tenantId', () => ID, { nullable: true }) tenantId?: string) {
    return listApiKeys(ctx, tenantId);
  }

  @FieldResolver(() => [EstablishmentType])
  establecimientos(@Ctx() ctx: Context, @Root() tenant: Tenant) {
    return listEstablishments(ctx, tenant.id);
  }
}

@Resolver(() => ApiKeyType)
export class ApiKeyFieldsResolver {
  @FieldResolver(() => ID, { nullable: true })
  tenantId(@Root() key: { tenant?: { id: string } | null }) {
    return key.tenant?.id ?? null;
  }
}
