import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  createUnionType,
} from 'type-graphql';
import type { Context } from '../context.js';
import { cachedCalendar, invoiceDeadlines } from '../modules/calendar/invoice-deadlines.js';
import { emitNote, type NoteInput as NoteBody } from '../modules/invoices/emit-note.js';
import { emitRequest } from '../modules/invoices/emit-request.js';
import { findInvoiceByReference } from '../modules/invoices/find-invoice-by-reference.js';
import { getInvoice, getInvoiceEvents, getSignedDocument } from '../modules/invoices/get-invoice.js';
import { documentLink } from '../modules/documents/links.js';
import { listInvoices, type InvoicePage } from '../modules/invoices/list-invoices.js';
import type { InvoiceData } from '../modules/invoices/listed-invoice.js';
import { previewInvoice } from '../modules/invoices/preview-invoice.js';
import { estadoOf } from '../modules/invoices/estado.js';
import { localizeIssues } from '../core/messages.js';
import { FieldProblem, NotFound, ValidationFailed, fromResult, resolveResultType } from './errors.types.js';
import { DuplicateReference, InvalidState } from './invoice.errors.js';
import { EmitInvoiceInput, NoteInput, emitWithBody, toEmissionBody } from './invoice.input.js';
import {
  InvoiceConnectionType,
  InvoiceDeadlinesType,
  InvoiceEventType,
  InvoiceFilterInput,
  InvoiceItemType,
  InvoicePreviewType,
  InvoiceReceptorType,
  InvoiceTotalsType,
  InvoiceType,
} from './invoice.types.js';
import { itemsView, receptorView, totalsView } from './invoice.view.js';
import { PatientType } from './patient.types.js';

export const InvoiceResult = createUnionType({
  name: 'InvoiceResult',
  types: () => [InvoiceType, ValidationFailed, DuplicateReference, NotFound, InvalidState] as const,
  resolveType: resolveResultType('Invoice'),
});

export function toConnection(p: InvoicePage) {
  return {
    edges: p.nodes.map((node, i) => ({ node, cursor: p.cursors[i]! })),
    pageInfo: { hasNextPage: p.hasNextPage, endCursor: p.endCursor },
    count: p.totalCount,
  };
}

@Resolver(() => InvoiceType)
export class InvoiceResolver {
  @Authorized('invoices:read')
  @Query(() => InvoiceType, { nullable: true, description: 'One invoice of your tenant' })
  invoice(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return getInvoice(ctx, id);
  }

  @Authorized('invoices:read')
  @Query(() => InvoiceType, { nullable: true, description: 'The invoice emitted under your referenciaExterna' })
  invoiceByReference(@Ctx() ctx: Context, @Arg('referenciaExterna') referenciaExterna: string) {
    return findInvoiceByReference(ctx, referenciaExterna);
  }

  @Authorized('invoices:read')
  @Query(() => InvoiceConnectionType, {
    description: 'Newest first (fecEmi, then creation); `first` at most 100; `after` = an endCursor',
  })
  async invoices(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => InvoiceFilterInput, { nullable: true }) filter: InvoiceFilterInput | null,
  ) {
    return toConnection(await listInvoices(ctx, filter ?? {}, first, after));
  }

  @Authorized('invoices:emit')
  @Mutation(() => InvoiceResult, {
    description: 'Emits a DTE (returns at once, status QUEUED). Idempotent per tenant on referenciaExterna.',
  })
  emitInvoice(@Ctx() ctx: Context, @Arg('input', () => EmitInvoiceInput) input: EmitInvoiceInput) {
    return fromResult(
      emitWithBody(input, (body) => emitRequest(ctx, body)),
      (r) => r.invoice,
    );
  }

  @Authorized('invoices:emit')
  @Mutation(() => InvoiceResult, { description: 'Nota de Crédito (05) relating a PROCESSED CCF' })
  emitCreditNote(@Ctx() ctx: Context, @Arg('input', () => NoteInput) input: NoteInput) {
    const note = (body: Record<string, unknown>) =>
      emitNote(ctx, '05', { ...body, invoiceId: input.invoiceId } as NoteBody);
    return fromResult(emitWithBody(input, note), (r) => r.invoice);
  }

  @Authorized('invoices:emit')
  @Mutation(() => InvoiceResult, { description: 'Nota de Débito (06) relating a PROCESSED CCF' })
  emitDebitNote(@Ctx() ctx: Context, @Arg('input', () => NoteInput) input: NoteInput) {
    const note = (body: Record<string, unknown>) =>
      emitNote(ctx, '06', { ...body, invoiceId: input.invoiceId } as NoteBody);
    return fromResult(emitWithBody(input, note), (r) => r.invoice);
  }

  @Authorized('invoices:emit')
  @Mutation(() => InvoicePreviewType, { description: 'Dry run: parse, build and validate; nothing is stored' })
  async previewInvoice(@Ctx() ctx: Context, @Arg('input', () => EmitInvoiceInput) input: EmitInvoiceInput) {
    const preview = await previewInvoice(ctx, toEmissionBody(input));
    return { ...preview, issues: localizeIssues(preview.issues) };
  }

  @FieldResolver(() => InvoiceReceptorType, { nullable: true })
  receptor(@Root() inv: InvoiceData) {
    return receptorView(inv.document);
  }

  @FieldResolver(() => [InvoiceItemType])
  items(@Root() inv: InvoiceData) {
    return itemsView(inv.document);
  }

  @FieldResolver(() => InvoiceTotalsType)
  totals(@Root() inv: InvoiceData) {
    return totalsView(inv.document);
  }

  @FieldResolver(() => String, {
    description:
      "The v1.0 guide's word for status: generada (queued or in " +
      'flight), sellada (PROCESSED), rechazada, contingencia, invalidada',
  })
  estado(@Root() inv: InvoiceData) {
    return estadoOf(inv.status);
  }

  @FieldResolver(() => [FieldProblem], {
    description:
      'What the engine did on your behalf at emission (e.g. an ' +
      'all-zero DUI read as a consumidor final without document)',
  })
  warnings(@Root() inv: InvoiceData) {
    return localizeIssues(inv.warnings ?? []);
  }

  @FieldResolver(() => InvoiceDeadlinesType)
  async deadlines(@Ctx() ctx: Context, @Root() inv: InvoiceData) {
    return invoiceDeadlines(inv, await cachedCalendar(ctx, ctx.em, inv.tenant.id));
  }

  @FieldResolver(() => [InvoiceEventType], { description: 'State history, oldest first' })
  events(@Ctx() ctx: Context, @Root() inv: InvoiceData) {
    return getInvoiceEvents(ctx, inv.id);
  }

  @FieldResolver(() => PatientType, {
    nullable: true,
    description: "SIGMA's patient, when the invoice was emitted for one",
  })
  patient(@Root() inv: InvoiceData) {
    return inv.patientId ? { id: inv.patientId } : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The JWS (RS512) sent to MH, once signed' })
  signedDocument(@Ctx() ctx: Context, @Root() inv: InvoiceData) {
    return getSignedDocument(ctx, inv.id);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Versión legible (PDF)' })
  pdfUrl(@Ctx() ctx: Context, @Root() inv: InvoiceData) {
    return documentLink(ctx.links, inv, 'pdf');
  }

  @FieldResolver(() => String, { nullable: true, description: 'The DTE JSON download' })
  jsonUrl(@Ctx() ctx: Context, @Root() inv: InvoiceData) {
    return documentLink(ctx.links, inv, 'json');
  }
}
