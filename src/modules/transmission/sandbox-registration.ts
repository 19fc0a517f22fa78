import type { App } from '../../app.js';
import { UNSCOPED } from '../../core/guards.js';
import { loadSigningMaterial } from './signing-material.js';
import { MhCredential } from './mh-credential.entity.js';

/**
 * The in-process MH sandbox keeps its state in memory: at start, tell it every credential the database holds,
 * as the real MH would already know them from its portal.
 */
export async function registerCredentialsWithSandbox(app: App): Promise<number> {
  if (!app.mh.sandbox && !app.config.mh.isSandbox) return 0;
  const em = app.db.orm.em.fork();
  const creds = await em.find(MhCredential, {}, UNSCOPED);
  for (const c of creds) {
    const m = await loadSigningMaterial(em, app.mh.masterKey, c.tenant.id, c.ambiente);
    if (m)
      app.mh.register({
        nit: m.api.user,
        password: m.api.password,
        publicKeyPem: m.publicKeyPem,
        ambiente: m.api.ambiente,
      });
  }
  return creds.length;
}
