// EmissionInput: the body SIGMA sends to POST /api/facturas (and emitInvoice mirrors it), after parsing.
// Documented field by field in docs/dte-input.md.
import type { Dec } from '../money.js';
import type { Direccion, TipoDte } from '../model.js';

/** Tax treatment of a sale line (MH's rules). */
export interface OtroTributoInput {
  codigo: string;
  /** Only for D4/D5 (no fixed rate): the tax of this line. */
  valor: Dec | null;
}

export type TipoVenta = 'gravado' | 'exento' | 'noSujeto' | 'noGravado';

export interface ItemInput {
  descripcion: string;
  cantidad: Dec;
  /** MH precioUni: IVA-inclusive on FE, IVA-exclusive on CCF/NC/ND/NR; export price on FEX; purchase price on FSE. */
  precio: Dec;
  tipo: TipoVenta;
  tipoItem: number; // CAT-011
  uniMedida: number; // CAT-014
  codigo: string | null;
  /** montoDescu: item discount amount (subtracted from cantidad × precio). */
  descuento: Dec;
  /** tipoItem 4 only: CAT-015 section 2 code. */
  codTributo: string | null;
  /** NC/ND/NR: the related document this line refers to (codigoGeneracion or physical correlative). */
  numeroDocumento: string | null;
  psv: Dec;
  /** CAT-015 section-1 tributos beyond IVA carried by the line (D1, C8, 59, 71, D4, D5). */
  tributos?: OtroTributoInput[];
}

export interface ReceptorInput {
  nombre: string | null;
  tipoDocumento: string | null; // CAT-022
  numDocumento: string | null;
  nrc: string | null;
  codActividad: string | null;
  descActividad: string | null;
  nombreComercial: string | null;
  direccion: Direccion | null;
  telefono: string | null;
  correo: string | null;
  // type-specific receptor fields
  codPais: string | null; // FEX / CD (CAT-020)
  nombrePais: string | null; // FEX
  tipoPersona: number | null; // FEX (CAT-029)
  codDomiciliado: number | null; // CL / CD (CAT-032)
  bienTitulo: string | null; // NR (CAT-025)
  tipoEstablecimiento: string | null; // DCL (CAT-009)
}

export interface PagoInput {
  codigo: string; // CAT-017
  monto: Dec | null; // null → the whole totalPagar (only when it is the only payment)
  referencia: string | null;
  plazo: string | null; // CAT-018
  periodo: number | null;
}

export interface DocumentoRelacionadoInput {
  tipoDocumento: string; // CAT-002
  tipoGeneracion: number; // CAT-007
  numeroDocumento: string;
  fechaEmision: string;
}

export interface MedicoInput {
  nombre: string;
  nit: string | null;
  docIdentificacion: string | null;
  tipoServicio: number; // CAT-010
}

export interface OtroDocumentoInput {
  codDocAsociado: number; // CAT-021
  descDocumento: string | null;
  detalleDocumento: string | null;
  medico: MedicoInput | null;
  // FEX transport lines (codDocAsociado 4)
  placaTrans: string | null;
  modoTransp: number | null;
  numConductor: string | null;
  nombreConductor: string | null;
}

export interface ApendiceInput {
  campo: string;
  etiqueta: string;
  valor: string;
}

export interface DescuentoGlobalInput {
  noSujeto: Dec;
  exento: Dec;
  gravado: Dec;
}

/** FEX (11) specifics. */
export interface ExportacionInput {
  tipoItemExpor: number; // 1 bienes, 2 servicios, 3 ambos
  recintoFiscal: string | null; // CAT-027
  regimen: string | null; // CAT-028
  tipoRegimen: string | null; // CAT-033
  codIncoterms: string | null; // CAT-031
  seguro: Dec;
  flete: Dec;
}

/** CR (07): one retained document per line. */
export interface RetencionItemInput {
  descripcion: string | null;
  tipoDte: string;
  tipoGeneracion: number;
  numDocumento: string;
  fechaEmision: string;
  montoSujetoGrav: Dec;
  codigoRetencionMH: string; // CAT-006
  ivaRetenido: Dec | null; // required for C9 (no fixed rate)
}

/** CL (08): one liquidated document per line. */
export interface LiquidacionItemInput {
  tipoDte: string;
  tipoGeneracion: number;
  numeroDocumento: string;
  fechaEmision: string;
  ventaNoSuj: Dec;
  ventaExenta: Dec;
  ventaGravada: Dec;
  exportaciones: Dec;
  observaciones: string | null;
}

/** DCL (09). */
export interface DclInput {
  periodoLiquidacionFechaInicio: string;
  periodoLiquidacionFechaFin: string;
  codLiquidacion: string | null;
  cantidadDoc: number | null;
  valorOperaciones: Dec;
  montoSinPercepcion: Dec;
  descripSinPercepcion: string | null;
  porcentComision: Dec;
  porcentajePercepcion: Dec;
  nombEntrega: string;
  docuEntrega: string;
  codEmpleado: string | null;
}

/** CD (15): donated item. */
export interface DonacionItemInput {
  tipoDonacion: number; // CAT-026
  cantidad: Dec;
  uniMedida: number;
  descripcion: string;
  codigo: string | null;
  valorUni: Dec;
  depreciacion: Dec;
}

export interface EmissionInput {
  tipoDte: TipoDte;
  referenciaExterna: string;
  receptor: ReceptorInput | null;
  items: ItemInput[];
  condicionOperacion: number; // CAT-016
  pagos: PagoInput[] | null;
  numPagoElectronico: string | null;
  documentoRelacionado: DocumentoRelacionadoInput[] | null;
  otrosDocumentos: OtroDocumentoInput[] | null;
  ventaTercero: { nit: string; nombre: string; codDomiciliado: number | null } | null;
  descuentoGlobal: DescuentoGlobalInput;
  retencionIva: boolean; // ivaRete 1 % (FE/CCF/NC/ND)
  percepcionIva: boolean; // ivaPerci 1 % (CCF/NC/ND/CL)
  porcentajeReteRenta: Dec; // FSE reteRenta
  fusion: string | null; // NC/ND/CL
  observaciones: string | null;
  apendice: ApendiceInput[] | null;
  exportacion: ExportacionInput | null; // FEX
  compraTercero: { numDocumento: string; nombre: string } | null; // FEX
  retenciones: RetencionItemInput[]; // CR
  liquidaciones: LiquidacionItemInput[]; // CL
  dcl: DclInput | null; // DCL
  donaciones: DonacionItemInput[]; // CD
  /** What the engine did on the caller's behalf (e.g. an all-zero DUI read as no document); not part of the DTE. */
  warnings: { path: string; code: string; message: string; params?: Record<string, string | number> }[];
}
