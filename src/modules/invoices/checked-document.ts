import type { EntityManager } from '@mikro-orm/postgresql';
import type { ErrorCode } from '../../core/errors.js';
import { invalid, ok, type Failure, type Result } from '../../core/result.js';
import {
  buildDte,
  dteSummary,
  invalidationDeadline,
  type DteDocument,
  type DteSummary,
  type Emisor,
  type EmissionInput,
  type IdentificationContext,
  validateDte,
} from '../../dte/index.js';
import { checkDeclared, type DeclaredAmount } from '../../dte/input/v1-shape.js';
import { calendarForTenant } from '../calendar/business-calendar.js';
import type { BusinessCalendar } from '../../dte/calendar/business-days.js';
import { perishableIssues } from '../calendar/emission-deadlines.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { creditNoteIssues } from './credit-balance.js';
import { resolveEmisor, type PointOfSale } from './emisor.js';

/** A document built from an emission body and found valid, with what its invoice row keeps of it. */
export interface CheckedDocument {
  document: DteDocument;
  summary: DteSummary;
  invalidationDeadline: string;
  perishableMedicine: boolean;
}

/** The tenant as emisor at the given establishment and point of sale, or the field that names an unknown one. */
export async function loadEmisor(
  em: EntityManager,
  tenantId: string,
  pos: PointOfSale,
): Promise<Result<Emisor, Failure<ErrorCode.VALIDATION_FAILED>>> {
  const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
  const resolved = await resolveEmisor(em, tenant, pos);
  return 'issues' in resolved ? invalid(resolved.issues) : ok(resolved.emisor);
}

export interface CheckOptions {
  /** Amounts the caller computed itself (v1.0 bodies): each must equal the built document's. */
  declared?: readonly DeclaredAmount[];
  /** Lock the credited CCF rows while the balance of a Nota de Crédito is read (inside the writing transaction). */
  lockCredited?: boolean;
  /** The tenant's business calendar when the caller already holds it (else it is read). */
  calendar?: BusinessCalendar;
}

/**
 * The one emission sequence, for a new document and for the correction of a rejected one: build the DTE, validate it
 * against MH's rules and the caller's declared amounts, check a Nota de Crédito against what remains of its CCFs,
 * summarise it, and fix its invalidation deadline on the tenant's calendar (a perishable medicine gets MH's longer
 * window; a malformed flag is refused).
 */
export async function checkedDocument(
  em: () => EntityManager,
  tenantId: string,
  input: EmissionInput,
  emisor: Emisor,
  ident: IdentificationContext,
  body: unknown,
  opts: CheckOptions = {},
): Promise<Result<CheckedDocument, Failure<ErrorCode.VALIDATION_FAILED>>> {
  const document = buildDte(input, emisor, ident);
  const issues = [...validateDte(document), ...checkDeclared(document, opts.declared ?? [])];
  if (issues.length) return invalid(issues);
  // `em` is asked for only when a read is needed: most documents need none here.
  const credit =
    input.tipoDte === '05'
      ? await creditNoteIssues(em(), tenantId, input.tipoDte, document, { lock: opts.lockCredited ?? false })
      : [];
  if (credit.length) return invalid(credit);
  const summary = dteSummary(document);
  const perishable = perishableIssues(body);
  if (perishable.issues.length) return invalid(perishable.issues);
  const calendar = opts.calendar ?? (await calendarForTenant(em(), tenantId));
  const deadline = invalidationDeadline(input.tipoDte, ident.fecEmi, { calendar, perishable: perishable.perishable });
  return ok({ document, summary, invalidationDeadline: deadline, perishableMedicine: perishable.perishable });
}
