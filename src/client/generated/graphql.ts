/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type ApendiceLineInput = {
  campo: string;
  etiqueta: string;
  valor: string;
};

export type CreateWebhookEndpointInput = {
  description?: string | null | undefined;
  /** Empty or absent = every event type */
  eventTypes?: Array<string> | null | undefined;
  /** https URL; private and loopback addresses are refused unless the server allows them */
  url: string;
};

export type DireccionInput = {
  complemento: string;
  departamento: string;
  distrito: string;
  municipio: string;
};

export type DocumentoRelacionadoInput = {
  /** YYYY-MM-DD */
  fechaEmision: string;
  numeroDocumento: string;
  /** CAT-002 */
  tipoDocumento: string;
  /** CAT-007: 1 físico, 2 electrónico (default) */
  tipoGeneracion?: number | null | undefined;
};

export type EmitInvoiceInput = {
  codEstableMH?: string | null | undefined;
  codPuntoVentaMH?: string | null | undefined;
  /** CAT-016, default 1 (contado) */
  condicionOperacion?: number | null | undefined;
  documentoRelacionado?: Array<DocumentoRelacionadoInput> | null | undefined;
  /** Type-specific body fields (docs/dte-input.md) not typed here */
  extra?: unknown;
  items: Array<InvoiceItemInput>;
  medico?: MedicoInput | null | undefined;
  observaciones?: string | null | undefined;
  otrosDocumentos?: Array<OtroDocumentoInput> | null | undefined;
  pagos?: Array<PagoInput> | null | undefined;
  /** SIGMA patient: without `receptor`, SIGMA's patient fields overridden by the stored fiscal profile (Patient.receptor) */
  patientId?: string | number | null | undefined;
  percepcionIva?: boolean | null | undefined;
  receptor?: ReceptorInput | null | undefined;
  /** Your reference; emission is idempotent on it per tenant */
  referenciaExterna: string;
  /** ivaRete1 (1 %) when the receptor is a gran contribuyente agent */
  retencionIva?: boolean | null | undefined;
  /** CAT-002; absent: 03 (CCF) when the receptor has NIT + NRC, else 01 (FE) */
  tipoDte?: string | null | undefined;
};

/** Evento de Retorno: 1–50 documents of one type and one receptor, up to 2000 lines */
export type EmitReturnInput = {
  apendice?: Array<ApendiceLineInput> | null | undefined;
  documents: Array<ReturnDocumentInput>;
  /** Your reference; idempotent on it per tenant */
  referenciaExterna: string;
};

export type EmitSpecialOperationsInput = {
  codEstableMH?: string | null | undefined;
  codPuntoVentaMH?: string | null | undefined;
  items: Array<SpecialOperationInput>;
  referenciaExterna: string;
};

/** Stable machine-readable error codes (the same codes REST returns) */
export type ErrorCode =
  | 'CONFLICT'
  | 'DEADLINE_PASSED'
  | 'DUPLICATE_REFERENCE'
  | 'DUPLICATE_TENANT_NIT'
  | 'FORBIDDEN'
  | 'INTERNAL'
  | 'INVALID_STATE'
  | 'MH_REJECTED'
  | 'MH_UNAVAILABLE'
  | 'NOT_FOUND'
  | 'NO_MH_CREDENTIAL'
  | 'PAYLOAD_TOO_LARGE'
  | 'SIGMA_UNAVAILABLE'
  | 'TENANT_MISMATCH'
  | 'UNAUTHENTICATED'
  | 'UNKNOWN_SCOPE'
  | 'VALIDATION_FAILED';

/** Anexo 5 classification (periods from February 2024) */
export type F07ComprasClassInput = {
  /** 1 costo, 2 gasto (default 2) */
  clasificacion?: string | null | undefined;
  /** 1–4 (default 4) */
  sector?: string | null | undefined;
  /** 1–9 (default 2) */
  tipoCostoGasto?: string | null | undefined;
  /** 1–4 (default 1) */
  tipoOperacion?: string | null | undefined;
};

/** Where known uploaders read a column differently from MH's manual (the default), the other reading */
export type F07OptionsInput = {
  /** Anexo 1 total: manual (exentas + no sujetas + gravadas + terceros, default) | withDebito */
  anexo1Total?: string | null | undefined;
  /** Anexo 2 rows: day (per day and type, default) | dayAndPointOfSale */
  anexo2Grouping?: string | null | undefined;
  /** Anexo 2 columns F–I: manual (nº documento DEL/AL first, default) | controlFirst */
  anexo2Order?: string | null | undefined;
  /** Anexo 5 monto: totalCompra (default) | totalPagar */
  anexo5Monto?: string | null | undefined;
  /** Invalidated annex código de generación: uuid36 (default) | hex32 */
  anuladosCodigo?: string | null | undefined;
  /** UTF-8 byte-order mark at the start of each file (default true) */
  bom?: boolean | null | undefined;
  compras?: F07ComprasClassInput | null | undefined;
  /** Renta tipo de ingreso of annexes 1–2 (default 3) */
  tipoIngreso?: string | null | undefined;
};

/** QUEUED → SENT → PROCESSED (sello) | REJECTED; UNKNOWN: MH is asked (consultadte) before any resend; PROCESSED → INVALIDATED */
export type FiscalEventStatus =
  | 'INVALIDATED'
  | 'PROCESSED'
  | 'QUEUED'
  | 'REJECTED'
  | 'SENT'
  | 'UNKNOWN';

export type FiscalProfileInput = {
  codActividad?: string | null | undefined;
  correo?: string | null | undefined;
  descActividad?: string | null | undefined;
  direccion?: DireccionInput | null | undefined;
  nombre: string;
  nombreComercial?: string | null | undefined;
  /** With NRC the patient is a contribuyente: invoices default to CCF */
  nrc?: string | null | undefined;
  numDocumento?: string | null | undefined;
  telefono?: string | null | undefined;
  /** CAT-022: 36 NIT, 13 DUI, 37 otro, 03 pasaporte, 02 carné de residente */
  tipoDocumento?: string | null | undefined;
};

/** Invalidación (tipoAnulacion 2) of a PROCESSED Retorno / Operaciones Especiales event */
export type InvalidateFiscalEventInput = {
  eventId: string | number;
  motivoAnulacion?: string | null | undefined;
  responsable: PersonInput;
  solicitante: PersonInput;
};

