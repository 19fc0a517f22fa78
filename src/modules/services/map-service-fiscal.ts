import type { Context } from '../../context.js';
import { ValidationError, type FieldIssue } from '../../core/errors.js';
import { requireTenantScope } from '../../core/guards.js';
import { catalogs, type TipoVenta } from '../../dte/index.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { ServiceMapping } from './service-mapping.entity.js';

export interface ServiceFiscalInput {
  descripcion: string;
  tipoItem?: number | null;
  uniMedida?: number | null;
  codigo?: string | null;
  tipo?: string | null;
  tributos?: string[] | null;
  precio?: string | null;
}

const TIPOS: readonly TipoVenta[] = ['gravado', 'exento', 'noSujeto'];
const DECIMAL = /^[0-9]{1,11}(\.[0-9]{1,8})?$/;

function mappingIssues(serviceId: string, i: ServiceFiscalInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!serviceId?.trim() || serviceId.length > 100)
    issues.push({ path: 'serviceId', code: 'INVALID_LENGTH', message: 'serviceId needs 1–100 characters' });
  if (!i.descripcion?.trim() || i.descripcion.length > 1000)
    issues.push({ path: 'descripcion', code: 'INVALID_LENGTH', message: 'descripcion needs 1–1000 characters' });
  if (i.tipoItem != null && !catalogs.inCatalog(catalogs.TIPOS_ITEM, i.tipoItem))
    issues.push({ path: 'tipoItem', code: 'UNKNOWN_CODE', message: `tipoItem ${i.tipoItem} is not in CAT-011` });
  // tipoItem 4 lines are tributes, not services: a service maps to goods/services only.
  if (i.tipoItem === 4)
    issues.push({ path: 'tipoItem', code: 'NOT_ALLOWED', message: 'a service maps to tipoItem 1, 2 or 3' });
  if (i.uniMedida != null && !catalogs.inCatalog(catalogs.UNIDADES_MEDIDA, i.uniMedida))
    issues.push({ path: 'uniMedida', code: 'UNKNOWN_CODE', message: `uniMedida ${i.uniMedida} is not in CAT-014` });
  if (i.tipo != null && !(TIPOS as readonly string[]).includes(i.tipo))
    issues.push({ path: 'tipo', code: 'NOT_ALLOWED', message: `tipo must be one of ${TIPOS.join(', ')}` });
  (i.tributos ?? []).forEach((t, k) => {
    if (!catalogs.isTributo(t))
      issues.push({ path: `tributos[${k}]`, code: 'UNKNOWN_CODE', message: `tributo '${t}' is not in CAT-015` });
  });
  if ((i.tipo ?? 'gravado') !== 'gravado' && i.tributos?.includes('20'))
    issues.push({
      path: 'tributos',
      code: 'NOT_ALLOWED',
      message: 'IVA (20) applies only to gravado lines (on a Factura IVA is inside the prices)',
    });
  if (i.precio != null && !DECIMAL.test(i.precio))
    issues.push({
      path: 'precio',
      code: 'INVALID_NUMBER',
      message: 'precio is a non-negative decimal with at most 8 decimals',
    });
  if (i.codigo && i.codigo.length > 25)
    issues.push({ path: 'codigo', code: 'TOO_LONG', message: 'codigo allows at most 25 characters' });
  return issues;
}

/**
 * Creates or replaces how a SIGMA service (or SIGLA lab exam) is invoiced. Defaults: services (2), unit 59, gravado.
 */
export async function mapServiceFiscal(
  ctx: Context,
  serviceId: string,
  input: ServiceFiscalInput,
): Promise<ServiceMapping> {
  const tenantId = requireTenantScope(ctx, 'services:write');
  const issues = mappingIssues(serviceId, input);
  if (issues.length) throw new ValidationError(issues);
  const tipo = (input.tipo ?? 'gravado') as TipoVenta;
  const values = {
    descripcion: input.descripcion.trim(),
    tipoItem: input.tipoItem ?? 2,
    uniMedida: input.uniMedida ?? 59,
    codigo: input.codigo ?? null,
    tipo,
    tributos: input.tributos ?? (tipo === 'gravado' ? ['20'] : []),
    precio: input.precio ?? null,
  };
  const em = ctx.em.fork();
  await em.upsert(
    ServiceMapping,
    { tenant: em.getReference(Tenant, tenantId), serviceId, ...values },
    { onConflictFields: ['tenant', 'serviceId'], onConflictExcludeFields: ['id', 'createdAt'] },
  );
  return em.fork().findOneOrFail(ServiceMapping, { serviceId });
}
