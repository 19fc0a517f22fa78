import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Query, Resolver, createUnionType } from 'type-graphql';
import type { Context } from '../core/context.js';
import { emitReturn } from '../modules/fiscal-events/emit-return.js';
import { emitSpecialOperations } from '../modules/fiscal-events/emit-special-operations.js';
import { getFiscalEvent, listFiscalEvents } from '../modules/fiscal-events/get-fiscal-event.js';
import { NotFound, ValidationFailed, asResult, resolveResultType } from './errors.types.js';
import { EmitReturnInput, EmitSpecialOperationsInput, FiscalEventType } from './fiscal-event.types.js';
import { DuplicateReference, InvalidState } from './invoice.errors.js';

const FiscalEventResult = createUnionType({
  name: 'FiscalEventResult',
  types: () => [FiscalEventType, ValidationFailed, DuplicateReference, NotFound, InvalidState] as const,
  resolveType: resolveResultType('FiscalEvent'),
});

/** The GraphQL input as the plain JSON body REST takes (the same use case reads both). */
const body = (input: object): unknown => JSON.parse(JSON.stringify(input));

@InputType('FiscalEventFilter')
export class FiscalEventFilterInput {
  @Field(() => String, { nullable: true, description: '18 Retorno, 17 Operaciones Especiales' }) tipoEvento?: string | null;
  @Field(() => String, { nullable: true }) referenciaExterna?: string | null;
}

@Resolver(() => FiscalEventType)
export class FiscalEventResolver {
  @Authorized('invoices:emit')
  @Mutation(() => FiscalEventResult, { description: 'Evento de Retorno against PROCESSED FE/FEX/FSE documents (returns at once, QUEUED)' })
  emitReturn(@Ctx() ctx: Context, @Arg('input', () => EmitReturnInput) input: EmitReturnInput) {
    return asResult(async () => (await emitReturn(ctx, body(input))).event);
  }

  @Authorized('invoices:emit')
  @Mutation(() => FiscalEventResult, { description: 'Evento de Operaciones Especiales (returns at once, QUEUED)' })
  emitSpecialOperations(@Ctx() ctx: Context, @Arg('input', () => EmitSpecialOperationsInput) input: EmitSpecialOperationsInput) {
    return asResult(async () => (await emitSpecialOperations(ctx, body(input))).event);
  }

  @Authorized('invoices:read')
  @Query(() => FiscalEventType, { nullable: true, description: 'One Retorno / Operaciones Especiales event of your tenant' })
  fiscalEvent(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return getFiscalEvent(ctx, id);
  }

  @Authorized('invoices:read')
  @Query(() => [FiscalEventType], { description: 'Newest first; `first` at most 100' })
  fiscalEvents(@Ctx() ctx: Context, @Arg('first', () => Int, { defaultValue: 20 }) first: number, @Arg('filter', () => FiscalEventFilterInput, { nullable: true }) filter: FiscalEventFilterInput | null) {
    return listFiscalEvents(ctx, filter ?? {}, first);
  }
}
