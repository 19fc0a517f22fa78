import type { EntityManager } from '@mikro-orm/postgresql';
import { formatNumeroControl, type TipoDte } from '../../dte/index.js';

/**
 * Allocates the next numeroControl correlative inside the emission transaction. The upsert locks the counter row
 * until commit, so concurrent emissions on one series serialise, and a rolled-back emission releases its number
 * (no gaps). One series per (tenant, tipoDte, establishment, POS, year): the correlative restarts each year.
 */
export async function allocateNumeroControl(
  tx: EntityManager,
  key: { tenantId: string; tipoDte: TipoDte; codEstableMH: string; codPuntoVentaMH: string; year: number },
): Promise<string> {
  const rows = await tx.getConnection().execute<{ last_value: string }[]>(
    `insert into control_counter (tenant_id, tipo_dte, cod_estable_mh, cod_punto_venta_mh, year, last_value)
     values (?, ?, ?, ?, ?, 1)
     on conflict (tenant_id, tipo_dte, cod_estable_mh, cod_punto_venta_mh, year)
     do update set last_value = control_counter.last_value + 1
     returning last_value`,
    [key.tenantId, key.tipoDte, key.codEstableMH, key.codPuntoVentaMH, key.year],
    'all',
    tx.getTransactionContext(),
  );
  return formatNumeroControl(key.tipoDte, key.codEstableMH, key.codPuntoVentaMH, BigInt(rows[0]!.last_value));
}
