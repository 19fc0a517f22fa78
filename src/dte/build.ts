// buildDte and the small document-level helpers used by the emission use case, the queue and the sandbox.
import { isContingencyAllowed } from './events/deadlines.js';
import { parseEmission } from './input/parse.js';
import type { EmissionInput } from './input/types.js';
import type { Contingencia, DteDocument, DteIssue, Emisor, IdentificationContext, Result, TipoDte } from './model.js';
import { MODULES } from './types/registry.js';
import { validateDte } from './validate/index.js';

/** Builds the MH document for input.tipoDte. Assumes input came from parseEmission (it does not re-validate). */
export function buildDte(input: EmissionInput, emisor: Emisor, ident: IdentificationContext): DteDocument {
  const mod = MODULES[input.tipoDte];
  if (!mod) throw new Error(`buildDte: tipoDte ${input.tipoDte} is not supported`);
  if (ident.contingencia && !isContingencyAllowed(input.tipoDte)) {
    throw new Error(`buildDte: tipoDte ${input.tipoDte} cannot be issued in contingency (MH contingency rules)`);
  }
  return mod.build(input, emisor, ident);
}

/** parse → build → validateDte, for `fx dte:preview` and integrators' dry runs. */
export function previewEmission(body: unknown, emisor: Emisor, ident: IdentificationContext): Result<DteDocument> {
  const parsed = parseEmission(body);
  if (!parsed.ok) return parsed;
  if (ident.contingencia && !isContingencyAllowed(parsed.value.tipoDte)) {
    return {
      ok: false,
      issues: [
        {
          path: 'tipoDte',
          code: 'CONTINGENCY_NOT_ALLOWED',
          message: `tipoDte ${parsed.value.tipoDte} cannot be issued in contingency (MH contingency rules)`,
        },
      ],
    };
  }
  const doc = buildDte(parsed.value, emisor, ident);
  const issues: DteIssue[] = validateDte(doc);
  return issues.length ? { ok: false, issues } : { ok: true, value: doc };
}

/**
 * Turns a built document into its contingency version: tipoModelo 2 (diferido), tipoOperacion 2, tipoContingencia
 * (CAT-005) and motivoContin (required for 5). Returns a copy.
 */
export function toContingency(doc: DteDocument, c: Contingencia): DteDocument {
  const idn = doc['identificacion'] as Record<string, unknown> | undefined;
  const tipo = idn?.['tipoDte'] as TipoDte | undefined;
  if (!idn || !tipo || !isContingencyAllowed(tipo) || !('tipoContingencia' in idn)) {
    throw new Error(`toContingency: tipoDte ${String(tipo)} cannot be issued in contingency (MH contingency rules)`);
  }
  if (c.tipoContingencia === 5 && !c.motivoContin)
    throw new Error('toContingency: tipoContingencia 5 requires motivoContin');
  const copy = structuredClone(doc);
  Object.assign(copy['identificacion'] as Record<string, unknown>, {
    tipoModelo: 2,
    tipoOperacion: 2,
    tipoContingencia: c.tipoContingencia,
    motivoContin: c.motivoContin,
  });
  return copy;
}
