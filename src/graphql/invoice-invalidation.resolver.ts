import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Resolver, createUnionType } from 'type-graphql';
import type { Context } from '../context.js';
import { invalidateInvoice } from '../modules/transmission/invalidate-invoice.js';
import { NotFound, ValidationFailed, fromResult, resolveResultType } from './errors.types.js';
import { DeadlinePassed, InvalidState, MhRejected, MhUnavailable, NoMhCredential } from './invoice.errors.js';
import { InvoiceType } from './invoice.types.js';

@InputType('PersonInput')
export class PersonInput {
  @Field() nombre!: string;
  @Field({ description: 'CAT-022' }) tipoDocumento!: string;
  @Field() numDocumento!: string;
}

@InputType('InvalidateInvoiceInput')
export class InvalidateInvoiceInput {
  @Field(() => ID) invoiceId!: string;
  @Field(() => Int, { description: 'CAT-024: 1 error en la información, 2 rescindir la operación, 3 otro' })
  tipoAnulacion!: 1 | 2 | 3;
  @Field(() => String, { nullable: true }) motivoAnulacion?: string | null;
  @Field(() => ID, { nullable: true, description: 'Types 1 and 3: the PROCESSED replacement document' })
  replacementInvoiceId?: string | null;
  @Field(() => PersonInput) responsable!: PersonInput;
  @Field(() => PersonInput) solicitante!: PersonInput;
}

const InvalidateInvoiceResult = createUnionType({
  name: 'InvalidateInvoiceResult',
  types: () =>
    [
      InvoiceType,
      ValidationFailed,
      NotFound,
      InvalidState,
      DeadlinePassed,
      MhRejected,
      MhUnavailable,
      NoMhCredential,
    ] as const,
  resolveType: resolveResultType('Invoice'),
});

@Resolver()
export class InvoiceInvalidationResolver {
  @Authorized('invoices:invalidate')
  @Mutation(() => InvalidateInvoiceResult, {
    description: 'Sends the Invalidación event to MH (waits for its answer); INVALIDATED once sealed',
  })
  invalidateInvoice(@Ctx() ctx: Context, @Arg('input', () => InvalidateInvoiceInput) input: InvalidateInvoiceInput) {
    const { motivoAnulacion, replacementInvoiceId } = input;
    return fromResult(
      invalidateInvoice(ctx, {
        ...input,
        motivoAnulacion: motivoAnulacion ?? null,
        replacementInvoiceId: replacementInvoiceId ?? null,
      }),
    );
  }
}
