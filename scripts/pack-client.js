// `npm run client:pack`: the typed client as its own small package (name `facturaxpress`, import path
// `facturaxpress/client`, JavaScript + .d.ts declarations, only the client's dependencies), in dist/client-package/
// and as the tarball dist/facturaxpress-<version>.tgz. Install it in a SIGMA server with
// `npm install /path/to/facturaxpress-<version>.tgz` or `"facturaxpress": "file:/path/to/dist/client-package"`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// `--out <dir>`: where to put client-package/ and the tarball (default dist).
const outIndex = process.argv.indexOf('--out');
const dest = outIndex > 0 ? process.argv[outIndex + 1] : 'dist';
const out = path.join(dest, 'client-package');
const root = JSON.parse(readFileSync('package.json', 'utf8'));
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const installed = (name) => lock.packages[`node_modules/${name}`]?.version ?? root.dependencies[name];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const built = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.client.json', '--outDir', path.join(out, 'dist')], {
  stdio: 'inherit',
});
if (built.status !== 0) process.exit(built.status ?? 1);

const pkg = {
  name: root.name,
  version: root.version,
  description: 'Typed GraphQL client of FacturaXpress (El Salvador DTE engine) for SIGMA servers',
  type: 'module',
  exports: { './client': { types: './dist/index.d.ts', default: './dist/index.js' } },
  files: ['dist', 'README.md'],
  engines: { node: '>=22' },
  dependencies: Object.fromEntries(
    ['graphql', 'graphql-ws', '@graphql-typed-document-node/core'].map((n) => [n, installed(n)]),
  ),
};
writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
writeFileSync(path.join(out, 'README.md'), readFileSync('docs/client.md', 'utf8'));
const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', dest, path.resolve(out)], {
  encoding: 'utf8',
  shell: false,
});
if (packed.status !== 0) {
  process.stderr.write(packed.stderr);
  process.exit(packed.status ?? 1);
}
process.stdout.write(`${path.join(dest, packed.stdout.trim().split('\n').pop())}\n`);
