import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { subgraphSdl } from '../../src/schema.js';
import { composeSupergraph, startGateway } from '../../src/supergraph/gateway.js';
import { sigmaTypeDefs, startSigmaSubgraph, type RunningSubgraph } from '../../src/supergraph/sigma-subgraph.js';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';

// CORS allow-list on the API (GraphQL + REST) and the supergraph gateway; CSRF protection stays for the rest.
const ALLOWED = 'https://app.sigma.example';
const OTHER = 'https://evil.example';
let t: TestApp;
let sigma: RunningSubgraph;
let gateway: RunningSubgraph;
let apiKey: string;

beforeAll(async () => {
  t = await startTestApp({ FX_CORS_ORIGINS: `${ALLOWED}, http://localhost:3000` });
  apiKey = (await provisionTenant(t)).apiKey;
  sigma = await startSigmaSubgraph();
  const { supergraphSdl } = composeSupergraph([
    { name: 'sigma', url: sigma.url, sdl: sigmaTypeDefs() },
    { name: 'facturaxpress', url: `${t.url}/graphql`, sdl: await subgraphSdl() },
  ]);
  gateway = await startGateway(supergraphSdl, { corsOrigins: [ALLOWED] });
});
afterAll(async () => {
  await gateway?.stop();
  await sigma?.stop();
  await t?.close();
});

const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, x-api-key',
    },
  });

describe('CORS allow-list (FX_CORS_ORIGINS)', () => {
  it('answers the preflight of an allowed origin on GraphQL, REST and the gateway', async () => {
    for (const url of [`${t.url}/graphql`, `${t.url}/api/facturas`, gateway.url]) {
      const r = await preflight(url, ALLOWED);
      expect(r.status, url).toBe(204);
      expect(r.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(r.headers.get('access-control-allow-methods')).toMatch(/POST/);
      expect(r.headers.get('access-control-allow-headers')).toMatch(/x-api-key/);
      expect(r.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    }
  });

  it('refuses the preflight of any other origin with a JSON error, and sends it no CORS headers', async () => {
    for (const url of [`${t.url}/graphql`, gateway.url]) {
      const r = await preflight(url, OTHER);
      expect(r.status, url).toBe(403);
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('CORS_ORIGIN_NOT_ALLOWED');
    }
  });

  it('lets the allowed origin read GraphQL and REST answers', async () => {
    const g = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { origin: ALLOWED, 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({ query: '{ me { kind } }' }),
    });
    expect(g.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(((await g.json()) as any).data.me.kind).toBeTruthy();
    const rest = await fetch(`${t.url}/api/catalogos`, { headers: { origin: ALLOWED, 'x-api-key': apiKey } });
    expect(rest.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(rest.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
    const other = await fetch(`${t.url}/api/catalogos`, { headers: { origin: OTHER, 'x-api-key': apiKey } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps CSRF protection: a simple cross-site POST (text/plain) is refused, even from allowed origins', async () => {
    for (const origin of [ALLOWED, OTHER]) {
      const r = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { origin, 'content-type': 'text/plain' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(r.status).toBe(400);
      expect(await r.text()).toMatch(/CSRF|preflight/i);
    }
  });

  it('refuses a malformed FX_CORS_ORIGINS at start with a message naming the variable', () => {
    expect(() => loadConfig({ FX_CORS_ORIGINS: 'https://app.example.com/path' }, [])).toThrow(ConfigError);
    expect(() => loadConfig({ FX_CORS_ORIGINS: 'app.example.com' }, [])).toThrow(/FX_CORS_ORIGINS/);
    expect(loadConfig({ FX_CORS_ORIGINS: 'https://a.example, http://localhost:5173/' }, []).corsOrigins).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ]);
    expect(loadConfig({}, []).corsOrigins).toEqual([]);
  });
});
