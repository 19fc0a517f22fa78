export type Ambiente = '00' | '01';

/** Who is calling. Tenant actors always carry their tenant; the platform admin carries none. */
export type Actor =
  | { kind: 'apiKey'; keyId: string; tenantId: string; ambiente: Ambiente; scopes: string[] }
  | { kind: 'user'; subject: string; tenantId: string; ambiente: Ambiente; scopes: string[]; roles: string[] }
  | { kind: 'admin'; keyId: string | null; scopes: string[] }
  | { kind: 'anonymous' };

export function tenantIdOf(actor: Actor): string | null {
  return actor.kind === 'apiKey' || actor.kind === 'user' ? actor.tenantId : null;
}

/** Platform administration (tenants and their keys). Only admin credentials hold it. */
export const ADMIN_SCOPE = 'platform:admin';