export type InvalidateInvoiceInput = {
  invoiceId: string | number;
  motivoAnulacion?: string | null | undefined;
  /** Types 1 and 3: the PROCESSED replacement document */
  replacementInvoiceId?: string | number | null | undefined;
  responsable: PersonInput;
  solicitante: PersonInput;
  /** CAT-024: 1 error en la información, 2 rescindir la operación, 3 otro */
  tipoAnulacion: number;
};

export type InvoiceFilter = {
  /** fecEmi ≥ (YYYY-MM-DD) */
  fromDate?: string | null | undefined;
  patientId?: string | number | null | undefined;
  receptorNumDocumento?: string | null | undefined;
  status?: Array<InvoiceStatus> | null | undefined;
  /** Search (at most 100 characters), case- and accent-insensitive, in the first of these that finds any of your documents: (1) a single word with a digit is an identifier, matched from its beginning: codigoGeneracion (from its first 8 hex digits), numeroControl (`DTE-…`), referenciaExterna, or, when it is digits and dashes, exactly the receptor's document number; (2) otherwise whole words of the receptor's name, in the order given and adjacent (`jose pena` finds José Peña Rivas), then the same with the last word only begun (`jose pe`); (3) failing those, contained anywhere in the receptor's name, numeroControl, codigoGeneracion or referenciaExterna (`ñez` finds Núñez). Every page of a listing uses the same of these. */
  text?: string | null | undefined;
  /** CAT-002 codes */
  tipoDte?: Array<string> | null | undefined;
  /** fecEmi ≤ (YYYY-MM-DD) */
  toDate?: string | null | undefined;
};

/** A line, inline or by serviceId (the service mapping fills what is not given) */
export type InvoiceItemInput = {
  /** Default 1 with serviceId */
  cantidad?: string | null | undefined;
  codTributo?: string | null | undefined;
  codigo?: string | null | undefined;
  descripcion?: string | null | undefined;
  descuento?: string | null | undefined;
  /** NC/ND: related document of this line */
  numeroDocumento?: string | null | undefined;
  /** Unit price: IVA included on FE (01), excluded on CCF/NC/ND */
  precio?: string | null | undefined;
  serviceId?: string | number | null | undefined;
  /** The item's nature (MH tipoItem, CAT-011): bien | servicio (default) | ambos | otro, or 1–4 */
  tipo?: string | null | undefined;
  /** CAT-011 code (same as tipo; give one of the two) */
  tipoItem?: number | null | undefined;
  /** Tax treatment: gravado (default, or the service mapping) | exento | noSujeto | noGravado */
  tratamientoFiscal?: string | null | undefined;
  /** Tributos beyond IVA (CAT-015 §1): ["D1", "C8"] or [{ codigo: "D5", valor: "1.25" }] */
  tributos?: unknown;
  /** CAT-014, default 59 (unidad) */
  uniMedida?: number | null | undefined;
};

/** QUEUED → SIGNED → SENT → PROCESSED | REJECTED; UNKNOWN (MH timeout, queried before any resend); CONTINGENCY; INVALIDATED */
export type InvoiceStatus =
  | 'CONTINGENCY'
  | 'INVALIDATED'
  | 'PROCESSED'
  | 'QUEUED'
  | 'REJECTED'
  | 'SENT'
  | 'SIGNED'
  | 'UNKNOWN';

/** Narrows the stream; empty: every invoice of your tenant */
export type InvoiceStatusFilter = {
  invoiceId?: string | number | null | undefined;
  patientId?: string | number | null | undefined;
  referenciaExterna?: string | null | undefined;
};

/** The physician (FE/CCF otrosDocumentos line 3, CAT-021 code 3) */
export type MedicoInput = {
  docIdentificacion?: string | null | undefined;
  nit?: string | null | undefined;
  nombre: string;
  /** CAT-010 */
  tipoServicio: number;
};

/** F07_ANEXOS: the F-07 annex files (ZIP of ;-separated CSVs); LIBROS_VENTAS: the sales books (CSV + signable PDF); ARCHIVO_MENSUAL: every document's Archivo DTE JSON and PDF with an index */
export type MonthlyReportKind =
  | 'ARCHIVO_MENSUAL'
  | 'F07_ANEXOS'
  | 'LIBROS_VENTAS';

/** QUEUED → RUNNING → READY | FAILED */
export type MonthlyReportStatus =
  | 'FAILED'
  | 'QUEUED'
  | 'READY'
  | 'RUNNING';

/** Nota de Crédito / Débito adjusting a PROCESSED CCF */
export type NoteInput = {
  extra?: unknown;
  /** The CCF (03) being adjusted */
  invoiceId: string | number;
  items: Array<InvoiceItemInput>;
  observaciones?: string | null | undefined;
  percepcionIva?: boolean | null | undefined;
  referenciaExterna: string;
  retencionIva?: boolean | null | undefined;
};

export type OtroDocumentoInput = {
  /** CAT-021 */
  codDocAsociado: number;
  descDocumento?: string | null | undefined;
  detalleDocumento?: string | null | undefined;
  medico?: MedicoInput | null | undefined;
};

export type PagoInput = {
  /** CAT-017 */
  codigo: string;
  /** Absent: the whole totalPagar (single payment) */
  monto?: string | null | undefined;
  periodo?: number | null | undefined;
  /** CAT-018 */
  plazo?: string | null | undefined;
  referencia?: string | null | undefined;
};

export type PersonInput = {
  nombre: string;
  numDocumento: string;
  /** CAT-022 */
  tipoDocumento: string;
};

export type ReceptorInput = {
  /** CAT-019 */
  codActividad?: string | null | undefined;
  correo?: string | null | undefined;
  descActividad?: string | null | undefined;
  direccion?: DireccionInput | null | undefined;
  nombre?: string | null | undefined;
  nombreComercial?: string | null | undefined;
  nrc?: string | null | undefined;
  numDocumento?: string | null | undefined;
  telefono?: string | null | undefined;
  /** CAT-022: 36 NIT, 13 DUI, 37 otro, 03 pasaporte, 02 carné de residente */
  tipoDocumento?: string | null | undefined;
};

