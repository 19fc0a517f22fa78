import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  ObjectType,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import { withContext, type Context } from '../context.js';
import { AppError, ErrorCode } from '../core/errors.js';
import { requireTenantScope } from '../core/guards.js';
import { getInvoice } from '../modules/invoices/get-invoice.js';
import type { Invoice } from '../modules/invoices/invoice.entity.js';
import { InvoiceStatusEnum, InvoiceType } from './invoice.types.js';
import { noteIterator, type InvoiceNote } from '../modules/invoices/invoice-event-bus.js';

@InputType('InvoiceStatusFilter', { description: 'Narrows the stream; empty: every invoice of your tenant' })
export class InvoiceStatusFilterInput {
  @Field(() => ID, { nullable: true }) invoiceId?: string | null;
  @Field(() => String, { nullable: true }) referenciaExterna?: string | null;
  @Field(() => ID, { nullable: true }) patientId?: string | null;
}

@ObjectType('InvoiceStatusChange', { description: 'One committed state change of an invoice' })
export class InvoiceStatusChangeType {
  @Field(() => ID) eventId!: string;
  @Field(() => ID) invoiceId!: string;
  @Field({ description: 'dte.queued, dte.processed, dte.rejected, …' }) type!: string;
  @Field(() => InvoiceStatusEnum) status!: string;
  @Field() referenciaExterna!: string;
  @Field(() => ID, { nullable: true }) patientId!: string | null;
}

@Resolver(() => InvoiceStatusChangeType)
export class InvoiceSubscriptionResolver {
  @Subscription(() => InvoiceStatusChangeType, {
    subscribe: subscribeToStatusChanges,
    description: 'Status changes after you subscribe, of your tenant only (graphql-ws on /graphql)',
  })
  invoiceStatusChanged(
    @Root() note: InvoiceNote,
    @Arg('filter', () => InvoiceStatusFilterInput, { nullable: true }) _filter?: InvoiceStatusFilterInput,
  ) {
    return note;
  }

  @FieldResolver(() => InvoiceType, { nullable: true, description: 'The invoice as it is now' })
  invoice(@Ctx() ctx: Context, @Root() note: InvoiceNote) {
    // Every subscriber that receives this event shares the note object: the invoice is loaded once per event and
    // shared among them. Each subscriber is still checked: its own tenant and scope (getInvoice's rules).
    const tenantId = requireTenantScope(ctx, 'invoices:read');
    if (tenantId !== note.tenantId) return null;
    let loaded = loadedFor.get(note);
    // fresh identity map per event
    if (!loaded) loadedFor.set(note, (loaded = getInvoice(withContext(ctx, { em: ctx.em.fork() }), note.invoiceId)));
    return loaded;
  }
}

/** The invoice of one event, loaded by its first subscriber (weakly held: gone with the note). */
const loadedFor = new WeakMap<InvoiceNote, Promise<Invoice | null>>();

function matches(f: InvoiceStatusFilterInput | null | undefined, n: InvoiceNote): boolean {
  return (
    (!f?.invoiceId || f.invoiceId === n.invoiceId) &&
    (!f?.referenciaExterna || f.referenciaExterna === n.referenciaExterna) &&
    (!f?.patientId || f.patientId === n.patientId)
  );
}

/** The caller's stream from its context's event bus: the tenant comes from connection_init's credential. */
type StatusChangeArgs = { filter?: InvoiceStatusFilterInput | null };
function subscribeToStatusChanges({ args, context }: SubscribeResolverData<unknown, StatusChangeArgs, Context>) {
  const tenantId = requireTenantScope(context, 'invoices:read');
  const noBus = 'this process does not serve subscriptions (it runs no API)';
  if (!context.events) throw new AppError(ErrorCode.INTERNAL, noBus);
  return noteIterator(context.events, (n) => n.tenantId === tenantId && matches(args.filter, n));
}
