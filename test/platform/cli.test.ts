import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/db.js';
import { validNit } from '../helpers/app.js';
import { runTs } from '../helpers/spawn.js';

describe('npm run fx (CLI) against a real database', () => {
  it('creates and lists tenants, creates and revokes keys; non-zero exit codes on errors', async () => {
    const env = { DATABASE_URL: await createTestDatabase('cli') };
    const nit = validNit();
    const create = await runTs(
      'src/cli.ts',
      [
        'tenant:create',
        '--nit',
        nit,
        '--nrc',
        '1234567',
        '--nombre',
        'Lab CLI',
        '--cod-actividad',
        '86901',
        '--desc-actividad',
        'Laboratorio',
        '--departamento',
        '06',
        '--municipio',
        '23',
        '--distrito',
        '14',
        '--complemento',
        'Calle 2',
        '--telefono',
        '22224444',
        '--correo',
        'lab@cli.example',
      ],
      env,
    );
    expect(create.stderr).toBe('');
    expect(create.code).toBe(0);
    expect(create.stdout).toMatch(new RegExp(`created tenant [0-9a-f-]{36} \\(NIT ${nit}`));

    const dup = await runTs(
      'src/cli.ts',
      [
        'tenant:create',
        '--nit',
        nit,
        '--nrc',
        '1234567',
        '--nombre',
        'Otra',
        '--cod-actividad',
        '86901',
        '--desc-actividad',
        'Lab',
        '--departamento',
        '06',
        '--municipio',
        '23',
        '--distrito',
        '14',
        '--complemento',
        'x',
        '--telefono',
        '22224444',
        '--correo',
        'lab@cli.example',
      ],
      env,
    );
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('DUPLICATE_TENANT_NIT');

    const key = await runTs('src/cli.ts', ['key:create', '--tenant', nit, '--name', 'sigma-server'], env);
    expect(key.code).toBe(0);
    expect(key.stdout).toMatch(/^FX_API_KEY=fx_test_/m);
    const keyId = key.stdout.match(/created API key ([0-9a-f-]{36})/)![1]!;

    const revoke = await runTs('src/cli.ts', ['key:revoke', keyId], env);
    expect(revoke.code).toBe(0);
    const wrong = await runTs('src/cli.ts', ['key:revoke', 'not-an-id'], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/error NOT_FOUND/);
    expect(wrong.stderr).toMatch(/INVALID_ID/);
    expect(wrong.stderr).not.toMatch(/invalid input syntax|select /i);
    const list = await runTs('src/cli.ts', ['key:list', '--tenant', nit], env);
    expect(list.stdout).toContain(`${keyId}`);
    expect(list.stdout).toContain('revoked');

    const badScope = await runTs('src/cli.ts', ['key:create', '--tenant', nit, '--name', 'x', '--scopes', 'nope'], env);
    expect(badScope.code).toBe(1);
    expect(badScope.stderr).toContain('UNKNOWN_SCOPE');

    const usage = await runTs('src/cli.ts', ['key:create', '--name', 'x'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--tenant is required');

    const tenants = await runTs('src/cli.ts', ['tenant:list'], env);
    expect(tenants.stdout).toContain(nit);
  }, 120_000);
});

describe('start-up failures', () => {
  it('an unreachable DATABASE_URL: a clear message and exit code 3, no stack trace', async () => {
    const r = await runTs('src/main.ts', [], {
      DATABASE_URL: 'postgresql://postgres:secret@127.0.0.1:1/nothing',
      PORT: '0',
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('cannot reach PostgreSQL at postgresql://postgres:***@127.0.0.1:1/nothing');
    expect(r.stderr).not.toContain('secret');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a bad configuration value: exit code 2', async () => {
    const r = await runTs('src/main.ts', [], { PORT: 'eighty' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PORT');
  });
});
