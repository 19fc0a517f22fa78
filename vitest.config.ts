import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
// Vitest 5 caches transformed modules on disk, keyed on the config and its imports but not on tsconfig.json,
// whose decorator options drive the transform. Importing it makes tsconfig.json part of the cache key.
import './tsconfig.json' with { type: 'json' };

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql@16 ships CJS + ESM without an exports map: pin every bare import to the copy Node loads,
    // or type-graphql/@apollo (externalized, CJS) and the tests (ESM) see two realms.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
