import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { subgraphSdl } from '../../src/schema.js';
import { startTestApp } from '../helpers/app.js';

describe('the committed schema', () => {
  it('schema/facturaxpress.graphql is up to date (run `npm run schema` after changing the graph)', async () => {
    const committed = readFileSync(new URL('../../schema/facturaxpress.graphql', import.meta.url), 'utf8');
    expect(committed, 'schema/facturaxpress.graphql is stale: run `npm run schema` and commit it').toBe(
      await subgraphSdl(),
    );
  });

  it('_service { sdl } links federation v2 and is served without credentials (for composition)', async () => {
    const t = await startTestApp();
    try {
      const r = await t.gql('{ _service { sdl } }');
      expect(r.status).toBe(200);
      expect(r.body.data._service.sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
      expect(r.body.data._service.sdl).toMatch(/type Tenant @key\(fields: "id"\)/);
    } finally {
      await t.close();
    }
  });

  it('health and readiness', async () => {
    const t = await startTestApp();
    try {
      expect(await (await fetch(`${t.url}/healthz`)).json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${t.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', pendingMigrations: 0 });
    } finally {
      await t.close();
    }
  });
});
