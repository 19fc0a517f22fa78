import { DateTimeISOResolver, JSONResolver } from 'graphql-scalars';
import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { INVOICE_STATUSES } from '../modules/invoices/invoice-lifecycle.js';
import { FieldProblem } from './errors.types.js';

export const InvoiceStatusEnum = Object.fromEntries(INVOICE_STATUSES.map((s) => [s, s])) as {
  [K in (typeof INVOICE_STATUSES)[number]]: K;
};
registerEnumType(InvoiceStatusEnum, {
  name: 'InvoiceStatus',
  description:
    'QUEUED → SIGNED → SENT → PROCESSED | REJECTED; UNKNOWN (MH ' +
    'timeout, queried before any resend); CONTINGENCY; INVALIDATED',
});

@ObjectType('InvoiceReceptor', { description: 'The DTE receptor as written on the document' })
export class InvoiceReceptorType {
  @Field(() => String, { nullable: true }) nombre!: string | null;
  @Field(() => String, { nullable: true, description: 'CAT-022 (36 NIT on CCF-family documents)' }) tipoDocumento!:
    | string
    | null;
  @Field(() => String, { nullable: true }) numDocumento!: string | null;
  @Field(() => String, { nullable: true }) nrc!: string | null;
  @Field(() => String, { nullable: true }) codActividad!: string | null;
  @Field(() => String, { nullable: true }) correo!: string | null;
  @Field(() => String, { nullable: true }) telefono!: string | null;
}

@ObjectType('InvoiceItem', { description: 'One cuerpoDocumento line, MH names' })
export class InvoiceItemType {
  @Field(() => Int) numItem!: number;
  @Field(() => Int, { nullable: true }) tipoItem!: number | null;
  @Field() descripcion!: string;
  @Field(() => String, { nullable: true }) cantidad!: string | null;
  @Field(() => Int, { nullable: true }) uniMedida!: number | null;
  @Field(() => String, { nullable: true }) codigo!: string | null;
  @Field(() => String, { nullable: true }) precioUni!: string | null;
  @Field(() => String, { nullable: true }) montoDescu!: string | null;
  @Field(() => String, { nullable: true }) ventaNoSuj!: string | null;
  @Field(() => String, { nullable: true }) ventaExenta!: string | null;
  @Field(() => String, { nullable: true }) ventaGravada!: string | null;
  @Field(() => String, { nullable: true }) ivaItem!: string | null;
}

@ObjectType('InvoiceTotals', { description: 'resumen amounts (decimal strings, 2 decimals)' })
export class InvoiceTotalsType {
  @Field(() => String, { nullable: true }) totalNoSuj!: string | null;
  @Field(() => String, { nullable: true }) totalExenta!: string | null;
  @Field(() => String, { nullable: true }) totalGravada!: string | null;
  @Field(() => String, { nullable: true }) subTotal!: string | null;
  @Field(() => String, { nullable: true }) totalIva!: string | null;
  @Field(() => String, { nullable: true }) ivaRete1!: string | null;
  @Field(() => String, { nullable: true }) montoTotalOperacion!: string | null;
  @Field(() => String, { nullable: true }) totalPagar!: string | null;
  @Field(() => String, { nullable: true }) totalLetras!: string | null;
}

@ObjectType('InvoiceDeadlines', {
  description: 'Legal deadlines (MH invalidation windows and contingency transmission deadlines)',
})
export class InvoiceDeadlinesType {
  @Field(() => String, {
    nullable: true,
    description: 'Last El Salvador date on which the invalidation event may be sent',
  })
  invalidation!: string | null;
  @Field(() => DateTimeISOResolver, {
    nullable: true,
    description: 'Contingency: the document must reach MH before this instant',
  })
  transmit!: Date | null;
  @Field(() => DateTimeISOResolver, {
    nullable: true,
    description: 'Contingency: the contingency event must reach MH before this instant',
  })
  contingencyEvent!: Date | null;
  @Field(() => String, {
    description:
      'Last date of the monthly IVA return (F-07) covering this document: 10th business day of the following month',
  })
  ivaReturn!: string;
  @Field(() => String, {
    nullable: true,
    description: 'CCF / CR: last date on which a credit or debit note may relate this document (3 months)',
  })
  relatedNotes!: string | null;
  @Field(() => Boolean, { description: 'A line is a perishable medicine (2-year invalidation window)' })
  perishableMedicine!: boolean;
}

@ObjectType('InvoiceEvent', { description: 'One state change in the invoice history' })
export class InvoiceEventType {
  @Field(() => ID) id!: string;
  @Field({ description: 'dte.queued, dte.signed, dte.processed, dte.rejected, …' }) type!: string;
  @Field(() => InvoiceStatusEnum, { nullable: true }) fromStatus!: string | null;
  @Field(() => InvoiceStatusEnum, { nullable: true }) toStatus!: string | null;
  @Field(() => JSONResolver, { nullable: true }) data!: unknown;
  @Field(() => DateTimeISOResolver) createdAt!: Date;
}

