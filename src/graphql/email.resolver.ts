import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
  createUnionType,
} from 'type-graphql';
import type { Context } from '../context.js';
import type { InvoiceEmail } from '../modules/email/invoice-email.entity.js';
import { invoiceEmails, resendInvoiceEmail } from '../modules/email/resend-invoice-email.js';
import { NotFound, ValidationFailed, asResult, resolveResultType } from './errors.types.js';
import { InvoiceEmailDeliveryType } from './email.types.js';

const InvoiceEmailResult = createUnionType({
  name: 'InvoiceEmailResult',
  types: () => [InvoiceEmailDeliveryType, ValidationFailed, NotFound] as const,
  resolveType: resolveResultType('InvoiceEmailDelivery'),
});

@Resolver(() => InvoiceEmailDeliveryType)
export class InvoiceEmailResolver {
  @Authorized('invoices:read')
  @Query(() => [InvoiceEmailDeliveryType], {
    description: 'E-mails of one invoice, newest first (the first is its current e-mail status)',
  })
  invoiceEmailDeliveries(@Ctx() ctx: Context, @Arg('invoiceId', () => ID) invoiceId: string) {
    return invoiceEmails(ctx, invoiceId);
  }

  @Authorized('invoices:emit')
  @Mutation(() => InvoiceEmailResult, {
    description: "E-mails the DTE (JSON + PDF) again, to the receptor's correo or to `to`",
  })
  resendInvoiceEmail(
    @Ctx() ctx: Context,
    @Arg('invoiceId', () => ID) invoiceId: string,
    @Arg('to', () => String, { nullable: true }) to?: string | null,
  ) {
    return asResult(() => resendInvoiceEmail(ctx, invoiceId, to));
  }

  @FieldResolver(() => ID)
  invoiceId(@Root() m: InvoiceEmail) {
    return m.invoice.id;
  }
}
