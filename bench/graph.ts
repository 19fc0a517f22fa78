// emitInvoice through the whole HTTP stack (auth, Apollo, persisted operation by hash, validation, numbering,
// one transaction) at 64 concurrent clients, against a trivial mutation (`mutation { __typename }`: the same HTTP,
// auth and Apollo path, no use case) on the same server in the same run. The ratio is the cost of the use case.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EmitInvoiceDocument } from '../src/client/index.js';
import { restRoutes } from '../src/http/rest.js';
import { buildGraphQLSchema } from '../src/schema.js';
import { startServer } from '../src/server.js';
import { benchEnv, percentile } from './support.js';

const CLIENTS = 64;
const EMITS = 3000;
const TRIVIAL = 6000;

interface Run {
  ops: number;
  seconds: number;
  p50: number;
  p99: number;
  failures: number;
}

async function load(total: number, send: (i: number) => Promise<boolean>): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t0 = performance.now();
        if (!(await send(i))) failures++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { ops: total, seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures };
}

const line = (name: string, r: Run) =>
  `  ${name.padEnd(28)} ${String(Math.round(r.ops / r.seconds)).padStart(6)} ops/s   ` +
  `p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(7)} ms   failures ${r.failures}`;

export async function benchGraph(): Promise<void> {
  const env = await benchEnv({}, { events: true });
  const schema = await buildGraphQLSchema();
  const server = await startServer(env.app, { schema, port: 0, routes: restRoutes(env.app) });
  const url = `${server.url}/graphql`;
  const headers = { 'content-type': 'application/json', 'x-api-key': env.apiKey };
  const hash = (EmitInvoiceDocument as unknown as { __meta__: { hash: string } }).__meta__.hash.replace('sha256:', '');
  const example = JSON.parse(readFileSync(new URL('../../examples/dte/01-factura.json', import.meta.url), 'utf8'));
  const run = randomBytes(4).toString('hex');
  const post = async (body: unknown, check: (j: any) => boolean) => {
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    return res.ok && check(await res.json());
  };
  try {
    // warm-up
    await load(200, () => post({ query: 'mutation { __typename }' }, (j) => j.data?.__typename === 'Mutation'));
    const trivial = await load(TRIVIAL, () =>
      post({ query: 'mutation { __typename }' }, (j) => j.data?.__typename === 'Mutation'),
    );
    const emit = await load(EMITS, (i) =>
      post(
        {
          variables: { input: { ...example, referenciaExterna: `BENCH-${run}-${i}` } },
          extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
        },
        (j) => j.data?.emitInvoice?.__typename === 'Invoice',
      ),
    );
    console.log(`\ngraph: ${CLIENTS} concurrent clients over HTTP, one server process, embedded PostgreSQL`);
    console.log(line('mutation { __typename }', trivial));
    console.log(line('emitInvoice (FE, 3 items)', emit));
    console.log(
      `  emitInvoice throughput = ${((emit.ops / emit.seconds / (trivial.ops / trivial.seconds)) * 100).toFixed(1)} ` +
        `% of the trivial mutation; p50 ×${(emit.p50 / trivial.p50).toFixed(1)}`,
    );
  } finally {
    await server.close();
    await env.close();
  }
}
