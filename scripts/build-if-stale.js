// prestart/preworker/…: compile only when a source is newer than the last build (a no-op start skips tsc entirely,
// keeping `npm start` well under 10 s); the first build normally happens at `npm install` (the "prepare" script).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const stamp = 'dist/.tsbuildinfo';
// A production image ships dist/ without the sources: nothing to rebuild.
if (!existsSync('src') && existsSync('dist/src/main.js')) process.exit(0);
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const sources = Math.max(
  newest('src'),
  newest('bench'),
  statSync('tsconfig.json').mtimeMs,
  statSync('tsconfig.build.json').mtimeMs,
);
if (existsSync(stamp) && statSync(stamp).mtimeMs >= sources) process.exit(0);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
