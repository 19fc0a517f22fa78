// dteSummary: the few values the persistence/queue/UI layers index on, read from any built document.
import type { DteDocument, TipoDte } from './model.js';
import { D } from './money.js';
import { fixed2 } from './units.js';

export interface DteSummary {
  tipoDte: TipoDte;
  fecEmi: string;
  totalPagar: string;
  montoTotalOperacion: string;
  totalIva: string;
  receptorNombre: string | null;
  receptorTipoDocumento: string | null;
  receptorNumDocumento: string | null;
  receptorCorreo: string | null;
}

type O = Record<string, unknown>;
const asObj = (v: unknown): O => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as O) : {});
/** A total as text with two decimals (half-up); one that has at most two already is written without Decimal. */
const money = (v: unknown): string => (typeof v === 'number' ? (fixed2(v) ?? new D(String(v)).toFixed(2)) : '0.00');
const s = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Per-type names of "total to pay" / "operation total" / "IVA" (CR, CL, DCL, FSE, CD name them differently). */
function totals(tipo: TipoDte, doc: O): { pagar: unknown; operacion: unknown; iva: unknown } {
  const r = asObj(doc['resumen']);
  const iva20 = (Array.isArray(r['tributos']) ? (r['tributos'] as O[]) : []).find((t) => t['codigo'] === '20')?.[
    'valor'
  ];
  switch (tipo) {
    case '01':
      return { pagar: r['totalPagar'], operacion: r['montoTotalOperacion'], iva: r['totalIva'] };
    case '04':
      return { pagar: r['montoTotalOperacion'], operacion: r['montoTotalOperacion'], iva: iva20 };
    case '07':
      return { pagar: r['totalIvaRetenido'], operacion: r['totalSujetoRetencion'], iva: r['totalIva'] };
    case '08':
      return { pagar: r['total'], operacion: r['montoTotalOperacion'], iva: iva20 };
    case '09': {
      const c = asObj(doc['cuerpoDocumento']);
      return { pagar: c['liquidoApagar'], operacion: c['valorOperaciones'], iva: c['iva'] };
    }
    case '14':
      return { pagar: r['totalPagar'], operacion: r['subTotal'], iva: 0 };
    case '15':
      return { pagar: r['valorTotal'], operacion: r['valorTotal'], iva: 0 };
    case '11':
      return { pagar: r['totalPagar'], operacion: r['montoTotalOperacion'], iva: 0 };
    default:
      return { pagar: r['totalPagar'], operacion: r['montoTotalOperacion'], iva: r['totalIva'] ?? iva20 };
  }
}

export function dteSummary(doc: DteDocument): DteSummary {
  const idn = asObj(doc['identificacion']);
  const tipo = idn['tipoDte'] as TipoDte;
  const rec = asObj(doc['receptor']);
  const t = totals(tipo, doc);
  const numDoc = s(rec['numDocumento']) ?? s(rec['nit']);
  return {
    tipoDte: tipo,
    fecEmi: String(idn['fecEmi']),
    totalPagar: money(t.pagar),
    montoTotalOperacion: money(t.operacion),
    totalIva: money(t.iva),
    receptorNombre: s(rec['nombre']),
    receptorTipoDocumento: s(rec['tipoDocumento']) ?? ('nit' in rec ? '36' : null),
    receptorNumDocumento: numDoc,
    receptorCorreo: s(rec['correo']),
  };
}
