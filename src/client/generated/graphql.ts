/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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
  /** SIGMA patient: without `receptor`, the patient's fiscal profile is the receptor */
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
  | 'TENANT_MISMATCH'
  | 'UNAUTHENTICATED'
  | 'UNKNOWN_SCOPE'
  | 'VALIDATION_FAILED';

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
  /** Contained in receptor name, numeroControl, codigoGeneracion or referenciaExterna (ignores case and accents; at most 100 characters) */
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
  /** gravado (default) | exento | noSujeto | noGravado */
  tipo?: string | null | undefined;
  /** CAT-011, default 2 (servicios) */
  tipoItem?: number | null | undefined;
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

/** The physician (FE/CCF otrosDocumentos line 3, FACTS §8) */
export type MedicoInput = {
  docIdentificacion?: string | null | undefined;
  nit?: string | null | undefined;
  nombre: string;
  /** CAT-010 */
  tipoServicio: number;
};

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

export const InvoiceSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvoiceSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoDte"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numeroControl"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"horEmi"}},{"kind":"Field","name":{"kind":"Name","value":"totalPagar"}},{"kind":"Field","name":{"kind":"Name","value":"pdfUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}}]} as unknown as DocumentNode<InvoiceSummaryFragment, unknown>;
export const ProblemFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<ProblemFragment, unknown>;
export const EmitInvoiceDocument = {"__meta__":{"hash":"sha256:5c7e5f19d315975838359d9e234791a6825bc5ea5526b3707200061fd115a2d9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EmitInvoice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EmitInvoiceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"emitInvoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"InvoiceSummary"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvoiceSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoDte"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numeroControl"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"horEmi"}},{"kind":"Field","name":{"kind":"Name","value":"totalPagar"}},{"kind":"Field","name":{"kind":"Name","value":"pdfUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<EmitInvoiceMutation, EmitInvoiceMutationVariables>;
export const UpsertPatientFiscalProfileDocument = {"__meta__":{"hash":"sha256:03926509ca6428c627e0507ad9652632ddc93415605db308b7031dff8ef62244"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertPatientFiscalProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FiscalProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertPatientFiscalProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"patientId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FiscalProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tipoDocumento"}},{"kind":"Field","name":{"kind":"Name","value":"numDocumento"}},{"kind":"Field","name":{"kind":"Name","value":"nrc"}},{"kind":"Field","name":{"kind":"Name","value":"nombre"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<UpsertPatientFiscalProfileMutation, UpsertPatientFiscalProfileMutationVariables>;
export const MapServiceFiscalDocument = {"__meta__":{"hash":"sha256:99e0e3270f88422e3b2d760377d161ac65f5a01be58b40cf266ed6390a9ea04c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MapServiceFiscal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"serviceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceFiscalInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mapServiceFiscal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"serviceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"serviceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceFiscalMapping"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"descripcion"}},{"kind":"Field","name":{"kind":"Name","value":"tipoItem"}},{"kind":"Field","name":{"kind":"Name","value":"uniMedida"}},{"kind":"Field","name":{"kind":"Name","value":"tipo"}},{"kind":"Field","name":{"kind":"Name","value":"tributos"}},{"kind":"Field","name":{"kind":"Name","value":"precio"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<MapServiceFiscalMutation, MapServiceFiscalMutationVariables>;
export const InvalidateInvoiceDocument = {"__meta__":{"hash":"sha256:8ae401c383fde279e85f4281c968c8a018b1d7bc1655e86442a461486111878b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"InvalidateInvoice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidateInvoiceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invalidateInvoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"InvoiceSummary"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvoiceSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoDte"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numeroControl"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"horEmi"}},{"kind":"Field","name":{"kind":"Name","value":"totalPagar"}},{"kind":"Field","name":{"kind":"Name","value":"pdfUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<InvalidateInvoiceMutation, InvalidateInvoiceMutationVariables>;
export const InvoiceByIdDocument = {"__meta__":{"hash":"sha256:a6bd713851b64875d00b26ac0e1cec35f614e3bc524e7de03f9437a1a113a77a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InvoiceById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InvoiceSummary"}},{"kind":"Field","name":{"kind":"Name","value":"observaciones"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvoiceSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoDte"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numeroControl"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"horEmi"}},{"kind":"Field","name":{"kind":"Name","value":"totalPagar"}},{"kind":"Field","name":{"kind":"Name","value":"pdfUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}}]} as unknown as DocumentNode<InvoiceByIdQuery, InvoiceByIdQueryVariables>;
export const InvoiceByReferenceDocument = {"__meta__":{"hash":"sha256:4edcf50731c93eac67ada4a3d819ae9a9aa592a964b4b5a56d9419084055d6fa"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InvoiceByReference"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"referenciaExterna"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoiceByReference"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"referenciaExterna"},"value":{"kind":"Variable","name":{"kind":"Name","value":"referenciaExterna"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InvoiceSummary"}},{"kind":"Field","name":{"kind":"Name","value":"observaciones"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvoiceSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoDte"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numeroControl"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"horEmi"}},{"kind":"Field","name":{"kind":"Name","value":"totalPagar"}},{"kind":"Field","name":{"kind":"Name","value":"pdfUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}}]} as unknown as DocumentNode<InvoiceByReferenceQuery, InvoiceByReferenceQueryVariables>;
export const InvoicesDocument = {"__meta__":{"hash":"sha256:b97df72ccb4388e30507c0afb9692034cdc08c37ec7f8f68b2b7a04e835ce283"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Invoices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"InvoiceFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InvoiceSummary"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvoiceSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoDte"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numeroControl"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"horEmi"}},{"kind":"Field","name":{"kind":"Name","value":"totalPagar"}},{"kind":"Field","name":{"kind":"Name","value":"pdfUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}}]} as unknown as DocumentNode<InvoicesQuery, InvoicesQueryVariables>;
export const EmitCreditNoteDocument = {"__meta__":{"hash":"sha256:f735f37291f8c51772d894ae699300d9ab117c62cb2a3f72ba5b4f35c68dfd4f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EmitCreditNote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NoteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"emitCreditNote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"InvoiceSummary"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvoiceSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoDte"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numeroControl"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"horEmi"}},{"kind":"Field","name":{"kind":"Name","value":"totalPagar"}},{"kind":"Field","name":{"kind":"Name","value":"pdfUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<EmitCreditNoteMutation, EmitCreditNoteMutationVariables>;
export const EmitDebitNoteDocument = {"__meta__":{"hash":"sha256:4be2c7a530967bb71867d1882c2371a584495aedac9cf02474700c24482614e2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EmitDebitNote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NoteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"emitDebitNote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"InvoiceSummary"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Problem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvoiceSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tipoDte"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numeroControl"}},{"kind":"Field","name":{"kind":"Name","value":"codigoGeneracion"}},{"kind":"Field","name":{"kind":"Name","value":"selloRecibido"}},{"kind":"Field","name":{"kind":"Name","value":"referenciaExterna"}},{"kind":"Field","name":{"kind":"Name","value":"fecEmi"}},{"kind":"Field","name":{"kind":"Name","value":"horEmi"}},{"kind":"Field","name":{"kind":"Name","value":"totalPagar"}},{"kind":"Field","name":{"kind":"Name","value":"pdfUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Problem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<EmitDebitNoteMutation, EmitDebitNoteMutationVariables>;
export const PreviewInvoiceDocument = {"__meta__":{"hash":"sha256:e2368a00b008f888a641ebde07d9dae004f02d57ac3771d4aefd81cb00ca5190"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PreviewInvoice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EmitInvoiceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"previewInvoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"tipoDte"}},{"kind":"Field","name":{"kind":"Name","value":"totalPagar"}},{"kind":"Field","name":{"kind":"Name","value":"document"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PreviewInvoiceMutation, PreviewInvoiceMutationVariables>;