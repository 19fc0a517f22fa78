/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation EmitInvoice($input: EmitInvoiceInput!) {\n  emitInvoice(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}": typeof types.EmitInvoiceDocument,
    "mutation UpsertPatientFiscalProfile($patientId: ID!, $input: FiscalProfileInput!) {\n  upsertPatientFiscalProfile(patientId: $patientId, input: $input) {\n    __typename\n    ... on FiscalProfile {\n      tipoDocumento\n      numDocumento\n      nrc\n      nombre\n    }\n    ...Problem\n  }\n}\n\nmutation MapServiceFiscal($serviceId: ID!, $input: ServiceFiscalInput!) {\n  mapServiceFiscal(serviceId: $serviceId, input: $input) {\n    __typename\n    ... on ServiceFiscalMapping {\n      descripcion\n      tipoItem\n      uniMedida\n      tipo\n      tributos\n      precio\n    }\n    ...Problem\n  }\n}": typeof types.UpsertPatientFiscalProfileDocument,
    "fragment FiscalEventSummary on FiscalEvent {\n  id\n  tipoEvento\n  status\n  referenciaExterna\n  codigoGeneracion\n  fecEmi\n  selloRecibido\n  total\n  observaciones\n  lines {\n    invoiceId\n    numItem\n    cantidad\n  }\n}\n\nmutation EmitReturn($input: EmitReturnInput!) {\n  emitReturn(input: $input) {\n    __typename\n    ...FiscalEventSummary\n    ...Problem\n  }\n}\n\nmutation EmitSpecialOperations($input: EmitSpecialOperationsInput!) {\n  emitSpecialOperations(input: $input) {\n    __typename\n    ...FiscalEventSummary\n    ...Problem\n  }\n}\n\nquery FiscalEvent($id: ID!) {\n  fiscalEvent(id: $id) {\n    ...FiscalEventSummary\n    mhCodigoMsg\n    mhDescripcionMsg\n  }\n}\n\nquery InvoiceBalances($id: ID!) {\n  invoice(id: $id) {\n    id\n    tipoDte\n    creditBalance {\n      gravada\n      exenta\n      noSujeta\n    }\n    returnableLines {\n      numItem\n      descripcion\n      vendida\n      devuelta\n      disponible\n    }\n  }\n}": typeof types.FiscalEventSummaryFragmentDoc,
    "fragment InvoiceSummary on Invoice {\n  id\n  tipoDte\n  status\n  numeroControl\n  codigoGeneracion\n  selloRecibido\n  referenciaExterna\n  fecEmi\n  horEmi\n  totalPagar\n  pdfUrl\n  jsonUrl\n}\n\nfragment Problem on UserError {\n  __typename\n  code\n  message\n  issues {\n    path\n    code\n    message\n  }\n}": typeof types.InvoiceSummaryFragmentDoc,
    "mutation InvalidateInvoice($input: InvalidateInvoiceInput!) {\n  invalidateInvoice(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}": typeof types.InvalidateInvoiceDocument,
    "query InvoiceById($id: ID!) {\n  invoice(id: $id) {\n    ...InvoiceSummary\n    observaciones\n    events {\n      type\n      toStatus\n      createdAt\n    }\n  }\n}\n\nquery InvoiceByReference($referenciaExterna: String!) {\n  invoiceByReference(referenciaExterna: $referenciaExterna) {\n    ...InvoiceSummary\n    observaciones\n  }\n}\n\nquery Invoices($first: Int, $after: String, $filter: InvoiceFilter) {\n  invoices(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...InvoiceSummary\n      }\n    }\n  }\n}": typeof types.InvoiceByIdDocument,
    "mutation EmitCreditNote($input: NoteInput!) {\n  emitCreditNote(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}\n\nmutation EmitDebitNote($input: NoteInput!) {\n  emitDebitNote(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}": typeof types.EmitCreditNoteDocument,
    "mutation PreviewInvoice($input: EmitInvoiceInput!) {\n  previewInvoice(input: $input) {\n    valid\n    tipoDte\n    totalPagar\n    document\n    issues {\n      path\n      code\n      message\n    }\n  }\n}": typeof types.PreviewInvoiceDocument,
};
const documents: Documents = {
    "mutation EmitInvoice($input: EmitInvoiceInput!) {\n  emitInvoice(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}": types.EmitInvoiceDocument,
    "mutation UpsertPatientFiscalProfile($patientId: ID!, $input: FiscalProfileInput!) {\n  upsertPatientFiscalProfile(patientId: $patientId, input: $input) {\n    __typename\n    ... on FiscalProfile {\n      tipoDocumento\n      numDocumento\n      nrc\n      nombre\n    }\n    ...Problem\n  }\n}\n\nmutation MapServiceFiscal($serviceId: ID!, $input: ServiceFiscalInput!) {\n  mapServiceFiscal(serviceId: $serviceId, input: $input) {\n    __typename\n    ... on ServiceFiscalMapping {\n      descripcion\n      tipoItem\n      uniMedida\n      tipo\n      tributos\n      precio\n    }\n    ...Problem\n  }\n}": types.UpsertPatientFiscalProfileDocument,
    "fragment FiscalEventSummary on FiscalEvent {\n  id\n  tipoEvento\n  status\n  referenciaExterna\n  codigoGeneracion\n  fecEmi\n  selloRecibido\n  total\n  observaciones\n  lines {\n    invoiceId\n    numItem\n    cantidad\n  }\n}\n\nmutation EmitReturn($input: EmitReturnInput!) {\n  emitReturn(input: $input) {\n    __typename\n    ...FiscalEventSummary\n    ...Problem\n  }\n}\n\nmutation EmitSpecialOperations($input: EmitSpecialOperationsInput!) {\n  emitSpecialOperations(input: $input) {\n    __typename\n    ...FiscalEventSummary\n    ...Problem\n  }\n}\n\nquery FiscalEvent($id: ID!) {\n  fiscalEvent(id: $id) {\n    ...FiscalEventSummary\n    mhCodigoMsg\n    mhDescripcionMsg\n  }\n}\n\nquery InvoiceBalances($id: ID!) {\n  invoice(id: $id) {\n    id\n    tipoDte\n    creditBalance {\n      gravada\n      exenta\n      noSujeta\n    }\n    returnableLines {\n      numItem\n      descripcion\n      vendida\n      devuelta\n      disponible\n    }\n  }\n}": types.FiscalEventSummaryFragmentDoc,
    "fragment InvoiceSummary on Invoice {\n  id\n  tipoDte\n  status\n  numeroControl\n  codigoGeneracion\n  selloRecibido\n  referenciaExterna\n  fecEmi\n  horEmi\n  totalPagar\n  pdfUrl\n  jsonUrl\n}\n\nfragment Problem on UserError {\n  __typename\n  code\n  message\n  issues {\n    path\n    code\n    message\n  }\n}": types.InvoiceSummaryFragmentDoc,
    "mutation InvalidateInvoice($input: InvalidateInvoiceInput!) {\n  invalidateInvoice(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}": types.InvalidateInvoiceDocument,
    "query InvoiceById($id: ID!) {\n  invoice(id: $id) {\n    ...InvoiceSummary\n    observaciones\n    events {\n      type\n      toStatus\n      createdAt\n    }\n  }\n}\n\nquery InvoiceByReference($referenciaExterna: String!) {\n  invoiceByReference(referenciaExterna: $referenciaExterna) {\n    ...InvoiceSummary\n    observaciones\n  }\n}\n\nquery Invoices($first: Int, $after: String, $filter: InvoiceFilter) {\n  invoices(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...InvoiceSummary\n      }\n    }\n  }\n}": types.InvoiceByIdDocument,
    "mutation EmitCreditNote($input: NoteInput!) {\n  emitCreditNote(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}\n\nmutation EmitDebitNote($input: NoteInput!) {\n  emitDebitNote(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}": types.EmitCreditNoteDocument,
    "mutation PreviewInvoice($input: EmitInvoiceInput!) {\n  previewInvoice(input: $input) {\n    valid\n    tipoDte\n    totalPagar\n    document\n    issues {\n      path\n      code\n      message\n    }\n  }\n}": types.PreviewInvoiceDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EmitInvoice($input: EmitInvoiceInput!) {\n  emitInvoice(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}"): (typeof documents)["mutation EmitInvoice($input: EmitInvoiceInput!) {\n  emitInvoice(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpsertPatientFiscalProfile($patientId: ID!, $input: FiscalProfileInput!) {\n  upsertPatientFiscalProfile(patientId: $patientId, input: $input) {\n    __typename\n    ... on FiscalProfile {\n      tipoDocumento\n      numDocumento\n      nrc\n      nombre\n    }\n    ...Problem\n  }\n}\n\nmutation MapServiceFiscal($serviceId: ID!, $input: ServiceFiscalInput!) {\n  mapServiceFiscal(serviceId: $serviceId, input: $input) {\n    __typename\n    ... on ServiceFiscalMapping {\n      descripcion\n      tipoItem\n      uniMedida\n      tipo\n      tributos\n      precio\n    }\n    ...Problem\n  }\n}"): (typeof documents)["mutation UpsertPatientFiscalProfile($patientId: ID!, $input: FiscalProfileInput!) {\n  upsertPatientFiscalProfile(patientId: $patientId, input: $input) {\n    __typename\n    ... on FiscalProfile {\n      tipoDocumento\n      numDocumento\n      nrc\n      nombre\n    }\n    ...Problem\n  }\n}\n\nmutation MapServiceFiscal($serviceId: ID!, $input: ServiceFiscalInput!) {\n  mapServiceFiscal(serviceId: $serviceId, input: $input) {\n    __typename\n    ... on ServiceFiscalMapping {\n      descripcion\n      tipoItem\n      uniMedida\n      tipo\n      tributos\n      precio\n    }\n    ...Problem\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment FiscalEventSummary on FiscalEvent {\n  id\n  tipoEvento\n  status\n  referenciaExterna\n  codigoGeneracion\n  fecEmi\n  selloRecibido\n  total\n  observaciones\n  lines {\n    invoiceId\n    numItem\n    cantidad\n  }\n}\n\nmutation EmitReturn($input: EmitReturnInput!) {\n  emitReturn(input: $input) {\n    __typename\n    ...FiscalEventSummary\n    ...Problem\n  }\n}\n\nmutation EmitSpecialOperations($input: EmitSpecialOperationsInput!) {\n  emitSpecialOperations(input: $input) {\n    __typename\n    ...FiscalEventSummary\n    ...Problem\n  }\n}\n\nquery FiscalEvent($id: ID!) {\n  fiscalEvent(id: $id) {\n    ...FiscalEventSummary\n    mhCodigoMsg\n    mhDescripcionMsg\n  }\n}\n\nquery InvoiceBalances($id: ID!) {\n  invoice(id: $id) {\n    id\n    tipoDte\n    creditBalance {\n      gravada\n      exenta\n      noSujeta\n    }\n    returnableLines {\n      numItem\n      descripcion\n      vendida\n      devuelta\n      disponible\n    }\n  }\n}"): (typeof documents)["fragment FiscalEventSummary on FiscalEvent {\n  id\n  tipoEvento\n  status\n  referenciaExterna\n  codigoGeneracion\n  fecEmi\n  selloRecibido\n  total\n  observaciones\n  lines {\n    invoiceId\n    numItem\n    cantidad\n  }\n}\n\nmutation EmitReturn($input: EmitReturnInput!) {\n  emitReturn(input: $input) {\n    __typename\n    ...FiscalEventSummary\n    ...Problem\n  }\n}\n\nmutation EmitSpecialOperations($input: EmitSpecialOperationsInput!) {\n  emitSpecialOperations(input: $input) {\n    __typename\n    ...FiscalEventSummary\n    ...Problem\n  }\n}\n\nquery FiscalEvent($id: ID!) {\n  fiscalEvent(id: $id) {\n    ...FiscalEventSummary\n    mhCodigoMsg\n    mhDescripcionMsg\n  }\n}\n\nquery InvoiceBalances($id: ID!) {\n  invoice(id: $id) {\n    id\n    tipoDte\n    creditBalance {\n      gravada\n      exenta\n      noSujeta\n    }\n    returnableLines {\n      numItem\n      descripcion\n      vendida\n      devuelta\n      disponible\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment InvoiceSummary on Invoice {\n  id\n  tipoDte\n  status\n  numeroControl\n  codigoGeneracion\n  selloRecibido\n  referenciaExterna\n  fecEmi\n  horEmi\n  totalPagar\n  pdfUrl\n  jsonUrl\n}\n\nfragment Problem on UserError {\n  __typename\n  code\n  message\n  issues {\n    path\n    code\n    message\n  }\n}"): (typeof documents)["fragment InvoiceSummary on Invoice {\n  id\n  tipoDte\n  status\n  numeroControl\n  codigoGeneracion\n  selloRecibido\n  referenciaExterna\n  fecEmi\n  horEmi\n  totalPagar\n  pdfUrl\n  jsonUrl\n}\n\nfragment Problem on UserError {\n  __typename\n  code\n  message\n  issues {\n    path\n    code\n    message\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation InvalidateInvoice($input: InvalidateInvoiceInput!) {\n  invalidateInvoice(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}"): (typeof documents)["mutation InvalidateInvoice($input: InvalidateInvoiceInput!) {\n  invalidateInvoice(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InvoiceById($id: ID!) {\n  invoice(id: $id) {\n    ...InvoiceSummary\n    observaciones\n    events {\n      type\n      toStatus\n      createdAt\n    }\n  }\n}\n\nquery InvoiceByReference($referenciaExterna: String!) {\n  invoiceByReference(referenciaExterna: $referenciaExterna) {\n    ...InvoiceSummary\n    observaciones\n  }\n}\n\nquery Invoices($first: Int, $after: String, $filter: InvoiceFilter) {\n  invoices(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...InvoiceSummary\n      }\n    }\n  }\n}"): (typeof documents)["query InvoiceById($id: ID!) {\n  invoice(id: $id) {\n    ...InvoiceSummary\n    observaciones\n    events {\n      type\n      toStatus\n      createdAt\n    }\n  }\n}\n\nquery InvoiceByReference($referenciaExterna: String!) {\n  invoiceByReference(referenciaExterna: $referenciaExterna) {\n    ...InvoiceSummary\n    observaciones\n  }\n}\n\nquery Invoices($first: Int, $after: String, $filter: InvoiceFilter) {\n  invoices(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...InvoiceSummary\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EmitCreditNote($input: NoteInput!) {\n  emitCreditNote(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}\n\nmutation EmitDebitNote($input: NoteInput!) {\n  emitDebitNote(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}"): (typeof documents)["mutation EmitCreditNote($input: NoteInput!) {\n  emitCreditNote(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}\n\nmutation EmitDebitNote($input: NoteInput!) {\n  emitDebitNote(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PreviewInvoice($input: EmitInvoiceInput!) {\n  previewInvoice(input: $input) {\n    valid\n    tipoDte\n    totalPagar\n    document\n    issues {\n      path\n      code\n      message\n    }\n  }\n}"): (typeof documents)["mutation PreviewInvoice($input: EmitInvoiceInput!) {\n  previewInvoice(input: $input) {\n    valid\n    tipoDte\n    totalPagar\n    document\n    issues {\n      path\n      code\n      message\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;