@Directive('@key(fields: "id")')
@ObjectType('Invoice', { description: 'One DTE emitted by the tenant' })
export class InvoiceType {
  @Field(() => ID) id!: string;
  @Field({ description: 'CAT-002: 01 FE, 03 CCF, 05 NC, 06 ND, …' }) tipoDte!: string;
  @Field(() => InvoiceStatusEnum) status!: string;
  @Field({ description: '00 test, 01 production' }) ambiente!: string;
  @Field() numeroControl!: string;
  @Field() codigoGeneracion!: string;
  @Field(() => String, { nullable: true, description: 'MH reception stamp, once PROCESSED' }) selloRecibido!:
    | string
    | null;
  @Field({ description: 'Issued against an MH sandbox, not MH: the document and its sello have no fiscal validity' })
  sandbox!: boolean;
  @Field({ description: 'Emission date (El Salvador), YYYY-MM-DD' }) fecEmi!: string;
  @Field({ description: 'Emission time (El Salvador), HH:mm:ss' }) horEmi!: string;
  @Field(() => String, { nullable: true, description: 'MH processing timestamp' }) fhProcesamiento!: string | null;
  @Field(() => DateTimeISOResolver, { nullable: true }) processedAt!: Date | null;
  @Field(() => DateTimeISOResolver) createdAt!: Date;
  @Field(() => DateTimeISOResolver) updatedAt!: Date;
  @Field({ description: "The caller's own reference (idempotency key, unique per tenant)" }) referenciaExterna!: string;
  @Field(() => String, { description: 'totalPagar (decimal string)' }) totalPagar!: string;
  @Field(() => [String], { nullable: true, description: 'MH observaciones (rejections and warnings); [] when none' })
  observaciones!: string[] | null;
  @Field(() => String, { nullable: true }) mhCodigoMsg!: string | null;
  @Field(() => String, { nullable: true }) mhDescripcionMsg!: string | null;
  @Field(() => JSONResolver, { description: 'The DTE JSON as built (unsigned)' }) document!: unknown;
}

@ObjectType('InvoiceEdge')
export class InvoiceEdgeType {
  @Field() cursor!: string;
  @Field(() => InvoiceType) node!: InvoiceType;
}

@ObjectType('InvoicePageInfo', {
  description:
    'Cursor page of invoices (named apart from any PageInfo of ' +
    'other subgraphs, so composition never has to merge them)',
})
export class PageInfoType {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export const TOTAL_COUNT_DESCRIPTION = [
  "Invoices matching the filter: exact up to 1,000 matches, counted from the index; beyond that the planner's",
  'estimate from table statistics (totalCountExact tells which). With a `text` matched by name or by containment:',
  'the estimate when the planner expects more than 1,000 matches, else exact up to 200. `exact: true` counts every',
  'match (slower on large results). Computed only when asked for.',
].join(' ');

export const TEXT_FILTER_DESCRIPTION = [
  'Search (at most 100 characters), case- and accent-insensitive, in the first of these that finds any of your',
  'documents: (1) a single word with a digit is an identifier, matched from its beginning: codigoGeneracion (from its',
  'first 8 hex digits), numeroControl (`DTE-…`), referenciaExterna, or, when it is digits and dashes, exactly the',
  "receptor's document number; (2) otherwise whole words of the receptor's name, in the order given and adjacent",
  '(`jose pena` finds José Peña Rivas), then the same with the last word only begun (`jose pe`); (3) failing those,',
  "contained anywhere in the receptor's name, numeroControl, codigoGeneracion or referenciaExterna (`ñez` finds",
  'Núñez). Every page of a listing uses the same of these.',
].join(' ');

@ObjectType('InvoiceConnection')
export class InvoiceConnectionType {
  @Field(() => [InvoiceEdgeType]) edges!: InvoiceEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  @Field(() => Int, { description: TOTAL_COUNT_DESCRIPTION }) totalCount!: number;
  @Field({ description: 'True when totalCount is an exact count, false when it is an estimate' })
  totalCountExact!: boolean;
}

@InputType('InvoiceFilter')
export class InvoiceFilterInput {
  @Field(() => [InvoiceStatusEnum], { nullable: true }) status?: (typeof INVOICE_STATUSES)[number][] | null;
  @Field(() => [String], { nullable: true, description: 'CAT-002 codes' }) tipoDte?: string[] | null;
  @Field(() => String, { nullable: true, description: 'fecEmi ≥ (YYYY-MM-DD)' }) fromDate?: string | null;
  @Field(() => String, { nullable: true, description: 'fecEmi ≤ (YYYY-MM-DD)' }) toDate?: string | null;
  @Field(() => String, { nullable: true }) receptorNumDocumento?: string | null;
  @Field(() => ID, { nullable: true }) patientId?: string | null;
  @Field(() => String, { nullable: true, description: TEXT_FILTER_DESCRIPTION }) text?: string | null;
}

@ObjectType('InvoicePreview', {
  description: 'A dry run: the document that would be emitted, or why not. Nothing is stored.',
})
export class InvoicePreviewType {
  @Field() valid!: boolean;
  @Field(() => String, { nullable: true }) tipoDte!: string | null;
  @Field(() => JSONResolver, {
    nullable: true,
    description: 'Built with a throw-away numeroControl and codigoGeneracion',
  })
  document!: unknown;
  @Field(() => String, { nullable: true }) totalPagar!: string | null;
  @Field(() => [FieldProblem]) issues!: FieldProblem[];
}
