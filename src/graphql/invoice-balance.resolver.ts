import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { creditBalanceOf } from '../modules/invoices/credit-balance.js';
import { returnsOfInvoice } from '../modules/fiscal-events/get-fiscal-event.js';
import { returnableLines, returnDeadlineOf } from '../modules/fiscal-events/return-balance.js';
import type { InvoiceData } from '../modules/invoices/listed-invoice.js';
import { FiscalEventType, InvoiceReturnableLineType } from './fiscal-event.types.js';
import { InvoiceType } from './invoice.types.js';

@ObjectType('InvoiceCreditBalance', {
  description: 'What Notas de Crédito may still credit of a CCF, per tax treatment, without IVA (decimal strings)',
})
export class InvoiceCreditBalanceType {
  @Field() gravada!: string;
  @Field() exenta!: string;
  @Field() noSujeta!: string;
}

/** Balance fields of an Invoice (kept apart from the main resolver: they read other documents). */
@Resolver(() => InvoiceType)
export class InvoiceBalanceResolver {
  @FieldResolver(() => InvoiceCreditBalanceType, {
    nullable: true,
    description:
      'CCF only: the CCF plus PROCESSED debit notes minus credit ' +
      'notes MH has not refused; invalidating a note restores it',
  })
  creditBalance(@Ctx() ctx: Context, @Root() inv: InvoiceData) {
    return creditBalanceOf(ctx.em, inv);
  }

  @FieldResolver(() => [InvoiceReturnableLineType], {
    nullable: true,
    description: 'FE/FEX/FSE only: per line, what Eventos de Retorno may still return',
  })
  returnableLines(@Ctx() ctx: Context, @Root() inv: InvoiceData) {
    return returnableLines(ctx.em, inv);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'FE/FEX/FSE only: last date for an Evento de Retorno (2 years for pharmaceutical activities, else 3 months)',
  })
  returnDeadline(@Ctx() ctx: Context, @Root() inv: InvoiceData) {
    return returnDeadlineOf(ctx.em, inv);
  }

  @FieldResolver(() => [FiscalEventType], { description: 'The Eventos de Retorno against this document, oldest first' })
  returns(@Ctx() ctx: Context, @Root() inv: InvoiceData) {
    return returnsOfInvoice(ctx, inv);
  }
}
