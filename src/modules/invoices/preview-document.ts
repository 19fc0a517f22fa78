import type { EntityManager } from '@mikro-orm/postgresql';
import {
  elSalvadorDateTime,
  newCodigoGeneracion,
  previewEmission,
  type DteDocument,
  type Result,
  type TipoDte,
} from '../../dte/index.js';
import type { Tenant } from '../tenants/tenant.entity.js';
import { checkDeclared, normalizeBody } from '../../dte/input/v1-shape.js';
import { resolveEmisor, type PointOfSale } from './emisor.js';

interface PreviewOptions {
  ambiente: '00' | '01';
  contingencia: { tipoContingencia: 1 | 2 | 3 | 4 | 5; motivoContin: string | null } | null;
  now: Date;
}

/**
 * The document a body would produce for this tenant — parsed, built and validated — with a placeholder correlative
 * (000000000000000) and a fresh codigoGeneracion. Nothing is stored or numbered. Used by `fx dte:preview`.
 */
export async function previewForTenant(
  em: EntityManager,
  tenant: Tenant,
  body: unknown,
  opts: PreviewOptions,
): Promise<Result<DteDocument>> {
  const n = normalizeBody(body);
  if (n.issues.length) return { ok: false, issues: n.issues };
  const r = await previewNormalized(em, tenant, n.body, opts);
  if (!r.ok) return { ok: false, issues: r.issues.map((i) => ({ ...i, path: n.pathOf(i.path) })) };
  const declared = checkDeclared(r.value, n.declared);
  return declared.length ? { ok: false, issues: declared } : r;
}

async function previewNormalized(
  em: EntityManager,
  tenant: Tenant,
  body: unknown,
  opts: PreviewOptions,
): Promise<Result<DteDocument>> {
  const pos = (body && typeof body === 'object' ? body : {}) as PointOfSale & { tipoDte?: unknown };
  const resolved = await resolveEmisor(em, tenant, pos);
  if ('issues' in resolved) return { ok: false, issues: resolved.issues };
  const tipo = (typeof pos.tipoDte === 'string' ? pos.tipoDte : '01') as TipoDte;
  // Placeholder correlative: a preview never consumes a number of the real series.
  const { codEstableMH, codPuntoVentaMH } = resolved.emisor;
  const tipoDte = /^[0-9]{2}$/.test(tipo) ? tipo : '01';
  const numeroControl = `DTE-${tipoDte}-${codEstableMH}${codPuntoVentaMH}-000000000000000`;
  return previewEmission(body, resolved.emisor, {
    ambiente: opts.ambiente,
    codigoGeneracion: newCodigoGeneracion(),
    numeroControl,
    ...elSalvadorDateTime(opts.now),
    contingencia: opts.contingencia,
  });
}
