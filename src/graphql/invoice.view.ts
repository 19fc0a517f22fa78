// Read-side views of a built DTE for the Invoice type: MH's own field names, decimals as text.
type O = Record<string, unknown>;
const obj = (v: unknown): O => (v && typeof v === 'object' && !Array.isArray(v) ? (v as O) : {});
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const dec = (v: unknown): string | null => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : null);

export interface ReceptorView {
  nombre: string | null;
  tipoDocumento: string | null;
  numDocumento: string | null;
  nrc: string | null;
  codActividad: string | null;
  correo: string | null;
  telefono: string | null;
}

export interface ItemView {
  numItem: number;
  tipoItem: number | null;
  descripcion: string;
  cantidad: string | null;
  uniMedida: number | null;
  codigo: string | null;
  precioUni: string | null;
  montoDescu: string | null;
  ventaNoSuj: string | null;
  ventaExenta: string | null;
  ventaGravada: string | null;
  ivaItem: string | null;
}

export interface TotalsView {
  totalNoSuj: string | null;
  totalExenta: string | null;
  totalGravada: string | null;
  subTotal: string | null;
  totalIva: string | null;
  ivaRete1: string | null;
  montoTotalOperacion: string | null;
  totalPagar: string | null;
  totalLetras: string | null;
}

/** CCF-family receptors carry `nit`; FE receptors `tipoDocumento` + `numDocumento`. */
export function receptorView(doc: O): ReceptorView | null {
  const r = obj(doc.receptor);
  if (!Object.keys(r).length) return null;
  const nit = str(r.nit);
  return {
    nombre: str(r.nombre),
    tipoDocumento: nit ? '36' : str(r.tipoDocumento),
    numDocumento: nit ?? str(r.numDocumento),
    nrc: str(r.nrc),
    codActividad: str(r.codActividad),
    correo: str(r.correo),
    telefono: str(r.telefono),
  };
}

export function itemsView(doc: O): ItemView[] {
  const lines = Array.isArray(doc.cuerpoDocumento) ? (doc.cuerpoDocumento as unknown[]) : [];
  return lines.map((l, i) => {
    const o = obj(l);
    return {
      numItem: typeof o.numItem === 'number' ? o.numItem : i + 1,
      tipoItem: typeof o.tipoItem === 'number' ? o.tipoItem : null,
      descripcion: str(o.descripcion) ?? '',
      cantidad: dec(o.cantidad),
      uniMedida: typeof o.uniMedida === 'number' ? o.uniMedida : null,
      codigo: str(o.codigo),
      precioUni: dec(o.precioUni),
      montoDescu: dec(o.montoDescu),
      ventaNoSuj: dec(o.ventaNoSuj),
      ventaExenta: dec(o.ventaExenta),
      ventaGravada: dec(o.ventaGravada),
      ivaItem: dec(o.ivaItem),
    };
  });
}

export function totalsView(doc: O): TotalsView {
  const r = obj(doc.resumen);
  const iva20 = Array.isArray(r.tributos) ? (r.tributos as O[]).find((t) => t.codigo === '20')?.valor : undefined;
  return {
    totalNoSuj: dec(r.totalNoSuj),
    totalExenta: dec(r.totalExenta),
    totalGravada: dec(r.totalGravada),
    subTotal: dec(r.subTotal ?? r.subTotalVentas),
    totalIva: dec(r.totalIva ?? iva20),
    ivaRete1: dec(r.ivaRete1 ?? r.ivaRete),
    montoTotalOperacion: dec(r.montoTotalOperacion),
    totalPagar: dec(r.totalPagar),
    totalLetras: str(r.totalLetras),
  };
}
