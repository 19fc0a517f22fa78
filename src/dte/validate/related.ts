// Related documents against the document's own date: never dated after it, and for NC/ND within MH's window (a Nota
// de Crédito/Débito may adjust a CCF or CR up to 3 months old); an electronic one is named by its uppercase
// codigoGeneracion.
import { CODIGO_GENERACION } from '../identificacion-values.js';
import { type DteIssue, issue } from '../model.js';
import { isObj, list, type O } from './semantic.js';

/** Where a type keeps its related documents, and the key of the number. */
export interface RelatedSpec {
  section: 'documentoRelacionado' | 'cuerpoDocumento';
  numberKey: 'numeroDocumento' | 'numDocumento';
  /** Oldest allowed related document, in months before fecEmi (null: no window). */
  maxMonths: number | null;
}

function monthsBefore(fecEmi: string, months: number): string {
  const [y, m, d] = fecEmi.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 - months + 1, 0)).getUTCDate(); // days in the target month
  return new Date(Date.UTC(y, m - 1 - months, Math.min(d, last))).toISOString().slice(0, 10);
}

export function checkRelated(doc: O, spec: RelatedSpec, out: DteIssue[]): void {
  const idn = doc['identificacion'];
  const fecEmi = isObj(idn) && typeof idn['fecEmi'] === 'string' ? idn['fecEmi'] : null;
  if (!fecEmi) return;
  const oldest = spec.maxMonths === null ? null : monthsBefore(fecEmi, spec.maxMonths);
  list(doc[spec.section]).forEach((r, i) => {
    const p = `${spec.section}[${i}]`;
    const fecha = r['fechaEmision'];
    if (typeof fecha === 'string') {
      if (fecha > fecEmi) {
        out.push(
          issue(
            `${p}.fechaEmision`,
            'RELATED_DOCUMENT_IN_FUTURE',
            `${p}.fechaEmision ${fecha} is after this document's date ${fecEmi}`,
            { fecha, fecEmi },
          ),
        );
      } else if (oldest && fecha < oldest) {
        const m = spec.maxMonths!;
        const msg =
          `${p}.fechaEmision ${fecha} is more than ${m} months before ${fecEmi}: ` +
          `MH lets a note adjust documents up to ${m} months old`;
        out.push(issue(`${p}.fechaEmision`, 'RELATED_DOCUMENT_TOO_OLD', msg, { fecha, meses: m, fecEmi }));
      }
    }
    const n = r[spec.numberKey];
    if (r['tipoGeneracion'] === 2 && typeof n === 'string' && !CODIGO_GENERACION.test(n)) {
      const msg = `${p}.${spec.numberKey} must be an uppercase codigoGeneracion (UUID) for tipoGeneracion 2`;
      out.push(issue(`${p}.${spec.numberKey}`, 'INVALID_CODIGO_GENERACION', msg, { value: n }));
    }
  });
}
