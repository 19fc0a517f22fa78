// The contract every document type implements: parse its specific body parts, build the document, and describe its
// structure + arithmetic for validateDte.
import type { Obj, Reader } from '../input/reader.js';
import type { EmissionInput } from '../input/types.js';
import type { DteDocument, DteIssue, Emisor, IdentificationContext, TipoDte } from '../model.js';
import type { ObjShape } from '../validate/shape.js';

export interface DteTypeModule {
  tipoDte: TipoDte;
  parse(r: Reader, body: Obj, input: EmissionInput): void;
  build(input: EmissionInput, emisor: Emisor, ident: IdentificationContext): DteDocument;
  shape: ObjShape;
  /** Semantic + arithmetic checks beyond the structure (catalogs, identity docs, sums within ±0.01). */
  check(doc: Obj, out: DteIssue[]): void;
}
