import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../core/context.js';
import { whoAmI } from '../modules/auth/who-am-i.js';
import { Me } from './auth.types.js';

@Resolver()
export class MeResolver {
  @Query(() => Me, { description: 'The caller: kind, tenant, ambiente and scopes' })
  me(@Ctx() ctx: Context) {
    return whoAmI(ctx);
  }
}
