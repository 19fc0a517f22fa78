import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/spawn.js';

describe('the committed client and persisted-operations manifest', () => {
  it('are what `npm run codegen` generates from schema/facturaxpress.graphql and schema/operations', async () => {
    const { config } = await loadCodegenConfig({ configFilePath: path.join(repoRoot, 'codegen.yml') });
    const files = (await generate({ ...config, cwd: repoRoot, silent: true }, false)) as {
      filename: string;
      content: string;
    }[];
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const committed = readFileSync(path.resolve(repoRoot, f.filename), 'utf8');
      expect(committed, `${f.filename} is stale: run \`npm run codegen\` and commit it`).toBe(f.content);
    }
  }, 60_000);
});
