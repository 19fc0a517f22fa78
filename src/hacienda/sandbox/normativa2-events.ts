// What MH checks beyond the schema on Normativa 2.0's new events, received through recepciondte with tipoDte = the
// event's tipoEvento: a Retorno (18) relates FE/FEX/FSE documents of the same emisor that MH sealed and that are not
// invalidated, and never returns more of a line than was sold across all its sealed returns; an Operaciones
// Especiales event (17) may only refer to a sealed event of the same kind. And an invalidation is refused while a
// sealed Retorno stands against the document.
import { CODES } from './responses.js';
import type { SandboxState, StoredDocument } from './state.js';

type O = Record<string, unknown>;
const list = (v: unknown): O[] => (Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as O[]) : []);
const n = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** The sealed, standing Retornos (18) of the emisor that relate `codigo`, in the order they were first stored. */
export function sealedRetornos(state: SandboxState, nit: string, codigo: string): StoredDocument[] {
  return state
    .retornosRelating(codigo)
    .filter(
      (d) =>
        d.nit === nit &&
        d.tipoDte === '18' &&
        d.estado === 'PROCESADO' &&
        !d.invalidated &&
        list(d.doc?.documentoRelacionado).some((r) => r.codigoGeneracion === codigo),
    );
}

/** A line is identified by its description, price and unit (the event does not carry the original numItem). */
const key = (l: O) => `${String(l.descripcion)}|${n(l.precioUni)}|${n(l.uniMedida)}`;

function sold(doc: O | null): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of list(doc?.cuerpoDocumento)) out.set(key(l), (out.get(key(l)) ?? 0) + n(l.cantidad));
  return out;
}

function retornoProblem(state: SandboxState, nit: string, doc: O): [string, string] | null {
  const items = list(doc.cuerpoDocumento);
  for (const [i, r] of list(doc.documentoRelacionado).entries()) {
    const codigo = String(r.codigoGeneracion);
    const orig = state.documents.get(codigo);
    if (!orig || orig.nit !== nit || orig.estado !== 'PROCESADO' || orig.tipoDte !== r.tipoDocumento) {
      return [
        CODES.NO_EXISTE,
        `[documentoRelacionado[${i}].codigoGeneracion] NO EXISTE UN DOCUMENTO PROCESADO CON ESE VALOR PARA EL EMISOR`,
      ];
    }
    if (orig.invalidated)
      return [CODES.VALIDACION, `[documentoRelacionado[${i}].codigoGeneracion] EL DOCUMENTO FUE INVALIDADO`];
    const left = sold(orig.doc);
    for (const prev of sealedRetornos(state, nit, codigo)) {
      for (const l of list(prev.doc?.cuerpoDocumento).filter((x) => x.codigoGeneracion === codigo))
        left.set(key(l), (left.get(key(l)) ?? 0) - n(l.cantidad));
    }
    for (const [j, l] of items.entries()) {
      if (l.codigoGeneracion !== codigo) continue;
      const k = key(l);
      if (!left.has(k))
        return [CODES.VALIDACION, `[cuerpoDocumento[${j}]] EL ITEM NO CORRESPONDE AL DOCUMENTO RELACIONADO`];
      left.set(k, left.get(k)! - n(l.cantidad));
      if (left.get(k)! < -1e-8)
        return [CODES.VALIDACION, `[cuerpoDocumento[${j}].cantidad] EXCEDE LA CANTIDAD PENDIENTE DE RETORNO`];
    }
  }
  return null;
}

function eopProblem(state: SandboxState, nit: string, doc: O): [string, string] | null {
  for (const [i, l] of list(doc.cuerpoDocumento).entries()) {
    if (l.codigoGeneracionRef === null || l.codigoGeneracionRef === undefined) continue;
    const ref = state.documents.get(String(l.codigoGeneracionRef));
    if (!ref || ref.nit !== nit || ref.tipoDte !== '17' || ref.estado !== 'PROCESADO') {
      return [
        CODES.NO_EXISTE,
        `[cuerpoDocumento[${i}].codigoGeneracionRef] NO EXISTE UN EVENTO PROCESADO CON ESE VALOR PARA EL EMISOR`,
      ];
    }
  }
  return null;
}

/** MH's checks of a received 17/18 event (null when it passes or `doc` is not one of them). */
export function normativa2EventProblem(state: SandboxState, nit: string, doc: O): [string, string] | null {
  const tipo = (doc.identificacion as O | undefined)?.tipoEvento;
  if (tipo === '18') return retornoProblem(state, nit, doc);
  if (tipo === '17') return eopProblem(state, nit, doc);
  return null;
}

/** An FE/FEX/FSE with a sealed Retorno is not invalidated before it. */
export function activeRetornoProblem(state: SandboxState, nit: string, codigo: string): [string, string] | null {
  return sealedRetornos(state, nit, codigo).length
    ? [CODES.VALIDACION, '[documento.codigoGeneracion] EL DOCUMENTO TIENE EVENTOS DE RETORNO PROCESADOS']
    : null;
}
