import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';
import { createTestDatabase } from '../helpers/db.js';
import { repoRoot } from '../helpers/spawn.js';

// The production image: it builds, its start serves (against this run's PostgreSQL, host network), the runtime user
// writes its data volume, and the CLI works inside it. Needs a Docker daemon; skipped with a message where there is
// none.
const docker = (args: string[], timeoutMs = 60_000) => {
  const r = spawnSync('docker', args, { cwd: repoRoot, encoding: 'utf8', timeout: timeoutMs });
  return { code: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
};
const available = docker(['info'], 20_000).code === 0;
if (!available)
  console.warn(
    '[docker.test] skipped: no Docker daemon here (the image build/run test needs `docker info` to succeed)',
  );

const tag = `facturaxpress-test:${randomBytes(4).toString('hex')}`;
let container = '';
afterAll(() => {
  if (!available) return;
  if (container) docker(['rm', '-f', container]);
  docker(['rmi', '-f', tag]);
});

describe.skipIf(!available)('the Docker image (skipped without a Docker daemon)', () => {
  it(
    'builds, starts serving, writes /app/.data, and runs `npm run fx -- tenant:list`',
    async () => {
      const build = docker(['build', '-t', tag, '.'], 20 * 60_000);
      expect(build.code, build.out.slice(-3000)).toBe(0);

      const port = await freePort();
      const env = {
        DATABASE_URL: await createTestDatabase('docker'),
        PORT: String(port),
        HOST: '127.0.0.1',
        FX_MH_BASE_URL: 'mh',
        FX_MASTER_KEY: randomBytes(32).toString('base64'),
        FX_ADMIN_KEY: `admin-${randomBytes(16).toString('hex')}`,
      };
      const envArgs = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
      const run = docker([
        'run',
        '-d',
        '--network',
        'host',
        ...envArgs,
        '-v',
        `${path.join(repoRoot, 'examples/tenant.json')}:/tmp/tenant.json:ro`,
        tag,
      ]);
      expect(run.code, run.out).toBe(0);
      container = run.out.trim().split('\n').pop()!;

      let ready = 0;
      for (
        const until = Date.now() + 90_000;
        ready !== 200 && Date.now() < until;
        await new Promise((r) => setTimeout(r, 500))
      ) {
        ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.status,
          () => 0,
        );
      }
      expect(ready, docker(['logs', container]).out.slice(-3000)).toBe(200);

      expect(docker(['exec', container, 'sh', '-c', 'touch /app/.data/probe && id -un']).out.trim()).toBe('node');
      const create = docker([
        'exec',
        container,
        'npm',
        'run',
        '--silent',
        'fx',
        '--',
        'tenant:create',
        '--file',
        '/tmp/tenant.json',
      ]);
      expect(create.code, create.out).toBe(0);
      const list = docker(['exec', container, 'npm', 'run', '--silent', 'fx', '--', 'tenant:list']);
      expect(list.code, list.out).toBe(0);
      expect(list.out).toContain('HOSPITAL DE EJEMPLO');
    },
    25 * 60_000,
  );
});