export type RequestMonthlyReportInput = {
  kind: MonthlyReportKind;
  /** Only for F07_ANEXOS */
  options?: F07OptionsInput | null | undefined;
  /** Tax period YYYY-MM (El Salvador dates) */
  period: string;
};

export type ReturnDocumentInput = {
  /** A PROCESSED FE (01), FEX (11) or FSE (14) of your tenant */
  invoiceId: string | number;
  lines: Array<ReturnLineInput>;
};

export type ReturnLineInput = {
  /** Quantity returned (> 0, ≤ what remains of the line) */
  cantidad: string;
  /** numItem of the line in the returned document */
  numItem: number;
};

export type ServiceFiscalInput = {
  codigo?: string | null | undefined;
  /** Line description on the DTE */
  descripcion: string;
  /** Default unit price, IVA included (converted for CCF lines) */
  precio?: string | null | undefined;
  /** gravado (default) | exento | noSujeto */
  tipo?: string | null | undefined;
  /** CAT-011, default 2 (servicios) */
  tipoItem?: number | null | undefined;
  /** CAT-015; default ["20"] when gravado */
  tributos?: Array<string> | null | undefined;
  /** CAT-014, default 59 (unidad) */
  uniMedida?: number | null | undefined;
};

/** One reported document or range of documents */
export type SpecialOperationInput = {
  /** Number of documents (an integer ≥ 1) */
  cantidad: number;
  /** A PROCESSED Operaciones Especiales event this line refers to */
  codigoGeneracionRef?: string | null | undefined;
  descripcion: string;
  docAl?: string | null | undefined;
  docDel?: string | null | undefined;
  /** YYYY-MM-DD; reportable until the 10th business day of the following month */
  fechaEmision: string;
  numDocumento?: string | null | undefined;
  /** precioUni: amount per document, IVA included; the line is cantidad × precio */
  precio: string;
  /** gravado (default) | exento | noSujeto */
  tipo?: string | null | undefined;
  /** CAT-023: 02 factura de venta simplificada, 97 comprobantes de control interno */
  tipoDocumento: string;
};

export type UpdateWebhookEndpointInput = {
  description?: string | null | undefined;
  /** Re-enable an endpoint disabled by a 410, or pause one */
  enabled?: boolean | null | undefined;
  eventTypes?: Array<string> | null | undefined;
  url?: string | null | undefined;
};

/** PENDING (queued or waiting for a retry), SUCCEEDED (2xx), FAILED (gave up, 410, or endpoint disabled) */
export type WebhookDeliveryStatus =
  | 'FAILED'
  | 'PENDING'
  | 'SUCCEEDED';

export type EmitInvoiceMutationVariables = Exact<{
  input: EmitInvoiceInput;
}>;


