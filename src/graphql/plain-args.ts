import type { GraphQLResolveInfo } from 'graphql';
import { getMetadataStorage, type AuthCheckerFn } from 'type-graphql';
import { AppError, ErrorCode } from '../core/errors.js';

type Resolver = (root: unknown, args: Record<string, unknown>, context: unknown, info: GraphQLResolveInfo) => unknown;

/** What type-graphql keeps of a mutation (after buildSchema): its class, method, parameters and required scopes. */
interface MutationMeta {
  target: new () => Record<string, (...params: unknown[]) => unknown>;
  methodName: string;
  schemaName: string;
  roles?: string[];
  middlewares?: unknown[];
  params?: { index: number; kind: string; name?: string; propertyName?: string }[];
}

/**
 * The resolvers of the named mutations, calling their type-graphql method with each argument as GraphQL coerced it
 * (plain objects), after the same auth checker on the same `@Authorized` scopes. type-graphql would first convert an
 * input object into its input classes, and that conversion rebuilds the input type's field tree (every nested field's
 * type looked up in its metadata) on every call: for an emission's input, more than its own parse by the profile of
 * the server. Only for methods that read their input's fields (an emission turns it back into plain JSON at once); a
 * method with middlewares, or a parameter other than its context and its arguments, is refused at start-up.
 */
export function plainArgResolvers<C extends object>(
  authChecker: AuthCheckerFn<C>,
  names: readonly string[],
): Record<string, Resolver> {
  const mutations = getMetadataStorage().mutations as unknown as MutationMeta[];
  const out: Record<string, Resolver> = {};
  for (const name of names) {
    const def = mutations.find((m) => m.schemaName === name);
    if (!def) throw new Error(`plainArgResolvers: no mutation ${name}`);
    if (def.middlewares?.length) throw new Error(`plainArgResolvers: ${name} has middlewares`);
    const params = [...(def.params ?? [])].sort((a, b) => a.index - b.index);
    if (params.some((p) => (p.kind !== 'context' || p.propertyName) && (p.kind !== 'arg' || !p.name))) {
      throw new Error(`plainArgResolvers: ${name} takes a parameter other than its context and its arguments`);
    }
    const instance = new def.target();
    const method = def.methodName;
    const roles = def.roles;
    out[name] = async (root, args, context, info) => {
      if (roles && !(await authChecker({ root, args, context: context as C, info }, roles))) {
        throw new AppError(ErrorCode.FORBIDDEN, `missing scope: ${roles.join(', ')}`);
      }
      return instance[method]!(...params.map((p) => (p.kind === 'context' ? context : args[p.name!])));
    };
  }
  return out;
}
