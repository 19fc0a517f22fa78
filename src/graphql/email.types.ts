import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum EmailDeliveryStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  WRITTEN_TO_OUTBOX = 'WRITTEN_TO_OUTBOX',
  FAILED = 'FAILED',
}
registerEnumType(EmailDeliveryStatus, {
  name: 'EmailDeliveryStatus',
  description: 'SENT over SMTP; WRITTEN_TO_OUTBOX when no SMTP server is configured (nothing left the server)',
});

@ObjectType('InvoiceEmailDelivery', { description: 'The DTE e-mailed to the receptor (JSON + PDF attached)' })
export class InvoiceEmailDeliveryType {
  readonly __typename = 'InvoiceEmailDelivery';
  @Field(() => ID) id!: string;
  @Field(() => ID) invoiceId!: string;
  @Field() to!: string;
  @Field(() => EmailDeliveryStatus) status!: EmailDeliveryStatus;
  @Field(() => Int) attempts!: number;
  @Field(() => String, { nullable: true }) messageId!: string | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Set when the e-mail went out without the PDF (it could not be rendered): why',
  })
  pdfOmittedReason!: string | null;
  @Field(() => DateTimeISOResolver, { nullable: true }) sentAt!: Date | null;
  @Field(() => DateTimeISOResolver) createdAt!: Date;
}
