import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';

/** FX_FUZZ_RUNS scales every property (default 60 runs each; the machine is shared). */
export const RUNS = Number(process.env.FX_FUZZ_RUNS ?? 60);
/** FX_FUZZ_SEED replays a failing run (fast-check prints the seed with the counterexample). */
export const SEED = process.env.FX_FUZZ_SEED ? Number(process.env.FX_FUZZ_SEED) : undefined;
export const fcOptions = { numRuns: RUNS, seed: SEED, endOnFailure: true } as const;

export function exampleBody(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../examples/dte/${name}.json`, import.meta.url), 'utf8'));
}

const nastyChar = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u0007',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u202e',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\ud83d\ude00',
  'é',
  'ñ',
  '"',
  '\\',
  "'",
  '<',
  '%',
  '$',
  '{',
  'a',
  '0',
  ' ',
  '\n',
  '\t',
);
/** Strings of control characters, lone surrogates, quotes, bidi marks… mixed with ordinary text. */
export const nastyString = fc.oneof(
  fc.string({ unit: nastyChar, maxLength: 40 }),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    'NaN',
    'Infinity',
    '-0',
    '1e999',
    '0x10',
    '１２',
    '٣',
    '12345678-4',
    '00000000-0',
    '__proto__',
    'constructor',
  ),
  fc.integer({ min: 200, max: 20_000 }).map((n) => 'x'.repeat(n)),
);

/** Numbers JSON can carry that a tax engine must still refuse politely. */
export const nastyNumber = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    0.1 + 0.2,
    1e-320,
    5e-324,
    1e21,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    123.456789012345,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

/** Deep and wide values: nesting far beyond any document, arrays of thousands. */
export const deepOrWide = fc.oneof(
  fc.tuple(fc.integer({ min: 10, max: 3000 }), fc.boolean()).map(([d, arr]) => nested(d, 'x', arr)),
  fc
    .integer({ min: 100, max: 5000 })
    .map((n) => Array.from({ length: n }, (_, i) => ({ descripcion: `i${i}`, cantidad: 1, precio: 1 }))),
  fc.integer({ min: 100, max: 3000 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
);

export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 3, arbitrary: nastyNumber },
  {
    weight: 1,
    arbitrary: fc.constantFrom(null, true, false, {}, [], [null], { __proto__: { x: 1 } }, { constructor: 'x' }),
  },
  { weight: 1, arbitrary: deepOrWide },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Every path (as keys) into a JSON value, the root included. */
export function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push(...pathsOf(v, [...prefix, i]));
    });
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

/** A copy of `body` with the value at `path` replaced (or, with `add`, a new sibling field added there). */
export function mutate(body: unknown, path: (string | number)[], value: unknown, add?: string): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  if (!path.length) return add ? { ...copy, [add]: value } : value;
  let at: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (add && at[last] && typeof at[last] === 'object' && !Array.isArray(at[last]))
    (at[last] as Record<string, unknown>)[add] = value;
  else at[last] = value;
  return copy;
}

/** A mutated example body: one field replaced, added or removed. */
export function mutatedBody(bodies: Record<string, unknown>[]): fc.Arbitrary<unknown> {
  return fc.constantFrom(...bodies).chain((body) => {
    const paths = pathsOf(body);
    return fc
      .tuple(
        fc.constantFrom(...paths),
        nastyValue,
        fc.constantFrom(undefined, 'extra', 'descuentos', '__proto__', 'constructor'),
        fc.boolean(),
      )
      .map(([path, value, add, remove]) => {
        if (remove && path.length) {
          const copy = structuredClone(body);
          let at = copy as Record<string | number, unknown>;
          for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
          if (Array.isArray(at)) at.splice(Number(path[path.length - 1]), 1);
          else delete at[path[path.length - 1]!];
          return copy;
        }
        return mutate(body, path, value, add);
      });
  });
}

/** JSON text with numbers JSON.stringify cannot produce (1e400, 400 digits) or broken syntax. */
export function rawBodyText(body: Record<string, unknown>): fc.Arbitrary<string> {
  const text = JSON.stringify(body);
  return fc.oneof(
    fc
      .constantFrom('1e400', '-1e400', `1${'0'.repeat(400)}`, `0.${'0'.repeat(400)}1`, '1.7976931348623157e309')
      .map((n) => text.replace(/(:\s*)\d+(\.\d+)?/, `$1${n}`)),
    fc.integer({ min: 0, max: text.length }).map((cut) => text.slice(0, cut)),
    fc.string({ maxLength: 200 }),
    fc.constantFrom(
      '',
      'null',
      '[]',
      '"x"',
      '{"a":}',
      '{"tipoDte":"01",}',
      '\u0000',
      '{"__proto__":{"tipoDte":"03"}}',
      '{"constructor":{"prototype":{}}}',
    ),
  );
}

/** A response that is never a crash: below 500, JSON, and (for errors) the one error shape with a request id. */
export async function expectRestShape(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  expect(res.status, `${what} → ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status === 200 && !(res.headers.get('content-type') ?? '').includes('json')) return null;
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${what} → ${res.status} not JSON: ${text.slice(0, 200)}`);
  }
  if (res.status >= 400) {
    expect(json?.error, `${what} → ${text.slice(0, 300)}`).toMatchObject({
      code: expect.any(String),
      message: expect.any(String),
      requestId: expect.any(String),
    });
    expect(json.error.code, what).not.toBe('INTERNAL');
  }
  return json;
}

export async function expectGraphQLShape(res: Response, what: string): Promise<any> {
  const text = await res.text();
  expect(res.status, `${what} → ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${what} → ${res.status} not JSON: ${text.slice(0, 200)}`);
  }
  for (const e of json.errors ?? []) {
    expect(e.extensions?.code, `${what} → ${JSON.stringify(e).slice(0, 300)}`).toEqual(expect.any(String));
    expect(e.extensions.code, `${what} → ${JSON.stringify(e).slice(0, 300)}`).not.toMatch(
      /^(INTERNAL|INTERNAL_SERVER_ERROR)$/,
    );
    expect(e.extensions.requestId, `${what} → ${JSON.stringify(e).slice(0, 300)}`).toEqual(expect.any(String));
  }
  return json;
}

/** Polls /healthz in the background; `stop()` returns every latency measured (ms). */
export function watchHealth(url: string, everyMs = 20) {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const res = await fetch(`${url}/healthz`);
      await res.text();
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return latencies;
    },
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
