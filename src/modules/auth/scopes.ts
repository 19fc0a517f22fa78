/** Every permission the service knows. Permissions are data on fields/routes, checked by one auth checker. */
export const SCOPES = [
  'tenant:read',
  'invoices:read',
  'invoices:emit',
  'invoices:invalidate',
  'patients:read',
  'patients:write',
  'services:read',
  'services:write',
  'webhooks:manage',
] as const;
export type Scope = (typeof SCOPES)[number];

/** Platform administration (tenants and their keys): defined with the actors, since only admin credentials hold it. */
export { ADMIN_SCOPE } from '../../core/actor.js';

/** What a new tenant key gets when no scopes are asked for. */
export const DEFAULT_TENANT_SCOPES: Scope[] = [...SCOPES];

export function unknownScopes(scopes: string[]): string[] {
  return scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
}

/** JWT roles of SIGMA end users map to scopes: frontends read, billing staff also emit and invalidate. */
export const ROLE_SCOPES: Record<string, Scope[]> = {
  viewer: ['tenant:read', 'invoices:read', 'patients:read', 'services:read'],
  billing: ['tenant:read', 'invoices:read', 'invoices:emit', 'patients:read', 'patients:write', 'services:read'],
  admin: [...SCOPES],
};
