import { Decimal } from 'decimal.js';
import type { Context } from '../../context.js';
import { tenantIdOf } from '../../core/actor.js';
import { ErrorCode, type FieldIssue } from '../../core/errors.js';
import { fail, ok, type Failure, type Result } from '../../core/result.js';
import { isOtroTributo } from '../../dte/sections/otros-tributos.js';
import { serviceMappingsById } from './get-service-fiscal.js';
import { sigmaServiceDefaults, type ServiceFiscal } from './service-fiscal-default.js';

/** A stored mapping or SIGMA's default: the fields a line takes. */
type LineSource = Pick<ServiceFiscal, 'descripcion' | 'tipo' | 'tipoItem' | 'uniMedida' | 'tributos'> & {
  codigo?: string | null;
  precio?: string | null;
};

type Obj = Record<string, unknown>;
/** Document types whose item prices exclude IVA (CCF, NC, ND: MH's rules); FE prices include it */
const IVA_EXCLUDED = new Set(['03', '05', '06']);

/** Mapped prices are what the patient pays (IVA included); CCF-family lines want the net price, 8 decimals. */
function priceFor(m: LineSource, tipoDte: string): string | undefined {
  if (m.precio == null) return undefined;
  const p = new Decimal(m.precio);
  const net =
    IVA_EXCLUDED.has(tipoDte) && m.tipo === 'gravado' ? p.div('1.13').toDecimalPlaces(8, Decimal.ROUND_HALF_UP) : p;
  return net.toString();
}

/**
 * The mapping's tributos beyond IVA with a fixed rate (D1, C8, 59, 71) go on the line; IVA the document adds itself.
 */
function lineTributos(m: { tributos?: readonly string[] | null }): Obj {
  const codes = (m.tributos ?? []).filter((t) => isOtroTributo(t) && t !== 'D4' && t !== 'D5');
  return codes.length ? { tributos: codes } : {};
}

function fromMapping(item: Obj, m: LineSource, tipoDte: string): Obj {
  const statesNature = item.tipo !== undefined && item.tipo !== null;
  return {
    descripcion: m.descripcion,
    tratamientoFiscal: m.tipo,
    // The item's own nature (`tipo` or `tipoItem`) wins over the mapping's tipoItem.
    tipoItem: statesNature ? undefined : m.tipoItem,
    uniMedida: m.uniMedida,
    codigo: m.codigo ?? undefined,
    precio: priceFor(m, tipoDte),
    cantidad: 1,
    ...lineTributos(m),
    ...Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined && v !== null)),
  };
}

/**
 * Items given by `serviceId` take the service's fiscal mapping (or SIGMA's default until one is stored); fields the
 * item states itself win. An unknown service is NOT_FOUND with the item's path.
 */
export async function expandServiceItems(
  ctx: Context,
  items: unknown,
  tipoDte: string,
): Promise<Result<unknown, Failure<ErrorCode.NOT_FOUND>>> {
  if (!Array.isArray(items)) return ok(items);
  const ids = items.flatMap((it) =>
    it && typeof it === 'object' && typeof (it as Obj).serviceId === 'string' ? [(it as Obj).serviceId as string] : [],
  );
  if (!ids.length) return ok(items);
  const mappings: Map<string, LineSource> = await serviceMappingsById(ctx, ids);
  // Until a mapping is stored, SIGMA's own service fields (read server to server) give the line.
  const unmapped = [...new Set(ids)].filter((id) => !mappings.has(id));
  for (const [id, d] of await sigmaServiceDefaults(ctx, unmapped, tenantIdOf(ctx.actor) ?? '')) mappings.set(id, d);
  const missing: FieldIssue[] = [];
  const out = items.map((it, i) => {
    const id = it && typeof it === 'object' ? (it as Obj).serviceId : undefined;
    if (typeof id !== 'string') return it;
    const m = mappings.get(id);
    const why =
      `service ${id} has no fiscal mapping ` +
      `(mapServiceFiscal)${ctx.sigma.readsServices ? ' and SIGMA gives no default' : ''}`;
    if (!m) missing.push({ path: `items[${i}].serviceId`, code: 'NOT_FOUND', message: why });
    return m ? fromMapping(it as Obj, m, tipoDte) : it;
  });
  if (missing.length) return fail(ErrorCode.NOT_FOUND, missing.map((m) => m.message).join('; '), missing);
  return ok(out);
}
