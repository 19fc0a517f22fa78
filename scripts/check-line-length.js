// `npm run lint`: fails when a line of a .ts/.js/.json file we own is longer than 120 characters (the formatter
// wraps code but not comments or string literals). Generated files are skipped, as in biome.jsonc.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX = 120;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dirs = ['src', 'test', 'bench', 'scripts', 'examples'];
const skip = new Set(['node_modules', 'dist', 'src/client/generated', 'src/db/migrations', 'package-lock.json']);
const owned = /\.(ts|js|mjs|cjs|json|jsonc)$/;

function* walk(rel) {
  for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (skip.has(child) || entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) {
      if (rel || dirs.includes(child)) yield* walk(child);
    } else if (owned.test(entry.name)) yield child;
  }
}

const long = [];
for (const file of walk('')) {
  const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
  lines.forEach((line, i) => {
    const width = [...line.replace(/\r$/, '')].length;
    if (width > MAX) long.push(`${file}:${i + 1}: ${width} characters`);
  });
}
if (long.length) {
  console.error(long.join('\n'));
  console.error(`\n${long.length} line(s) longer than ${MAX} characters: wrap them (\`npm run format\` wraps code).`);
  process.exitCode = 1;
}
