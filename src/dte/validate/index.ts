// validateDte: the project's own validator of a complete document of any type (or event). Used before signing and by
// the MH sandbox. Structure first; semantic/arithmetic checks only run on a structurally sound document.
import { type DteIssue, issue, TIPOS_DTE, type TipoDte } from '../model.js';
import { contingenciaShape, checkContingencia } from '../events/contingencia.check.js';
import { invalidacionShape, checkInvalidacion } from '../events/invalidacion.check.js';
import { eopShape, checkOperacionesEspeciales } from '../events/operaciones-especiales.check.js';
import { retornoShape, checkRetorno } from '../events/retorno.check.js';
import { MODULES } from '../types/registry.js';
import { isObj } from './semantic.js';
import { checkShape, type ObjShape } from './shape.js';
import { shapeSound } from './shape-sound.js';

type Kind = { shape: ObjShape; check: (doc: Record<string, unknown>, out: DteIssue[]) => void };

function kindOf(doc: Record<string, unknown>, out: DteIssue[]): Kind | null {
  const idn = doc['identificacion'];
  if (!isObj(idn)) {
    out.push(issue('identificacion', 'REQUIRED', 'identificacion is required'));
    return null;
  }
  // Events have no tipoDte: Invalidación carries `documento`, Contingencia carries `detalleDTE`.
  if (!('tipoDte' in idn)) {
    // Normativa 2.0's new events carry tipoEvento (CAT-002): 18 Retorno, 17 Operaciones Especiales.
    if (idn['tipoEvento'] === '18') return { shape: retornoShape, check: checkRetorno };
    if (idn['tipoEvento'] === '17') return { shape: eopShape, check: checkOperacionesEspeciales };
    if ('detalleDTE' in doc) return { shape: contingenciaShape, check: checkContingencia };
    if ('documento' in doc) return { shape: invalidacionShape, check: checkInvalidacion };
  }
  const tipo = idn['tipoDte'];
  if (typeof tipo !== 'string' || !(TIPOS_DTE as readonly string[]).includes(tipo)) {
    out.push(
      issue(
        'identificacion.tipoDte',
        'UNKNOWN_CODE',
        `identificacion.tipoDte '${String(tipo)}' is not a supported DTE type`,
      ),
    );
    return null;
  }
  const mod = MODULES[tipo as TipoDte];
  if (!mod) {
    out.push(issue('identificacion.tipoDte', 'NOT_SUPPORTED', `tipoDte ${tipo} is not supported yet`));
    return null;
  }
  return mod;
}

export function validateDte(doc: unknown): DteIssue[] {
  const out: DteIssue[] = [];
  if (!isObj(doc)) return [issue('', 'INVALID_TYPE', 'a DTE must be a JSON object')];
  const kind = kindOf(doc, out);
  if (!kind) return out;
  // A sound document (the usual case) passes the compiled check; any other is checked again to name its issues.
  if (!shapeSound(doc, kind.shape)) checkShape(doc, kind.shape, '', out);
  if (out.length) return out;
  kind.check(doc, out);
  return out;
}
