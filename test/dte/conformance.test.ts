// Conformance suite: builds every type over the case matrix (normal and contingency) and validates each document with
// ajv (draft-07 + ajv-formats) against MH's official Normativa 2.0 schemas in ../shared/mh/schemas/normativa-2.0
// (beside the repository). ND v4 is validated against a corrected copy of MH's file, made in memory — see
// official-schemas.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isContingencyAllowed,
  previewEmission,
  type TipoDte,
  toContingency,
  validateDte,
} from '../../src/dte/index.js';
import { CASES } from './cases.js';
import { EMISOR, ident } from './fixtures.js';
import { officialValidator, present, ROOT, SCHEMA_FILES } from './official-schemas.js';

describe.skipIf(!present)('conformance with the official Normativa 2.0 schemas', () => {
  it('the ND v4 defect is real (so the correction above is needed)', () => {
    const raw = readFileSync(path.join(ROOT, SCHEMA_FILES['06']), 'utf8');
    expect(raw).toContain('""');
  });
  for (const [tipo, cases] of Object.entries(CASES) as [TipoDte, NonNullable<(typeof CASES)[TipoDte]>][]) {
    describe(`tipoDte ${tipo}`, () => {
      for (const c of cases) {
        const modes = isContingencyAllowed(tipo) ? ['normal', 'contingencia'] : ['normal'];
        for (const mode of modes) {
          it(`${c.name} (${mode})`, () => {
            const r = previewEmission(c.body, EMISOR, ident(tipo));
            if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 1));
            const doc =
              mode === 'normal'
                ? r.value
                : toContingency(r.value, { tipoContingencia: 5, motivoContin: 'Corte de energía en la clínica' });
            expect(validateDte(doc)).toEqual([]);
            const v = officialValidator(tipo);
            const ok = v(doc);
            if (!ok) throw new Error(JSON.stringify(v.errors, null, 1));
          });
        }
      }
    });
  }
});
