import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { InvoiceData } from '../modules/invoices/listed-invoice.js';
import { invoiceBlock } from '../modules/transmission/blocked.js';
import { InvoiceType } from './invoice.types.js';

@ObjectType('InvoiceBlock', {
  description: 'Why a document waits before it can be transmitted, and what to do about it',
})
export class InvoiceBlockType {
  @Field({ description: 'NO_MH_CREDENTIAL or MH_CERTIFICATE_EXPIRED' }) code!: string;
  @Field({ description: 'What is missing and what to do (e.g. import the MH credential)' }) reason!: string;
  @Field(() => DateTimeISOResolver) since!: Date;
}

/** Invoice.blocked (the waiting reason) and one shape of observaciones: always a list, [] when MH said nothing. */
@Resolver(() => InvoiceType)
export class InvoiceBlockedFieldsResolver {
  @FieldResolver(() => InvoiceBlockType, {
    nullable: true,
    description: 'Set while the document waits for the tenant (e.g. an MH credential); null otherwise',
  })
  blocked(@Root() inv: InvoiceData): InvoiceBlockType | null {
    return invoiceBlock(inv);
  }

  @FieldResolver()
  observaciones(@Root() inv: InvoiceData): string[] {
    return inv.observaciones ?? [];
  }
}
