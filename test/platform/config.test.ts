import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration (the only reader of the environment)', () => {
  it('has safe defaults: loopback, port 4001, embedded database, in-process MH sandbox', () => {
    const c = loadConfig({}, []);
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 4001,
      httpKeepAliveMs: 65_000,
      databaseUrl: null,
      trustedDocuments: 'allow',
      mh: { baseUrl: null, isSandbox: true, timeoutMs: 8000 },
    });
    expect(c.worker).toMatchObject({ enabled: true, api: true });
  });

  it("selects MH's real hosts with FX_MH_BASE_URL=mh, a standalone sandbox with FX_MH_SANDBOX=1", () => {
    expect(loadConfig({ FX_MH_BASE_URL: 'mh' }, []).mh).toMatchObject({ baseUrl: 'mh', isSandbox: false });
    expect(loadConfig({ FX_MH_BASE_URL: 'http://127.0.0.1:8787', FX_MH_SANDBOX: '1' }, []).mh.isSandbox).toBe(true);
    expect(loadConfig({ FX_MH_BASE_URL: 'https://apitest.dtes.mh.gob.sv' }, []).mh.isSandbox).toBe(false);
  });

  it("limits the MH request rate per target: none toward a sandbox, 50/s toward MH's hosts unless configured", () => {
    expect(loadConfig({}, []).worker.ratePerSecond).toBeNull();
    expect(
      loadConfig({ FX_MH_BASE_URL: 'http://127.0.0.1:8787', FX_MH_SANDBOX: '1' }, []).worker.ratePerSecond,
    ).toBeNull();
    expect(loadConfig({ FX_MH_BASE_URL: 'mh' }, []).worker.ratePerSecond).toBe(50);
    expect(loadConfig({ FX_MH_BASE_URL: 'mh', FX_MH_RATE_PER_SECOND: '20' }, []).worker.ratePerSecond).toBe(20);
    expect(loadConfig({ FX_MH_RATE_PER_SECOND: '5' }, []).worker.ratePerSecond).toBe(5);
  });

  it.each([
    [{ PORT: 'x' }, 'PORT'],
    [{ FX_HTTP_KEEP_ALIVE_MS: '500' }, 'FX_HTTP_KEEP_ALIVE_MS'],
    [{ FX_TRUSTED_DOCUMENTS: 'sometimes' }, 'FX_TRUSTED_DOCUMENTS'],
    [{ FX_TLS_CERT: '/a.pem' }, 'FX_TLS_CERT/FX_TLS_KEY/FX_TLS_CA'],
    [{ NODE_ENV: 'production' }, 'FX_MASTER_KEY'],
  ])('refuses %o naming the variable', (env, variable) => {
    expect(() => loadConfig(env as Record<string, string>, [])).toThrow(ConfigError);
    try {
      loadConfig(env as Record<string, string>, []);
    } catch (e) {
      expect((e as ConfigError).variable).toBe(variable);
    }
  });

  it('--worker-only runs no API; FX_TRUSTED_DOCUMENTS=enforce is read', () => {
    expect(loadConfig({}, ['--worker-only']).worker).toMatchObject({ api: false, enabled: true });
    expect(loadConfig({ FX_TRUSTED_DOCUMENTS: 'enforce' }, []).trustedDocuments).toBe('enforce');
  });
});
