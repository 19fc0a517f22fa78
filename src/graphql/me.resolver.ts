import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { callerTenant, whoAmI, type WhoAmI } from '../modules/auth/who-am-i.js';
import { Me } from './auth.types.js';
import { TenantType } from './tenant.types.js';

@Resolver(() => Me)
export class MeResolver {
  @Query(() => Me, { description: 'The caller: kind, tenant, ambiente and scopes' })
  me(@Ctx() ctx: Context) {
    return whoAmI(ctx);
  }

  @FieldResolver(() => TenantType, {
    nullable: true,
    description: 'Your tenant (needs the tenant:read scope); null for the admin',
  })
  tenant(@Ctx() ctx: Context, @Root() me: WhoAmI) {
    return callerTenant(ctx, me);
  }
}
