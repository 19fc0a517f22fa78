import { DateTimeISOResolver, JSONResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FISCAL_EVENT_STATUSES } from '../modules/fiscal-events/fiscal-event.entity.js';
import { DecimalScalar } from './invoice.scalars.js';

export const FiscalEventStatusEnum = Object.fromEntries(FISCAL_EVENT_STATUSES.map((s) => [s, s])) as {
  [K in (typeof FISCAL_EVENT_STATUSES)[number]]: K;
};
registerEnumType(FiscalEventStatusEnum, {
  name: 'FiscalEventStatus',
  description:
    'QUEUED → SENT → PROCESSED (sello) | REJECTED; UNKNOWN: MH is ' +
    'asked (consultadte) before any resend; PROCESSED → INVALIDATED',
});

@ObjectType('ReturnedLine', {
  description: 'One returned line: the original document and its line, and the quantity returned',
})
export class ReturnedLineType {
  @Field(() => ID) invoiceId!: string;
  @Field() codigoGeneracion!: string;
  @Field(() => Int) numItem!: number;
  @Field() cantidad!: string;
}

@ObjectType('FiscalEvent', {
  description:
    "Normativa 2.0's own events sent like a DTE: Evento de Retorno (18), Evento de Operaciones Especiales (17)",
})
export class FiscalEventType {
  @Field(() => ID) id!: string;
  @Field({ description: 'CAT-002: 18 Evento de Retorno, 17 Evento de Operaciones Especiales' }) tipoEvento!: string;
  @Field(() => FiscalEventStatusEnum) status!: string;
  @Field() ambiente!: string;
  @Field() referenciaExterna!: string;
  @Field() codigoGeneracion!: string;
  @Field() fecEmi!: string;
  @Field() horEmi!: string;
  @Field(() => String, { nullable: true }) selloRecibido!: string | null;
  @Field(() => String, { nullable: true }) fhProcesamiento!: string | null;
  @Field({ description: 'resumen.totalPagar (Retorno) or resumen.total (Operaciones Especiales)' }) total!: string;
  @Field(() => [String], { nullable: true }) observaciones!: string[] | null;
  @Field(() => String, { nullable: true }) mhCodigoMsg!: string | null;
  @Field(() => String, { nullable: true }) mhDescripcionMsg!: string | null;
  @Field(() => [ReturnedLineType], { nullable: true, description: 'Retorno only' }) lines!: ReturnedLineType[] | null;
  @Field(() => JSONResolver, { description: 'The event JSON as built (unsigned)' }) document!: unknown;
  @Field(() => JSONResolver, {
    nullable: true,
    description: 'Once INVALIDATED: the sealed Invalidación (codigoGeneracion, selloRecibido, …)',
  })
  invalidation!: unknown;
  @Field(() => DateTimeISOResolver, { nullable: true }) processedAt!: Date | null;
  @Field(() => DateTimeISOResolver) createdAt!: Date;
}

@ObjectType('InvoiceReturnableLine', {
  description: 'FE/FEX/FSE line: sold, already returned (every Retorno MH has not refused), and still returnable',
})
export class InvoiceReturnableLineType {
  @Field(() => Int) numItem!: number;
  @Field() descripcion!: string;
  @Field() vendida!: string;
  @Field() devuelta!: string;
  @Field() disponible!: string;
}

@InputType('ReturnLineInput')
export class ReturnLineInput {
  @Field(() => Int, { description: 'numItem of the line in the returned document' }) numItem!: number;
  @Field(() => DecimalScalar, { description: 'Quantity returned (> 0, ≤ what remains of the line)' }) cantidad!: string;
}

@InputType('ReturnDocumentInput')
export class ReturnDocumentInput {
  @Field(() => ID, { description: 'A PROCESSED FE (01), FEX (11) or FSE (14) of your tenant' }) invoiceId!: string;
  @Field(() => [ReturnLineInput]) lines!: ReturnLineInput[];
}

@InputType('ApendiceLineInput')
export class ApendiceLineInput {
  @Field() campo!: string;
  @Field() etiqueta!: string;
  @Field() valor!: string;
}

@InputType('EmitReturnInput', {
  description: 'Evento de Retorno: 1–50 documents of one type and one receptor, up to 2000 lines',
})
export class EmitReturnInput {
  @Field({ description: 'Your reference; idempotent on it per tenant' }) referenciaExterna!: string;
  @Field(() => [ReturnDocumentInput]) documents!: ReturnDocumentInput[];
  @Field(() => [ApendiceLineInput], { nullable: true }) apendice?: ApendiceLineInput[] | null;
}

@InputType('SpecialOperationInput', { description: 'One reported document or range of documents' })
export class SpecialOperationInput {
  @Field({ description: 'CAT-023: 02 factura de venta simplificada, 97 comprobantes de control interno' })
  tipoDocumento!: string;
  @Field(() => String, { nullable: true }) numDocumento?: string | null;
  @Field({ description: 'YYYY-MM-DD; reportable until the 10th business day of the following month' })
  fechaEmision!: string;
  @Field(() => Int, { description: 'Number of documents (an integer ≥ 1)' }) cantidad!: number;
  @Field() descripcion!: string;
  @Field(() => String, { nullable: true }) docDel?: string | null;
  @Field(() => String, { nullable: true }) docAl?: string | null;
  @Field(() => DecimalScalar, {
    description: 'precioUni: amount per document, IVA included; the line is cantidad × precio',
  })
  precio!: string;
  @Field(() => String, { nullable: true, description: 'gravado (default) | exento | noSujeto' }) tipo?: string | null;
  @Field(() => String, { nullable: true, description: 'A PROCESSED Operaciones Especiales event this line refers to' })
  codigoGeneracionRef?: string | null;
}

@InputType('EmitSpecialOperationsInput')
export class EmitSpecialOperationsInput {
  @Field() referenciaExterna!: string;
  @Field(() => [SpecialOperationInput]) items!: SpecialOperationInput[];
  @Field(() => String, { nullable: true }) codEstableMH?: string | null;
  @Field(() => String, { nullable: true }) codPuntoVentaMH?: string | null;
}
