// `npm run schema`: writes the subgraph SDL to schema/facturaxpress.graphql (committed; a test fails when it is stale).
import { writeFileSync } from 'node:fs';
import { subgraphSdl } from './schema.js';

const target = process.argv[2] ?? 'schema/facturaxpress.graphql';
writeFileSync(target, await subgraphSdl());
console.log(`wrote ${target}`);
