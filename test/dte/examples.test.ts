// Every documented example body (examples/dte/<tipoDte>-<name>.json, also in docs/dte-input.md) builds a valid
// document.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { previewEmission, TIPOS_DTE, type TipoDte } from '../../src/dte/index.js';
import { EMISOR, ident } from './fixtures.js';
import { officialValidator, present } from './official-schemas.js';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/dte');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('examples/dte', () => {
  it('one example per type', () => {
    expect(files.map((f) => f.slice(0, 2)).sort()).toEqual([...TIPOS_DTE].sort());
  });
  it('docs/dte-input.md embeds every example verbatim', () => {
    const doc = readFileSync(path.resolve(DIR, '../../docs/dte-input.md'), 'utf8');
    for (const f of files) expect(doc).toContain(readFileSync(path.join(DIR, f), 'utf8').trim());
  });
  it.each(files)('%s', (file) => {
    const body = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as Record<string, unknown>;
    const tipo = file.slice(0, 2) as TipoDte;
    expect(body['tipoDte']).toBe(tipo);
    const r = previewEmission(body, EMISOR, ident(tipo, 42));
    if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 1));
    if (present) {
      const v = officialValidator(tipo);
      expect(v(r.value) ? [] : v.errors).toEqual([]);
    }
  });
});
