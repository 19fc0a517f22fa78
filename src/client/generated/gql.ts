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
    "fragment InvoiceSummary on Invoice {\n  id\n  tipoDte\n  status\n  numeroControl\n  codigoGeneracion\n  selloRecibido\n  referenciaExterna\n  fecEmi\n  horEmi\n  totalPagar\n  pdfUrl\n  jsonUrl\n}\n\nfragment Problem on UserError {\n  __typename\n  code\n  message\n  issues {\n    path\n    code\n    message\n  }\n}": typeof types.InvoiceSummaryFragmentDoc,
    "mutation InvalidateInvoice($input: InvalidateInvoiceInput!) {\n  invalidateInvoice(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}": typeof types.InvalidateInvoiceDocument,
    "query InvoiceById($id: ID!) {\n  invoice(id: $id) {\n    ...InvoiceSummary\n    observaciones\n    events {\n      type\n      toStatus\n      createdAt\n    }\n  }\n}\n\nquery InvoiceByReference($referenciaExterna: String!) {\n  invoiceByReference(referenciaExterna: $referenciaExterna) {\n    ...InvoiceSummary\n    observaciones\n  }\n}\n\nquery Invoices($first: Int, $after: String, $filter: InvoiceFilter) {\n  invoices(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...InvoiceSummary\n      }\n    }\n  }\n}": typeof types.InvoiceByIdDocument,
    "fragment MonthlyReportSummary on MonthlyReport {\n  id\n  period\n  kind\n  status\n  progress\n  documents\n  error\n  file {\n    name\n    bytes\n    sha256\n  }\n  download {\n    url\n    expiresAt\n  }\n}\n\nmutation RequestMonthlyReport($input: RequestMonthlyReportInput!) {\n  requestMonthlyReport(input: $input) {\n    __typename\n    ...MonthlyReportSummary\n    ...Problem\n  }\n}\n\nquery MonthlyReport($id: ID!) {\n  monthlyReport(id: $id) {\n    ...MonthlyReportSummary\n  }\n}\n\nquery MonthlyReports($first: Int) {\n  monthlyReports(first: $first) {\n    ...MonthlyReportSummary\n  }\n}\n\nquery BusinessHolidays($year: Int!) {\n  businessHolidays(year: $year) {\n    date\n    name\n  }\n}\n\nquery InvoiceDeadlines($id: ID!) {\n  invoice(id: $id) {\n    id\n    deadlines {\n      invalidation\n      ivaReturn\n      relatedNotes\n      perishableMedicine\n      contingencyEvent\n      transmit\n    }\n  }\n}": typeof types.MonthlyReportSummaryFragmentDoc,
    "mutation EmitCreditNote($input: NoteInput!) {\n  emitCreditNote(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}\n\nmutation EmitDebitNote($input: NoteInput!) {\n  emitDebitNote(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}": typeof types.EmitCreditNoteDocument,
    "mutation PreviewInvoice($input: EmitInvoiceInput!) {\n  previewInvoice(input: $input) {\n    valid\n    tipoDte\n    totalPagar\n    document\n    issues {\n      path\n      code\n      message\n    }\n  }\n}": typeof types.PreviewInvoiceDocument,
};
const documents: Documents = {
    "mutation EmitInvoice($input: EmitInvoiceInput!) {\n  emitInvoice(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}": types.EmitInvoiceDocument,
    "mutation UpsertPatientFiscalProfile($patientId: ID!, $input: FiscalProfileInput!) {\n  upsertPatientFiscalProfile(patientId: $patientId, input: $input) {\n    __typename\n    ... on FiscalProfile {\n      tipoDocumento\n      numDocumento\n      nrc\n      nombre\n    }\n    ...Problem\n  }\n}\n\nmutation MapServiceFiscal($serviceId: ID!, $input: ServiceFiscalInput!) {\n  mapServiceFiscal(serviceId: $serviceId, input: $input) {\n    __typename\n    ... on ServiceFiscalMapping {\n      descripcion\n      tipoItem\n      uniMedida\n      tipo\n      tributos\n      precio\n    }\n    ...Problem\n  }\n}": types.UpsertPatientFiscalProfileDocument,
    "fragment InvoiceSummary on Invoice {\n  id\n  tipoDte\n  status\n  numeroControl\n  codigoGeneracion\n  selloRecibido\n  referenciaExterna\n  fecEmi\n  horEmi\n  totalPagar\n  pdfUrl\n  jsonUrl\n}\n\nfragment Problem on UserError {\n  __typename\n  code\n  message\n  issues {\n    path\n    code\n    message\n  }\n}": types.InvoiceSummaryFragmentDoc,
    "mutation InvalidateInvoice($input: InvalidateInvoiceInput!) {\n  invalidateInvoice(input: $input) {\n    __typename\n    ...InvoiceSummary\n    ...Problem\n  }\n}": types.InvalidateInvoiceDocument,
    "query InvoiceById($id: ID!) {\n  invoice(id: $id) {\n    ...InvoiceSummary\n    observaciones\n    events {\n      type\n      toStatus\n      createdAt\n    }\n  }\n}\n\nquery InvoiceByReference($referenciaExterna: String!) {\n  invoiceByReference(referenciaExterna: $referenciaExterna) {\n    ...InvoiceSummary\n    observaciones\n  }\n}\n\nquery Invoices($first: Int, $after: String, $filter: InvoiceFilter) {\n  invoices(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...InvoiceSummary\n      }\n    }\n  }\n}": types.InvoiceByIdDocument,
    "fragment MonthlyReportSummary on MonthlyReport {\n  id\n  period\n  kind\n  status\n  progress\n  documents\n  error\n  file {\n    name\n    bytes\n    sha256\n  }\n  download {\n    url\n    expiresAt\n  }\n}\n\nmutation RequestMonthlyReport($input: RequestMonthlyReportInput!) {\n  requestMonthlyReport(input: $input) {\n    __typename\n    ...MonthlyReportSummary\n    ...Problem\n  }\n}\n\nquery MonthlyReport($id: ID!) {\n  monthlyReport(id: $id) {\n    ...MonthlyReportSummary\n  }\n}\n\nquery MonthlyReports($first: Int) {\n  monthlyReports(first: $first) {\n    ...MonthlyReportSummary\n  }\n}\n\nquery BusinessHolidays($year: Int!) {\n  businessHolidays(year: $year) {\n    date\n    name\n  }\n}\n\nquery InvoiceDeadlines($id: ID!) {\n  invoice(id: $id) {\n    id\n    deadlines {\n      invalidation\n      ivaReturn\n      relatedNotes\n      perishableMedicine\n      contingencyEvent\n      transmit\n    }\n  }\n}": types.MonthlyReportSummaryFragmentDoc,
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
export function graphql(source: "fragment MonthlyReportSummary on MonthlyReport {\n  id\n  period\n  kind\n  status\n  progress\n  documents\n  error\n  file {\n    name\n    bytes\n    sha256\n  }\n  download {\n    url\n    expiresAt\n  }\n}\n\nmutation RequestMonthlyReport($input: RequestMonthlyReportInput!) {\n  requestMonthlyReport(input: $input) {\n    __typename\n    ...MonthlyReportSummary\n    ...Problem\n  }\n}\n\nquery MonthlyReport($id: ID!) {\n  monthlyReport(id: $id) {\n    ...MonthlyReportSummary\n  }\n}\n\nquery MonthlyReports($first: Int) {\n  monthlyReports(first: $first) {\n    ...MonthlyReportSummary\n  }\n}\n\nquery BusinessHolidays($year: Int!) {\n  businessHolidays(year: $year) {\n    date\n    name\n  }\n}\n\nquery InvoiceDeadlines($id: ID!) {\n  invoice(id: $id) {\n    id\n    deadlines {\n      invalidation\n      ivaReturn\n      relatedNotes\n      perishableMedicine\n      contingencyEvent\n      transmit\n    }\n  }\n}"): (typeof documents)["fragment MonthlyReportSummary on MonthlyReport {\n  id\n  period\n  kind\n  status\n  progress\n  documents\n  error\n  file {\n    name\n    bytes\n    sha256\n  }\n  download {\n    url\n    expiresAt\n  }\n}\n\nmutation RequestMonthlyReport($input: RequestMonthlyReportInput!) {\n  requestMonthlyReport(input: $input) {\n    __typename\n    ...MonthlyReportSummary\n    ...Problem\n  }\n}\n\nquery MonthlyReport($id: ID!) {\n  monthlyReport(id: $id) {\n    ...MonthlyReportSummary\n  }\n}\n\nquery MonthlyReports($first: Int) {\n  monthlyReports(first: $first) {\n    ...MonthlyReportSummary\n  }\n}\n\nquery BusinessHolidays($year: Int!) {\n  businessHolidays(year: $year) {\n    date\n    name\n  }\n}\n\nquery InvoiceDeadlines($id: ID!) {\n  invoice(id: $id) {\n    id\n    deadlines {\n      invalidation\n      ivaReturn\n      relatedNotes\n      perishableMedicine\n      contingencyEvent\n      transmit\n    }\n  }\n}"];
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