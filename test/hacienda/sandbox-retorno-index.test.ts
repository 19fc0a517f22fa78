// The sandbox finds the Retornos standing against a document through an index of what each Retorno relates: the same
// documents, in the same order, as reading every stored document.
import { describe, expect, it } from 'vitest';
import { sealedRetornos } from '../../src/hacienda/sandbox/normativa2-events.js';
import type { SandboxJournal } from '../../src/hacienda/sandbox/journal.js';
import { SandboxState, type JournalEntry, type StoredDocument } from '../../src/hacienda/sandbox/state.js';
import type { DteAnswer } from '../../src/hacienda/sandbox/responses.js';
import { xorshift } from '../helpers/xorshift.js';

/** Every stored document that is a sealed, standing Retorno of `nit` relating `codigo`, read one by one (as before). */
function bruteForce(state: SandboxState, nit: string, codigo: string): StoredDocument[] {
  const list = (v: unknown) =>
    Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Record<string, unknown>[]) : [];
  return [...state.documents.values()].filter(
    (d) =>
      d.nit === nit &&
      d.tipoDte === '18' &&
      d.estado === 'PROCESADO' &&
      !d.invalidated &&
      list(d.doc?.documentoRelacionado).some((r) => r.codigoGeneracion === codigo),
  );
}

class MemoryJournal {
  entries: JournalEntry[] = [];
  write(e: JournalEntry) {
    this.entries.push(JSON.parse(JSON.stringify(e)) as JournalEntry);
  }
  read() {
    return this.entries;
  }
}

describe("the sandbox's index of Retornos", () => {
  it('finds what a scan of every stored document finds, through re-sent codes, invalidations and a restart', () => {
    const next = xorshift(0x3c6ef372);
    const journal = new MemoryJournal();
    const state = new SandboxState(() => new Date(), journal as unknown as SandboxJournal<JournalEntry>);
    const nits = ['06140101001011', '06140202002022'];
    const originals = Array.from({ length: 40 }, (_, i) => `ORIG-${i}`);
    const codes = Array.from({ length: 160 }, (_, i) => `DOC-${i}`);
    const pick = <T>(a: readonly T[]) => a[next() % a.length]!;
    const related = (): unknown => {
      const r = next() % 10;
      if (r === 0) return null; // no list
      if (r === 1) return 'not a list';
      return Array.from({ length: next() % 4 }, () => {
        const k = next() % 8;
        if (k === 0) return null;
        if (k === 1) return { codigoGeneracion: 7 };
        if (k === 2) return { tipoDocumento: '01' };
        return { tipoDocumento: '01', codigoGeneracion: pick(originals) };
      });
    };
    for (let step = 0; step < 3000; step++) {
      const r = next() % 20;
      if (r === 0) {
        state.saveInvalidation(`INV-${step}`, pick(codes));
        continue;
      }
      // a code may come again (a rejected document sent again, as another type or with other relations)
      const codigo = pick(codes);
      const doc = next() % 15 === 0 ? null : { documentoRelacionado: related() };
      state.saveDocument({
        nit: pick(nits),
        tipoDte: next() % 3 === 0 ? '01' : '18',
        codigoGeneracion: codigo,
        estado: next() % 4 === 0 ? 'RECHAZADO' : 'PROCESADO',
        answer: {} as DteAnswer,
        doc,
        selloRecibido: null,
        invalidated: false,
      });
      if (step % 100 === 99) {
        for (const nit of nits) {
          for (const o of [...originals, 'NONE']) {
            const want = bruteForce(state, nit, o);
            const got = sealedRetornos(state, nit, o);
            expect(got.map((d) => d.codigoGeneracion)).toEqual(want.map((d) => d.codigoGeneracion));
            for (const [i, d] of got.entries()) expect(d).toBe(want[i]);
          }
        }
      }
    }
    // A sandbox started again from the journal finds the same.
    const again = new SandboxState(() => new Date(), journal as unknown as SandboxJournal<JournalEntry>);
    let found = 0;
    for (const nit of nits) {
      for (const o of originals) {
        const want = bruteForce(again, nit, o).map((d) => d.codigoGeneracion);
        expect(sealedRetornos(again, nit, o).map((d) => d.codigoGeneracion)).toEqual(want);
        expect(want).toEqual(sealedRetornos(state, nit, o).map((d) => d.codigoGeneracion));
        found += want.length;
      }
    }
    expect(found).toBeGreaterThan(10);
  });
});
