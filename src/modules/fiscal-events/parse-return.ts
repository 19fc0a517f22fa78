import { ValidationError } from '../../core/errors.js';
import { join, Reader, type Obj } from '../../dte/input/reader.js';
import { type Dec, ZERO } from '../../dte/money.js';

/** MH's schema: 1–50 related documents per event, 1–2000 lines. */
const MAX_DOCUMENTS = 50;
const MAX_LINES = 2000;

export interface ReturnRequest {
  referenciaExterna: string;
  documents: { invoiceId: string; lines: { numItem: number; cantidad: Dec }[] }[];
  apendice: { campo: string; etiqueta: string; valor: string }[] | null;
}

function parseLines(r: Reader, d: Obj, p: string): ReturnRequest['documents'][number]['lines'] {
  return (r.array(d, 'lines', p, { required: true, min: 1 }) ?? []).map((l, j) => {
    const lp = join(join(p, 'lines'), j);
    const lo: Obj = r.isObj(l) ? l : {};
    return {
      numItem: r.int(lo, 'numItem', lp, { required: true, min: 1, max: 2000 }) ?? 0,
      cantidad: r.decimal(lo, 'cantidad', lp, { required: true, positive: true }) ?? ZERO,
    };
  });
}

function parseApendice(r: Reader, o: Obj): ReturnRequest['apendice'] {
  const list = (r.array(o, 'apendice', '', { required: false, min: 1, max: 10 }) ?? []).map((a, i) => {
    const ao: Obj = r.isObj(a) ? a : {};
    const p = join('apendice', i);
    return {
      campo: r.str(ao, 'campo', p, { required: true, max: 25 }) ?? '',
      etiqueta: r.str(ao, 'etiqueta', p, { required: true, max: 50 }) ?? '',
      valor: r.str(ao, 'valor', p, { required: true, max: 150 }) ?? '',
    };
  });
  return list.length ? list : null;
}

/** Each document once (all its lines under it), each line once per document, at most 2000 lines in all. */
function checkUnique(r: Reader, documents: ReturnRequest['documents']): void {
  const lines = documents.reduce((n, d) => n + d.lines.length, 0);
  if (lines > MAX_LINES) r.add('documents', 'TOO_MANY', `an Evento de Retorno carries at most ${MAX_LINES} lines`);
  const ids = documents.map((d) => d.invoiceId);
  documents.forEach((d, i) => {
    const p = join('documents', i);
    if (ids.indexOf(d.invoiceId) !== i)
      r.add(join(p, 'invoiceId'), 'DUPLICATE', 'each document appears once; list all its lines under it');
    d.lines.forEach((l, j) => {
      if (d.lines.findIndex((x) => x.numItem === l.numItem) !== j)
        r.add(join(join(p, 'lines'), j), 'DUPLICATE', `line ${l.numItem} appears twice`);
    });
  });
}

/** The Retorno body: `{ referenciaExterna, documents: [{ invoiceId, lines: [{ numItem, cantidad }] }], apendice? }`. */
export function parseReturn(body: unknown): ReturnRequest {
  const r = new Reader();
  const o: Obj = r.isObj(body) ? body : {};
  const referenciaExterna = r.str(o, 'referenciaExterna', '', { required: true, max: 100 }) ?? '';
  const docs = r.array(o, 'documents', '', { required: true, min: 1, max: MAX_DOCUMENTS }) ?? [];
  const documents = docs.map((d, i) => {
    const dd: Obj = r.isObj(d) ? d : {};
    const p = join('documents', i);
    return { invoiceId: r.str(dd, 'invoiceId', p, { required: true }) ?? '', lines: parseLines(r, dd, p) };
  });
  checkUnique(r, documents);
  const apendice = parseApendice(r, o);
  if (r.issues.length) throw new ValidationError(r.issues);
  return { referenciaExterna, documents, apendice };
}
