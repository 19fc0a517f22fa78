import { readFileSync } from 'node:fs';
import type { App } from '../app.js';
import { UNSCOPED } from '../core/guards.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../modules/auth/api-keys.js';
import { ADMIN_SCOPE } from '../modules/auth/scopes.js';
import { createTenant, type CreateTenantInput } from '../modules/tenants/create-tenant.js';
import { Tenant } from '../modules/tenants/tenant.entity.js';
import { listTenants } from '../modules/tenants/update-tenant.js';
import { flag, UsageError, type Args } from './args.js';
import { ValidationError } from '../core/errors.js';
import { previewForTenant } from '../modules/invoices/preview-document.js';

export type Out = (line: string) => void;
export type Command = (app: App, args: Args, out: Out) => Promise<void>;

const adminCtx = (app: App) => app.contextFor({ kind: 'admin', keyId: null, scopes: [ADMIN_SCOPE] });

/** A tenant by id or NIT (hyphens allowed). */
export async function findTenant(app: App, ref: string): Promise<Tenant> {
  const em = app.db.orm.em.fork();
  const isUuid = /^[0-9a-f-]{36}$/i.test(ref);
  const t = await em.findOne(Tenant, isUuid ? { id: ref } : { nit: ref.replace(/-/g, '') }, UNSCOPED);
  if (!t) throw new UsageError(`no tenant with id or NIT "${ref}"`);
  return t;
}

/** The demo tenant, or the only tenant there is. */
async function defaultTenant(app: App): Promise<Tenant> {
  const all = await app.db.orm.em
    .fork()
    .find(Tenant, {}, { ...UNSCOPED, orderBy: { isDemo: 'desc', createdAt: 'asc' }, limit: 2 });
  if (!all[0] || (!all[0].isDemo && all.length > 1))
    throw new UsageError('several tenants and no demo tenant: choose one with --tenant <id|NIT>');
  return all[0];
}

function tenantInputFromFlags(args: Args): CreateTenantInput {
  const file = flag(args, 'file');
  if (file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new UsageError(
        `--file ${file}: ${(err as Error).message} (the format is in README.md, e.g. examples/tenant.json)`,
      );
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new UsageError(`--file ${file}: must hold one JSON object`);
    const { isDemo: _ignored, ...input } = parsed as CreateTenantInput; // the demo flag is not an input
    return input as CreateTenantInput;
  }
  return {
    nit: flag(args, 'nit', true),
    nrc: flag(args, 'nrc', true),
    nombre: flag(args, 'nombre', true),
    nombreComercial: flag(args, 'nombre-comercial') ?? null,
    codActividad: flag(args, 'cod-actividad', true),
    descActividad: flag(args, 'desc-actividad', true),
    direccion: {
      departamento: flag(args, 'departamento', true),
      municipio: flag(args, 'municipio', true),
      distrito: flag(args, 'distrito', true),
      complemento: flag(args, 'complemento', true),
    },
    telefono: flag(args, 'telefono', true),
    correo: flag(args, 'correo', true),
    ambiente: (flag(args, 'ambiente') ?? '00') as '00' | '01',
  };
}

export const commands: Record<string, { help: string; run: Command }> = {
  'dte:preview': {
    help:
      'dte:preview --file input.json [--tenant <id|NIT>] [--contingencia ' +
      '1-5]  (prints the DTE JSON; errors on stderr, exit 1)',
    run: async (app, args, out) => {
      const body = JSON.parse(readFileSync(flag(args, 'file', true), 'utf8')) as unknown;
      const ref = flag(args, 'tenant');
      const tenant = ref ? await findTenant(app, ref) : await defaultTenant(app);
      const tipo = flag(args, 'contingencia');
      const result = await previewForTenant(app.tenantEm(tenant.id), tenant, body, {
        ambiente: '00',
        contingencia: tipo ? { tipoContingencia: Number(tipo) as 1, motivoContin: null } : null,
        now: new Date(),
      });
      if (!result.ok) throw new ValidationError(result.issues);
      out(JSON.stringify(result.value, null, 2));
    },
  },
  'tenant:create': {
    help:
      'tenant:create --file tenant.json | --nit --nrc --nombre --cod-actividad --desc-actividad ' +
      '--departamento --municipio --distrito --complemento --telefono --correo [--ambiente 00]',
    run: async (app, args, out) => {
      const t = await createTenant(adminCtx(app), tenantInputFromFlags(args));
      out(`created tenant ${t.id} (NIT ${t.nit}, ${t.nombre}, ambiente ${t.ambiente})`);
    },
  },
  'tenant:list': {
    help: 'tenant:list',
    run: async (app, _args, out) => {
      for (const t of await listTenants(adminCtx(app))) out(`${t.id}  ${t.nit}  ${t.ambiente}  ${t.nombre}`);
    },
  },
  'key:create': {
    help:
      'key:create --tenant <id|NIT> --name <name> [--scopes ' +
      'a,b] [--ambiente 00|01] [--expires 2027-01-01T00:00:00Z]',
    run: async (app, args, out) => {
      const tenant = await findTenant(app, flag(args, 'tenant', true));
      const expires = flag(args, 'expires');
      const { key, secret } = await createApiKey(adminCtx(app), {
        tenantId: tenant.id,
        name: flag(args, 'name', true),
        scopes:
          flag(args, 'scopes')
            ?.split(',')
            .map((s) => s.trim())
            .filter(Boolean) ?? null,
        ambiente: (flag(args, 'ambiente') ?? '00') as '00' | '01',
        expiresAt: expires ? new Date(expires) : null,
      });
      out(`created API key ${key.id} (${key.prefix}…) for ${tenant.nombre}; it is shown only now:`);
      out(`FX_API_KEY=${secret}`);
    },
  },
  'admin-key:create': {
    help: 'admin-key:create --name <name>',
    run: async (app, args, out) => {
      const { key, secret } = await createApiKey(adminCtx(app), { name: flag(args, 'name', true) });
      out(`created admin key ${key.id}; it is shown only now:`);
      out(`FX_ADMIN_KEY=${secret}`);
    },
  },
  'key:revoke': {
    help: 'key:revoke <key id>',
    run: async (app, args, out) => {
      const id = args.positional[0] ?? flag(args, 'id', true);
      const key = await revokeApiKey(adminCtx(app), id);
      out(`revoked API key ${key.id} (${key.prefix}…) at ${key.revokedAt!.toISOString()}`);
    },
  },
  'key:list': {
    help: 'key:list [--tenant <id|NIT>]',
    run: async (app, args, out) => {
      const ref = flag(args, 'tenant');
      const tenantId = ref ? (await findTenant(app, ref)).id : null;
      for (const k of await listApiKeys(adminCtx(app), tenantId)) {
        const state = k.revokedAt ? 'revoked' : k.expiresAt && k.expiresAt < new Date() ? 'expired' : 'active';
        out(
          `${k.id}  ${k.prefix}…  ${k.kind}  ${state}  ${k.name}  last used ${k.lastUsedAt?.toISOString() ?? 'never'}`,
        );
      }
    },
  },
};