export type EmitInvoiceMutation = { emitInvoice:
    | { __typename: 'DuplicateReference', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'InvalidState', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'Invoice', id: string, tipoDte: string, status: InvoiceStatus, numeroControl: string, codigoGeneracion: string, selloRecibido: string | null, referenciaExterna: string, fecEmi: string, horEmi: string, totalPagar: string, pdfUrl: string | null, jsonUrl: string | null }
    | { __typename: 'NotFound', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'ValidationFailed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
   };

export type UpsertPatientFiscalProfileMutationVariables = Exact<{
  patientId: string | number;
  input: FiscalProfileInput;
}>;


export type UpsertPatientFiscalProfileMutation = { upsertPatientFiscalProfile:
    | { __typename: 'FiscalProfile', tipoDocumento: string | null, numDocumento: string | null, nrc: string | null, nombre: string }
    | { __typename: 'ValidationFailed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
   };

export type MapServiceFiscalMutationVariables = Exact<{
  serviceId: string | number;
  input: ServiceFiscalInput;
}>;


export type MapServiceFiscalMutation = { mapServiceFiscal:
    | { __typename: 'ServiceFiscalMapping', descripcion: string, tipoItem: number, uniMedida: number, tipo: string, tributos: Array<string>, precio: string | null }
    | { __typename: 'ValidationFailed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
   };

export type FiscalEventSummaryFragment = { id: string, tipoEvento: string, status: FiscalEventStatus, referenciaExterna: string, codigoGeneracion: string, fecEmi: string, selloRecibido: string | null, total: string, observaciones: Array<string> | null, lines: Array<{ invoiceId: string, numItem: number, cantidad: string }> | null };

export type EmitReturnMutationVariables = Exact<{
  input: EmitReturnInput;
}>;


export type EmitReturnMutation = { emitReturn:
    | { __typename: 'DuplicateReference', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'FiscalEvent', id: string, tipoEvento: string, status: FiscalEventStatus, referenciaExterna: string, codigoGeneracion: string, fecEmi: string, selloRecibido: string | null, total: string, observaciones: Array<string> | null, lines: Array<{ invoiceId: string, numItem: number, cantidad: string }> | null }
    | { __typename: 'InvalidState', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'NotFound', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'ValidationFailed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
   };

export type EmitSpecialOperationsMutationVariables = Exact<{
  input: EmitSpecialOperationsInput;
}>;


export type EmitSpecialOperationsMutation = { emitSpecialOperations:
    | { __typename: 'DuplicateReference', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'FiscalEvent', id: string, tipoEvento: string, status: FiscalEventStatus, referenciaExterna: string, codigoGeneracion: string, fecEmi: string, selloRecibido: string | null, total: string, observaciones: Array<string> | null, lines: Array<{ invoiceId: string, numItem: number, cantidad: string }> | null }
    | { __typename: 'InvalidState', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'NotFound', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'ValidationFailed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
   };

export type FiscalEventQueryVariables = Exact<{
  id: string | number;
}>;


export type FiscalEventQuery = { fiscalEvent: { mhCodigoMsg: string | null, mhDescripcionMsg: string | null, id: string, tipoEvento: string, status: FiscalEventStatus, referenciaExterna: string, codigoGeneracion: string, fecEmi: string, selloRecibido: string | null, total: string, observaciones: Array<string> | null, lines: Array<{ invoiceId: string, numItem: number, cantidad: string }> | null } | null };

export type InvoiceBalancesQueryVariables = Exact<{
  id: string | number;
}>;


export type InvoiceBalancesQuery = { invoice: { id: string, tipoDte: string, creditBalance: { gravada: string, exenta: string, noSujeta: string } | null, returnableLines: Array<{ numItem: number, descripcion: string, vendida: string, devuelta: string, disponible: string }> | null } | null };

export type InvalidateFiscalEventMutationVariables = Exact<{
  input: InvalidateFiscalEventInput;
}>;


export type InvalidateFiscalEventMutation = { invalidateFiscalEvent:
    | { __typename: 'DeadlinePassed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'FiscalEvent', id: string, tipoEvento: string, status: FiscalEventStatus, referenciaExterna: string, codigoGeneracion: string, fecEmi: string, selloRecibido: string | null, total: string, observaciones: Array<string> | null, lines: Array<{ invoiceId: string, numItem: number, cantidad: string }> | null }
    | { __typename: 'InvalidState', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'MhRejected', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'MhUnavailable', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'NoMhCredential', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'NotFound', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'ValidationFailed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
   };

export type InvoiceSummaryFragment = { id: string, tipoDte: string, status: InvoiceStatus, numeroControl: string, codigoGeneracion: string, selloRecibido: string | null, referenciaExterna: string, fecEmi: string, horEmi: string, totalPagar: string, pdfUrl: string | null, jsonUrl: string | null };

type Problem_DeadlinePassed_Fragment = { __typename: 'DeadlinePassed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> };

type Problem_DuplicateReference_Fragment = { __typename: 'DuplicateReference', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> };

type Problem_DuplicateTenantNit_Fragment = { __typename: 'DuplicateTenantNit', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> };

type Problem_InvalidState_Fragment = { __typename: 'InvalidState', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> };

type Problem_MhRejected_Fragment = { __typename: 'MhRejected', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> };

type Problem_MhUnavailable_Fragment = { __typename: 'MhUnavailable', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> };

type Problem_NoMhCredential_Fragment = { __typename: 'NoMhCredential', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> };

type Problem_NotFound_Fragment = { __typename: 'NotFound', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> };

type Problem_UnknownScope_Fragment = { __typename: 'UnknownScope', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> };

type Problem_ValidationFailed_Fragment = { __typename: 'ValidationFailed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> };

export type ProblemFragment =
  | Problem_DeadlinePassed_Fragment
  | Problem_DuplicateReference_Fragment
  | Problem_DuplicateTenantNit_Fragment
  | Problem_InvalidState_Fragment
  | Problem_MhRejected_Fragment
  | Problem_MhUnavailable_Fragment
  | Problem_NoMhCredential_Fragment
  | Problem_NotFound_Fragment
  | Problem_UnknownScope_Fragment
  | Problem_ValidationFailed_Fragment
;

export type InvalidateInvoiceMutationVariables = Exact<{
  input: InvalidateInvoiceInput;
}>;


export type InvalidateInvoiceMutation = { invalidateInvoice:
    | { __typename: 'DeadlinePassed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'InvalidState', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'Invoice', id: string, tipoDte: string, status: InvoiceStatus, numeroControl: string, codigoGeneracion: string, selloRecibido: string | null, referenciaExterna: string, fecEmi: string, horEmi: string, totalPagar: string, pdfUrl: string | null, jsonUrl: string | null }
    | { __typename: 'MhRejected', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'MhUnavailable', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'NoMhCredential', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'NotFound', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'ValidationFailed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
   };

export type InvoiceByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type InvoiceByIdQuery = { invoice: { observaciones: Array<string> | null, id: string, tipoDte: string, status: InvoiceStatus, numeroControl: string, codigoGeneracion: string, selloRecibido: string | null, referenciaExterna: string, fecEmi: string, horEmi: string, totalPagar: string, pdfUrl: string | null, jsonUrl: string | null, events: Array<{ type: string, toStatus: InvoiceStatus | null, createdAt: string }> } | null };

export type InvoiceByReferenceQueryVariables = Exact<{
  referenciaExterna: string;
}>;


export type InvoiceByReferenceQuery = { invoiceByReference: { observaciones: Array<string> | null, id: string, tipoDte: string, status: InvoiceStatus, numeroControl: string, codigoGeneracion: string, selloRecibido: string | null, referenciaExterna: string, fecEmi: string, horEmi: string, totalPagar: string, pdfUrl: string | null, jsonUrl: string | null } | null };

export type InvoicesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: InvoiceFilter | null | undefined;
}>;


export type InvoicesQuery = { invoices: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, tipoDte: string, status: InvoiceStatus, numeroControl: string, codigoGeneracion: string, selloRecibido: string | null, referenciaExterna: string, fecEmi: string, horEmi: string, totalPagar: string, pdfUrl: string | null, jsonUrl: string | null } }> } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { kind: string, keyId: string | null, subject: string | null, ambiente: string | null, scopes: Array<string>, tenant: { id: string, nit: string, nombre: string } | null } };

export type MonthlyReportSummaryFragment = { id: string, period: string, kind: MonthlyReportKind, status: MonthlyReportStatus, progress: number, documents: number, error: string | null, file: { name: string, bytes: number, sha256: string } | null, download: { url: string, expiresAt: string } | null };

export type RequestMonthlyReportMutationVariables = Exact<{
  input: RequestMonthlyReportInput;
}>;


export type RequestMonthlyReportMutation = { requestMonthlyReport:
    | { __typename: 'MonthlyReport', id: string, period: string, kind: MonthlyReportKind, status: MonthlyReportStatus, progress: number, documents: number, error: string | null, file: { name: string, bytes: number, sha256: string } | null, download: { url: string, expiresAt: string } | null }
    | { __typename: 'ValidationFailed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
   };

export type MonthlyReportQueryVariables = Exact<{
  id: string | number;
}>;


export type MonthlyReportQuery = { monthlyReport: { id: string, period: string, kind: MonthlyReportKind, status: MonthlyReportStatus, progress: number, documents: number, error: string | null, file: { name: string, bytes: number, sha256: string } | null, download: { url: string, expiresAt: string } | null } | null };

export type MonthlyReportsQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type MonthlyReportsQuery = { monthlyReports: Array<{ id: string, period: string, kind: MonthlyReportKind, status: MonthlyReportStatus, progress: number, documents: number, error: string | null, file: { name: string, bytes: number, sha256: string } | null, download: { url: string, expiresAt: string } | null }> };

export type BusinessHolidaysQueryVariables = Exact<{
  year: number;
}>;


export type BusinessHolidaysQuery = { businessHolidays: Array<{ date: string, name: string }> };

export type InvoiceDeadlinesQueryVariables = Exact<{
  id: string | number;
}>;


export type InvoiceDeadlinesQuery = { invoice: { id: string, deadlines: { invalidation: string | null, ivaReturn: string, relatedNotes: string | null, perishableMedicine: boolean, contingencyEvent: string | null, transmit: string | null } } | null };

export type EmitCreditNoteMutationVariables = Exact<{
  input: NoteInput;
}>;


export type EmitCreditNoteMutation = { emitCreditNote:
    | { __typename: 'DuplicateReference', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'InvalidState', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'Invoice', id: string, tipoDte: string, status: InvoiceStatus, numeroControl: string, codigoGeneracion: string, selloRecibido: string | null, referenciaExterna: string, fecEmi: string, horEmi: string, totalPagar: string, pdfUrl: string | null, jsonUrl: string | null }
    | { __typename: 'NotFound', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'ValidationFailed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
   };

export type EmitDebitNoteMutationVariables = Exact<{
  input: NoteInput;
}>;


export type EmitDebitNoteMutation = { emitDebitNote:
    | { __typename: 'DuplicateReference', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'InvalidState', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'Invoice', id: string, tipoDte: string, status: InvoiceStatus, numeroControl: string, codigoGeneracion: string, selloRecibido: string | null, referenciaExterna: string, fecEmi: string, horEmi: string, totalPagar: string, pdfUrl: string | null, jsonUrl: string | null }
    | { __typename: 'NotFound', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'ValidationFailed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
   };

export type PreviewInvoiceMutationVariables = Exact<{
  input: EmitInvoiceInput;
}>;


export type PreviewInvoiceMutation = { previewInvoice: { valid: boolean, tipoDte: string | null, totalPagar: string | null, document: unknown, issues: Array<{ path: string, code: string, message: string }> } };

export type InvoiceStatusChangedSubscriptionVariables = Exact<{
  filter?: InvoiceStatusFilter | null | undefined;
}>;


export type InvoiceStatusChangedSubscription = { invoiceStatusChanged: { eventId: string, invoiceId: string, type: string, status: InvoiceStatus, referenciaExterna: string, patientId: string | null } };

export type WebhookEndpointFieldsFragment = { id: string, url: string, description: string | null, eventTypes: Array<string>, enabled: boolean, disabledReason: string | null, previousSecretExpiresAt: string | null };

export type WebhookDeliveryFieldsFragment = { id: string, messageId: string, endpointId: string, invoiceId: string | null, eventType: string, status: WebhookDeliveryStatus, totalAttempts: number, nextAttemptAt: string | null, lastStatusCode: number | null, deliveredAt: string | null, createdAt: string };

export type WebhookEndpointsQueryVariables = Exact<{ [key: string]: never; }>;


export type WebhookEndpointsQuery = { webhookEndpoints: Array<{ id: string, url: string, description: string | null, eventTypes: Array<string>, enabled: boolean, disabledReason: string | null, previousSecretExpiresAt: string | null }> };

export type WebhookDeliveriesQueryVariables = Exact<{
  first?: number | null | undefined;
  since?: string | null | undefined;
  status?: WebhookDeliveryStatus | null | undefined;
  invoiceId?: string | number | null | undefined;
  endpointId?: string | number | null | undefined;
}>;


export type WebhookDeliveriesQuery = { webhookDeliveries: Array<{ id: string, messageId: string, endpointId: string, invoiceId: string | null, eventType: string, status: WebhookDeliveryStatus, totalAttempts: number, nextAttemptAt: string | null, lastStatusCode: number | null, deliveredAt: string | null, createdAt: string }> };

export type CreateWebhookEndpointMutationVariables = Exact<{
  input: CreateWebhookEndpointInput;
}>;


export type CreateWebhookEndpointMutation = { createWebhookEndpoint:
    | { __typename: 'CreatedWebhookEndpoint', secret: string, endpoint: { id: string, url: string, description: string | null, eventTypes: Array<string>, enabled: boolean, disabledReason: string | null, previousSecretExpiresAt: string | null } }
    | { __typename: 'NotFound', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'ValidationFailed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
   };

export type UpdateWebhookEndpointMutationVariables = Exact<{
  id: string | number;
  input: UpdateWebhookEndpointInput;
}>;


export type UpdateWebhookEndpointMutation = { updateWebhookEndpoint:
    | { __typename: 'NotFound', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'ValidationFailed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'WebhookEndpoint', id: string, url: string, description: string | null, eventTypes: Array<string>, enabled: boolean, disabledReason: string | null, previousSecretExpiresAt: string | null }
   };

export type DeleteWebhookEndpointMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteWebhookEndpointMutation = { deleteWebhookEndpoint:
    | { __typename: 'NotFound', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'ValidationFailed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'WebhookEndpoint', id: string }
   };

export type RotateWebhookSecretMutationVariables = Exact<{
  id: string | number;
  graceSeconds?: number | null | undefined;
}>;


export type RotateWebhookSecretMutation = { rotateWebhookSecret:
    | { __typename: 'CreatedWebhookEndpoint', secret: string, endpoint: { id: string, url: string, description: string | null, eventTypes: Array<string>, enabled: boolean, disabledReason: string | null, previousSecretExpiresAt: string | null } }
    | { __typename: 'NotFound', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'ValidationFailed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
   };

export type PingWebhookEndpointMutationVariables = Exact<{
  id: string | number;
}>;


export type PingWebhookEndpointMutation = { pingWebhookEndpoint:
    | { __typename: 'NotFound', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'ValidationFailed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'WebhookDelivery', id: string, messageId: string, endpointId: string, invoiceId: string | null, eventType: string, status: WebhookDeliveryStatus, totalAttempts: number, nextAttemptAt: string | null, lastStatusCode: number | null, deliveredAt: string | null, createdAt: string }
   };

export type ReplayWebhookDeliveryMutationVariables = Exact<{
  id: string | number;
}>;


export type ReplayWebhookDeliveryMutation = { replayWebhookDelivery:
    | { __typename: 'NotFound', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'ValidationFailed', code: ErrorCode, message: string, issues: Array<{ path: string, code: string, message: string }> }
    | { __typename: 'WebhookDelivery', id: string, messageId: string, endpointId: string, invoiceId: string | null, eventType: string, status: WebhookDeliveryStatus, totalAttempts: number, nextAttemptAt: string | null, lastStatusCode: number | null, deliveredAt: string | null, createdAt: string }
   };

export const FiscalEventSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FiscalEventSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FiscalEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoEvento"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"observaciones"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"numItem"}},{"kind":"Field","name":{"kind":"Name","value":"cantidad"}}]}}]}}]} as unknown as DocumentNode<FiscalEventSummaryFragment, unknown>;
export const InvoiceSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvoiceSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoDte"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numeroControl"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"horEmi"}},{"kind":"Field","name":{"kind":"Name","value":"totalPagar"}},{"kind":"Field","name":{"kind":"Name","value":"pdfUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}}]} as unknown as DocumentNode<InvoiceSummaryFragment, unknown>;
export const ProblemFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<ProblemFragment, unknown>;
export const MonthlyReportSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MonthlyReportSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MonthlyReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"documents"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"file"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"bytes"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}}]}},{"kind":"Field","name":{"kind":"Name","value":"download"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<MonthlyReportSummaryFragment, unknown>;
export const WebhookEndpointFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebhookEndpointFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookEndpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"eventTypes"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}},{"kind":"Field","name":{"kind":"Name","value":"previousSecretExpiresAt"}}]}}]} as unknown as DocumentNode<WebhookEndpointFieldsFragment, unknown>;
export const WebhookDeliveryFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebhookDeliveryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookDelivery"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"endpointId"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"totalAttempts"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastStatusCode"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<WebhookDeliveryFieldsFragment, unknown>;
export const EmitInvoiceDocument = {"__meta__":{"hash":"sha256:5c7e5f19d315975838359d9e234791a6825bc5ea5526b3707200061fd115a2d9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EmitInvoice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EmitInvoiceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"emitInvoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"InvoiceSummary"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvoiceSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoDte"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numeroControl"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"horEmi"}},{"kind":"Field","name":{"kind":"Name","value":"totalPagar"}},{"kind":"Field","name":{"kind":"Name","value":"pdfUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<EmitInvoiceMutation, EmitInvoiceMutationVariables>;
export const UpsertPatientFiscalProfileDocument = {"__meta__":{"hash":"sha256:03926509ca6428c627e0507ad9652632ddc93415605db308b7031dff8ef62244"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertPatientFiscalProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FiscalProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertPatientFiscalProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"patientId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FiscalProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tipoDocumento"}},{"kind":"Field","name":{"kind":"Name","value":"numDocumento"}},{"kind":"Field","name":{"kind":"Name","value":"nrc"}},{"kind":"Field","name":{"kind":"Name","value":"nombre"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<UpsertPatientFiscalProfileMutation, UpsertPatientFiscalProfileMutationVariables>;
export const MapServiceFiscalDocument = {"__meta__":{"hash":"sha256:99e0e3270f88422e3b2d760377d161ac65f5a01be58b40cf266ed6390a9ea04c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MapServiceFiscal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"serviceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceFiscalInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mapServiceFiscal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"serviceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"serviceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceFiscalMapping"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"descripcion"}},{"kind":"Field","name":{"kind":"Name","value":"tipoItem"}},{"kind":"Field","name":{"kind":"Name","value":"uniMedida"}},{"kind":"Field","name":{"kind":"Name","value":"tipo"}},{"kind":"Field","name":{"kind":"Name","value":"tributos"}},{"kind":"Field","name":{"kind":"Name","value":"precio"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<MapServiceFiscalMutation, MapServiceFiscalMutationVariables>;
export const EmitReturnDocument = {"__meta__":{"hash":"sha256:f3e9eede917f480ccce9c56b06032b651d834f723cf3713acf1c85e238128211"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EmitReturn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EmitReturnInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"emitReturn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"FiscalEventSummary"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FiscalEventSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FiscalEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoEvento"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"observaciones"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"numItem"}},{"kind":"Field","name":{"kind":"Name","value":"cantidad"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<EmitReturnMutation, EmitReturnMutationVariables>;
export const EmitSpecialOperationsDocument = {"__meta__":{"hash":"sha256:e473ccd75c8a477c6d21a3dd3a84c6dc098468bb6e86a46829cab67c353ee550"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EmitSpecialOperations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EmitSpecialOperationsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"emitSpecialOperations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"FiscalEventSummary"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FiscalEventSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FiscalEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoEvento"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"observaciones"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"numItem"}},{"kind":"Field","name":{"kind":"Name","value":"cantidad"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<EmitSpecialOperationsMutation, EmitSpecialOperationsMutationVariables>;
export const FiscalEventDocument = {"__meta__":{"hash":"sha256:644da451283ca83fbe1a6c9162d4087a2c065eff46ded7442c3d9c4efc31a71c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FiscalEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fiscalEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FiscalEventSummary"}},{"kind":"Field","name":{"kind":"Name","value":"mhCodigoMsg"}},{"kind":"Field","name":{"kind":"Name","value":"mhDescripcionMsg"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FiscalEventSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FiscalEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoEvento"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"observaciones"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"numItem"}},{"kind":"Field","name":{"kind":"Name","value":"cantidad"}}]}}]}}]} as unknown as DocumentNode<FiscalEventQuery, FiscalEventQueryVariables>;
export const InvoiceBalancesDocument = {"__meta__":{"hash":"sha256:97fa0f8058ed421ec1513c37f12b714703b4c21b55299c170073c799260ecc5b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InvoiceBalances"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoDte"}},{"kind":"Field","name":{"kind":"Name","value":"creditBalance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gravada"}},{"kind":"Field","name":{"kind":"Name","value":"exenta"}},{"kind":"Field","name":{"kind":"Name","value":"noSujeta"}}]}},{"kind":"Field","name":{"kind":"Name","value":"returnableLines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"numItem"}},{"kind":"Field","name":{"kind":"Name","value":"descripcion"}},{"kind":"Field","name":{"kind":"Name","value":"vendida"}},{"kind":"Field","name":{"kind":"Name","value":"devuelta"}},{"kind":"Field","name":{"kind":"Name","value":"disponible"}}]}}]}}]}}]} as unknown as DocumentNode<InvoiceBalancesQuery, InvoiceBalancesQueryVariables>;
export const InvalidateFiscalEventDocument = {"__meta__":{"hash":"sha256:b544774102653defaff80233d50514efb3ae87dbfcdf51d46084e5870ffe2c2e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"InvalidateFiscalEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidateFiscalEventInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invalidateFiscalEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"FiscalEventSummary"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FiscalEventSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FiscalEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoEvento"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"observaciones"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"numItem"}},{"kind":"Field","name":{"kind":"Name","value":"cantidad"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<InvalidateFiscalEventMutation, InvalidateFiscalEventMutationVariables>;
export const InvalidateInvoiceDocument = {"__meta__":{"hash":"sha256:8ae401c383fde279e85f4281c968c8a018b1d7bc1655e86442a461486111878b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"InvalidateInvoice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidateInvoiceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invalidateInvoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"InvoiceSummary"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvoiceSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoDte"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numeroControl"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"horEmi"}},{"kind":"Field","name":{"kind":"Name","value":"totalPagar"}},{"kind":"Field","name":{"kind":"Name","value":"pdfUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<InvalidateInvoiceMutation, InvalidateInvoiceMutationVariables>;
export const InvoiceByIdDocument = {"__meta__":{"hash":"sha256:a6bd713851b64875d00b26ac0e1cec35f614e3bc524e7de03f9437a1a113a77a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InvoiceById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InvoiceSummary"}},{"kind":"Field","name":{"kind":"Name","value":"observaciones"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvoiceSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoDte"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numeroControl"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"horEmi"}},{"kind":"Field","name":{"kind":"Name","value":"totalPagar"}},{"kind":"Field","name":{"kind":"Name","value":"pdfUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}}]} as unknown as DocumentNode<InvoiceByIdQuery, InvoiceByIdQueryVariables>;
export const InvoiceByReferenceDocument = {"__meta__":{"hash":"sha256:4edcf50731c93eac67ada4a3d819ae9a9aa592a964b4b5a56d9419084055d6fa"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InvoiceByReference"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"referenciaExterna"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoiceByReference"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"referenciaExterna"},"value":{"kind":"Variable","name":{"kind":"Name","value":"referenciaExterna"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InvoiceSummary"}},{"kind":"Field","name":{"kind":"Name","value":"observaciones"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvoiceSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoDte"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numeroControl"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"horEmi"}},{"kind":"Field","name":{"kind":"Name","value":"totalPagar"}},{"kind":"Field","name":{"kind":"Name","value":"pdfUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}}]} as unknown as DocumentNode<InvoiceByReferenceQuery, InvoiceByReferenceQueryVariables>;
export const InvoicesDocument = {"__meta__":{"hash":"sha256:b97df72ccb4388e30507c0afb9692034cdc08c37ec7f8f68b2b7a04e835ce283"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Invoices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"InvoiceFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InvoiceSummary"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvoiceSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoDte"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numeroControl"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"horEmi"}},{"kind":"Field","name":{"kind":"Name","value":"totalPagar"}},{"kind":"Field","name":{"kind":"Name","value":"pdfUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}}]} as unknown as DocumentNode<InvoicesQuery, InvoicesQueryVariables>;
export const MeDocument = {"__meta__":{"hash":"sha256:a67684e0dcfc26e3c3d3191410b9c64cde9a7c105c197248fe71d601bd3b6348"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"ambiente"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nit"}},{"kind":"Field","name":{"kind":"Name","value":"nombre"}}]}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const RequestMonthlyReportDocument = {"__meta__":{"hash":"sha256:2cdeaec92f30738d05ac7f90715bf911fc5e2c811b711b42ee518b85bfadcb56"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestMonthlyReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RequestMonthlyReportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestMonthlyReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"MonthlyReportSummary"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MonthlyReportSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MonthlyReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"documents"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"file"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"bytes"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}}]}},{"kind":"Field","name":{"kind":"Name","value":"download"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<RequestMonthlyReportMutation, RequestMonthlyReportMutationVariables>;
export const MonthlyReportDocument = {"__meta__":{"hash":"sha256:26a09c76ae1247ee475aa42871654b75c6e1c52105766725b4b6bb55dca15bc7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MonthlyReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"monthlyReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MonthlyReportSummary"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MonthlyReportSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MonthlyReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"documents"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"file"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"bytes"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}}]}},{"kind":"Field","name":{"kind":"Name","value":"download"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<MonthlyReportQuery, MonthlyReportQueryVariables>;
export const MonthlyReportsDocument = {"__meta__":{"hash":"sha256:e658a578b1fe8781e2caf249e4c94f3d8c8683b37da53a620347b265f93072d9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MonthlyReports"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"monthlyReports"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MonthlyReportSummary"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MonthlyReportSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MonthlyReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"documents"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"file"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"bytes"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}}]}},{"kind":"Field","name":{"kind":"Name","value":"download"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<MonthlyReportsQuery, MonthlyReportsQueryVariables>;
export const BusinessHolidaysDocument = {"__meta__":{"hash":"sha256:ba92265fe34ee36bb454450ac451e96d5f156fadf51166d3317f82ef8b54b4c0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BusinessHolidays"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"businessHolidays"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<BusinessHolidaysQuery, BusinessHolidaysQueryVariables>;
export const InvoiceDeadlinesDocument = {"__meta__":{"hash":"sha256:b058292a20f4a78e9399f13adb8b0c7f5a4f1ee03e533e4cbd68c7dc6e0f9f6b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InvoiceDeadlines"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deadlines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invalidation"}},{"kind":"Field","name":{"kind":"Name","value":"ivaReturn"}},{"kind":"Field","name":{"kind":"Name","value":"relatedNotes"}},{"kind":"Field","name":{"kind":"Name","value":"perishableMedicine"}},{"kind":"Field","name":{"kind":"Name","value":"contingencyEvent"}},{"kind":"Field","name":{"kind":"Name","value":"transmit"}}]}}]}}]}}]} as unknown as DocumentNode<InvoiceDeadlinesQuery, InvoiceDeadlinesQueryVariables>;
export const EmitCreditNoteDocument = {"__meta__":{"hash":"sha256:f735f37291f8c51772d894ae699300d9ab117c62cb2a3f72ba5b4f35c68dfd4f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EmitCreditNote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NoteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"emitCreditNote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"InvoiceSummary"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvoiceSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoDte"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numeroControl"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"horEmi"}},{"kind":"Field","name":{"kind":"Name","value":"totalPagar"}},{"kind":"Field","name":{"kind":"Name","value":"pdfUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<EmitCreditNoteMutation, EmitCreditNoteMutationVariables>;
export const EmitDebitNoteDocument = {"__meta__":{"hash":"sha256:4be2c7a530967bb71867d1882c2371a584495aedac9cf02474700c24482614e2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EmitDebitNote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NoteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"emitDebitNote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"InvoiceSummary"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvoiceSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoDte"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numeroControl"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"horEmi"}},{"kind":"Field","name":{"kind":"Name","value":"totalPagar"}},{"kind":"Field","name":{"kind":"Name","value":"pdfUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<EmitDebitNoteMutation, EmitDebitNoteMutationVariables>;
export const PreviewInvoiceDocument = {"__meta__":{"hash":"sha256:e2368a00b008f888a641ebde07d9dae004f02d57ac3771d4aefd81cb00ca5190"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PreviewInvoice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EmitInvoiceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"previewInvoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"tipoDte"}},{"kind":"Field","name":{"kind":"Name","value":"totalPagar"}},{"kind":"Field","name":{"kind":"Name","value":"document"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PreviewInvoiceMutation, PreviewInvoiceMutationVariables>;
export const InvoiceStatusChangedDocument = {"__meta__":{"hash":"sha256:646b8662b090c479e3a89b8bfe43fdbc61f216b5d7ba5a55beed4914f676ee1f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"InvoiceStatusChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"InvoiceStatusFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoiceStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"patientId"}}]}}]}}]} as unknown as DocumentNode<InvoiceStatusChangedSubscription, InvoiceStatusChangedSubscriptionVariables>;
export const WebhookEndpointsDocument = {"__meta__":{"hash":"sha256:78252bb319b94ebf04b5556802cab6254e7ea1b718e6b92a76700be8c88ef29b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebhookEndpoints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookEndpoints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebhookEndpointFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebhookEndpointFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookEndpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"eventTypes"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}},{"kind":"Field","name":{"kind":"Name","value":"previousSecretExpiresAt"}}]}}]} as unknown as DocumentNode<WebhookEndpointsQuery, WebhookEndpointsQueryVariables>;
export const WebhookDeliveriesDocument = {"__meta__":{"hash":"sha256:1400d74ea90a4ab07de1f592c762de7611009760d854aa05bfb6a92cc03624db"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebhookDeliveries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookDeliveryStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"invoiceId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"endpointId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookDeliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"invoiceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"invoiceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"endpointId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"endpointId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebhookDeliveryFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebhookDeliveryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookDelivery"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"endpointId"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"totalAttempts"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastStatusCode"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<WebhookDeliveriesQuery, WebhookDeliveriesQueryVariables>;
export const CreateWebhookEndpointDocument = {"__meta__":{"hash":"sha256:5161dc40f5732f1311e2c266d920e66d6c021269969b8bf5fe768629f3f0e161"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateWebhookEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateWebhookEndpointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreatedWebhookEndpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebhookEndpointFields"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebhookEndpointFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookEndpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"eventTypes"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}},{"kind":"Field","name":{"kind":"Name","value":"previousSecretExpiresAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<CreateWebhookEndpointMutation, CreateWebhookEndpointMutationVariables>;
export const UpdateWebhookEndpointDocument = {"__meta__":{"hash":"sha256:9f93c6fad155e63a9cb2b5c6c8e8ab0b75b96dfe7a59f05a0b55a23664dc2f7c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateWebhookEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateWebhookEndpointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebhookEndpointFields"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebhookEndpointFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookEndpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"eventTypes"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}},{"kind":"Field","name":{"kind":"Name","value":"previousSecretExpiresAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<UpdateWebhookEndpointMutation, UpdateWebhookEndpointMutationVariables>;
export const DeleteWebhookEndpointDocument = {"__meta__":{"hash":"sha256:ca7a56276f7dbe7b0b3251672be8513e13ce46e214086dc19b684b7503d59ec8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteWebhookEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookEndpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<DeleteWebhookEndpointMutation, DeleteWebhookEndpointMutationVariables>;
export const RotateWebhookSecretDocument = {"__meta__":{"hash":"sha256:f94ca3e665a2de380adb317bb95920af808d3ee9ca7d00b7f4794ee5a5a5d82c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RotateWebhookSecret"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"graceSeconds"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rotateWebhookSecret"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"graceSeconds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"graceSeconds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreatedWebhookEndpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebhookEndpointFields"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebhookEndpointFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookEndpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"eventTypes"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}},{"kind":"Field","name":{"kind":"Name","value":"previousSecretExpiresAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<RotateWebhookSecretMutation, RotateWebhookSecretMutationVariables>;
export const PingWebhookEndpointDocument = {"__meta__":{"hash":"sha256:bad4de028a89720af027c31577bc76afa255570396fec59890a25e804b72f60e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PingWebhookEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pingWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebhookDeliveryFields"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebhookDeliveryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookDelivery"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"endpointId"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"totalAttempts"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastStatusCode"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<PingWebhookEndpointMutation, PingWebhookEndpointMutationVariables>;
export const ReplayWebhookDeliveryDocument = {"__meta__":{"hash":"sha256:4ad1af3b1439099962da3dc6d29ff328599248edf158ed78f483524192f14fc8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReplayWebhookDelivery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayWebhookDelivery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebhookDeliveryFields"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebhookDeliveryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookDelivery"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"endpointId"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"totalAttempts"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastStatusCode"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<ReplayWebhookDeliveryMutation, ReplayWebhookDeliveryMutationVariables>;