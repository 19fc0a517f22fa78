import {
  Arg,
  Authorized,
  Ctx,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  Query,
  Resolver,
  createUnionType,
} from 'type-graphql';
import type { Context } from '../context.js';
import { emitReturn } from '../modules/fiscal-events/emit-return.js';
import { emitSpecialOperations } from '../modules/fiscal-events/emit-special-operations.js';
import { invalidateFiscalEvent } from '../modules/fiscal-events/invalidate-fiscal-event.js';
import { getFiscalEvent, listFiscalEvents } from '../modules/fiscal-events/get-fiscal-event.js';
import { NotFound, ValidationFailed, asResult, fromResult, resolveResultType } from './errors.types.js';
import { EmitReturnInput, EmitSpecialOperationsInput, FiscalEventType } from './fiscal-event.types.js';
import {
  DeadlinePassed,
  DuplicateReference,
  InvalidState,
  MhRejected,
  MhUnavailable,
  NoMhCredential,
} from './invoice.errors.js';
import { PersonInput } from './invoice-invalidation.resolver.js';

const FiscalEventResult = createUnionType({
  name: 'FiscalEventResult',
  types: () => [FiscalEventType, ValidationFailed, DuplicateReference, NotFound, InvalidState] as const,
  resolveType: resolveResultType('FiscalEvent'),
});

/** The GraphQL input as the plain JSON body REST takes (the same use case reads both). */
const body = (input: object): unknown => JSON.parse(JSON.stringify(input));

@InputType('FiscalEventFilter')
export class FiscalEventFilterInput {
  @Field(() => String, { nullable: true, description: '18 Retorno, 17 Operaciones Especiales' }) tipoEvento?:
    | string
    | null;
  @Field(() => String, { nullable: true }) referenciaExterna?: string | null;
}

const InvalidateFiscalEventResult = createUnionType({
  name: 'InvalidateFiscalEventResult',
  types: () =>
    [
      FiscalEventType,
      ValidationFailed,
      NotFound,
      InvalidState,
      DeadlinePassed,
      MhRejected,
      MhUnavailable,
      NoMhCredential,
    ] as const,
  resolveType: resolveResultType('FiscalEvent'),
});

@InputType('InvalidateFiscalEventInput', {
  description: 'Invalidación (tipoAnulacion 2) of a PROCESSED Retorno / Operaciones Especiales event',
})
export class InvalidateFiscalEventInput {
  @Field(() => ID) eventId!: string;
  @Field(() => String, { nullable: true }) motivoAnulacion?: string | null;
  @Field(() => PersonInput) responsable!: PersonInput;
  @Field(() => PersonInput) solicitante!: PersonInput;
}

@Resolver(() => FiscalEventType)
export class FiscalEventResolver {
  @Authorized('invoices:invalidate')
  @Mutation(() => InvalidateFiscalEventResult, {
    description:
      'Sends the Invalidación of a sealed event to MH (waits for its answer); a Retorno gives its quantities back',
  })
  invalidateFiscalEvent(
    @Ctx() ctx: Context,
    @Arg('input', () => InvalidateFiscalEventInput) input: InvalidateFiscalEventInput,
  ) {
    return fromResult(invalidateFiscalEvent(ctx, { ...input, motivoAnulacion: input.motivoAnulacion ?? null }));
  }

  @Authorized('invoices:emit')
  @Mutation(() => FiscalEventResult, {
    description: 'Evento de Retorno against PROCESSED FE/FEX/FSE documents (returns at once, QUEUED)',
  })
  emitReturn(@Ctx() ctx: Context, @Arg('input', () => EmitReturnInput) input: EmitReturnInput) {
    return asResult(async () => (await emitReturn(ctx, body(input))).event);
  }

  @Authorized('invoices:emit')
  @Mutation(() => FiscalEventResult, { description: 'Evento de Operaciones Especiales (returns at once, QUEUED)' })
  emitSpecialOperations(
    @Ctx() ctx: Context,
    @Arg('input', () => EmitSpecialOperationsInput) input: EmitSpecialOperationsInput,
  ) {
    return asResult(async () => (await emitSpecialOperations(ctx, body(input))).event);
  }

  @Authorized('invoices:read')
  @Query(() => FiscalEventType, {
    nullable: true,
    description: 'One Retorno / Operaciones Especiales event of your tenant',
  })
  fiscalEvent(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return getFiscalEvent(ctx, id);
  }

  @Authorized('invoices:read')
  @Query(() => [FiscalEventType], { description: 'Newest first; `first` at most 100' })
  fiscalEvents(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('filter', () => FiscalEventFilterInput, { nullable: true }) filter: FiscalEventFilterInput | null,
  ) {
    return listFiscalEvents(ctx, filter ?? {}, first);
  }
}
