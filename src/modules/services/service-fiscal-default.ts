import type { Context } from '../../context.js';
import type { TipoVenta } from '../../dte/index.js';
import type { SigmaRecord } from '../sigma/sigma-directory.js';
import type { SigmaFields } from '../sigma/sigma-fields.js';
import { getServiceFiscal } from './get-service-fiscal.js';
import type { ServiceMapping } from './service-mapping.entity.js';

/** How a service is invoiced: its stored mapping, or (until one is stored) a default from SIGMA's own fields. */
export interface ServiceFiscal {
  descripcion: string;
  tipoItem: number;
  uniMedida: number;
  codigo: string | null;
  tipo: TipoVenta;
  tributos: string[];
  precio: string | null;
  updatedAt: Date | null;
  source: 'MAPPING' | 'SIGMA_DEFAULT';
}

const present = (v: unknown) => v !== undefined && v !== null && String(v).trim() !== '';

/**
 * SIGMA's service name is the line description and its area says goods or services through the configured value map
 * (lab exams and consultations: services, CAT-011 2; pharmacy items: goods, 1); a gravado line with IVA, unit 59
 * (unidad), no price. Null when SIGMA gives no name, or an area the map does not know (never a guess).
 */
export function sigmaServiceDefault(fields: SigmaFields, service: SigmaRecord | null): ServiceFiscal | null {
  const { descripcion: d, tipoItem: t } = fields.service;
  if (!service || !d || !present(service[d.field])) return null;
  let tipoItem = 2;
  if (t) {
    const raw = service[t.field];
    const code = present(raw) ? (t.values ? t.values[String(raw)] : String(raw)) : undefined;
    if (!code || !['1', '2', '3'].includes(code)) return null;
    tipoItem = Number(code);
  }
  const descripcion = String(service[d.field]).trim().slice(0, 1000);
  const line = { uniMedida: 59, codigo: null, tipo: 'gravado' as const, tributos: ['20'], precio: null };
  return { descripcion, tipoItem, ...line, updatedAt: null, source: 'SIGMA_DEFAULT' };
}

/** Defaults for services without a mapping, read from SIGMA server to server (emission by serviceId). */
export async function sigmaServiceDefaults(ctx: Context, serviceIds: string[], tenantId: string) {
  if (!ctx.sigma.readsServices || !serviceIds.length) return new Map<string, ServiceFiscal>();
  const rows = await ctx.sigma.services(serviceIds, tenantId);
  return new Map(
    [...rows].flatMap(([id, r]) => {
      const f = sigmaServiceDefault(ctx.sigma.fields, r);
      return f ? [[id, f] as [string, ServiceFiscal]] : [];
    }),
  );
}

export function mappedFiscal(m: ServiceMapping): ServiceFiscal {
  const { descripcion, tipoItem, uniMedida, tipo, tributos, updatedAt } = m;
  const [codigo, precio] = [m.codigo ?? null, m.precio ?? null];
  return { descripcion, tipoItem, uniMedida, codigo, tipo, tributos, precio, updatedAt, source: 'MAPPING' };
}

/** Service.fiscal: the stored mapping, else the default from the SIGMA fields the representation carries. */
export async function getServiceFiscalOrDefault(ctx: Context, service: SigmaRecord & { id: string }) {
  const m = await getServiceFiscal(ctx, service.id);
  if (m) return mappedFiscal(m);
  return sigmaServiceDefault(ctx.sigma.fields, service);
}
