import type { Context } from '../../context.js';
import type { FieldIssue } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import {
  TIPOS_DTE,
  dteSummary,
  elSalvadorDateTime,
  formatNumeroControl,
  newCodigoGeneracion,
  previewEmission,
  type DteDocument,
  type TipoDte,
} from '../../dte/index.js';
import { checkDeclared, normalizeBody } from '../../dte/input/v1-shape.js';
import { expandEmission } from '../patients/expand-emission.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { resolveEmisor } from './emisor.js';

export interface InvoicePreview {
  valid: boolean;
  tipoDte: string | null;
  document: DteDocument | null;
  totalPagar: string | null;
  issues: FieldIssue[];
}

const invalid = (issues: FieldIssue[], tipoDte: string | null = null): InvoicePreview => ({
  valid: false,
  tipoDte,
  document: null,
  totalPagar: null,
  issues,
});

/**
 * Dry run of an emission: expand, parse, build and validate with a throw-away numeroControl (correlative 1) and
 * codigoGeneracion. Nothing is stored and no correlative is consumed.
 */
export async function previewInvoice(ctx: Context, body: unknown): Promise<InvoicePreview> {
  const tenantId = requireTenantScope(ctx, 'invoices:emit');
  const n = normalizeBody(body);
  if (n.issues.length) return invalid(n.issues);
  const named = (issues: FieldIssue[]) => issues.map((i) => ({ ...i, path: n.pathOf(i.path) }));
  const expansion = await expandEmission(ctx, n.body);
  if (!expansion.ok) return invalid(named(expansion.error.issues));
  const expanded = expansion.value;
  const b = (expanded ?? {}) as Record<string, unknown>;
  const tipoDte = typeof b.tipoDte === 'string' ? b.tipoDte : null;
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: tenantId });
  const resolved = await resolveEmisor(ctx.em, tenant, {
    codEstableMH: b.codEstableMH as string,
    codPuntoVentaMH: b.codPuntoVentaMH as string,
  });
  if ('issues' in resolved) return invalid(resolved.issues, tipoDte);
  const { emisor } = resolved;
  const { fecEmi, horEmi } = elSalvadorDateTime(ctx.clock.now());
  const ambiente = ctx.actor.kind === 'apiKey' || ctx.actor.kind === 'user' ? ctx.actor.ambiente : '00';
  const numeroControl = formatNumeroControl(
    (TIPOS_DTE.includes(tipoDte as TipoDte) ? tipoDte : '01') as TipoDte,
    emisor.codEstableMH,
    emisor.codPuntoVentaMH,
    1n,
  );
  const r = previewEmission(expanded, emisor, {
    ambiente,
    codigoGeneracion: newCodigoGeneracion(),
    numeroControl,
    fecEmi,
    horEmi,
  });
  if (!r.ok) return invalid(named(r.issues), tipoDte);
  const declared = checkDeclared(r.value, n.declared);
  if (declared.length) return invalid(declared, tipoDte);
  return { valid: true, tipoDte, document: r.value, totalPagar: dteSummary(r.value).totalPagar, issues: [] };
}
