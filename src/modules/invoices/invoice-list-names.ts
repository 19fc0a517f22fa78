// The containment search answered by the tenant's receptor names (a fragment with a space): the names that contain
// it, each name's documents read in order from its index, and the identifiers that have a space.

import { type Cond, cond, escapeLike, ORDER, type SqlQuery, type TextMode } from './invoice-list-parts.js';

/**
 * Whether containment of `text` is answered by the receptor names and the identifiers with a space: a fragment with
 * a space (one that the separator of the searchable columns, \x1f, is not in) is contained in the search text iff it
 * is contained in the name's key or in the identifiers'; and identifiers without a space cannot contain it.
 */
export function byNames(text: string, mode: TextMode): boolean {
  return mode === 'contains' && text.trim().includes(' ') && !text.includes('\x1f');
}

/** The tenant's receptor names that contain `text` (at most `cap + 1` of them: more means more than `cap`). */
export function matchingNamesQuery(tenantId: string, text: string, cap: number): SqlQuery {
  return {
    sql:
      `select nombre from receptor_name where tenant_id = ? ` +
      `and name_key like '%' || lower(fx_unaccent(?)) || '%' limit ${cap + 1}`,
    params: [tenantId, escapeLike(text.trim())],
  };
}

/** The names of `f.names` as a relation (`nombre`), or those of the tenant that contain `text` looked up. */
function namesRelation(tenantId: string, text: string, names: readonly string[] | null | undefined): Cond {
  if (names) {
    // One row per name: an empty list is no row (`unnest` of an empty array).
    const list = names.map(() => '?::text').join(', ');
    return cond(`(select unnest(array[${list}]::text[]) as nombre)`, ...names);
  }
  return cond(
    `(select nombre from receptor_name where tenant_id = ? and name_key like '%' || lower(fx_unaccent(?)) || '%')`,
    tenantId,
    escapeLike(text.trim()),
  );
}

/** The identifiers as the containment search sees them, spelled exactly as in invoice_spaced_identifiers_index. */
const IDENTIFIERS = 'fx_invoice_identifiers(numero_control, codigo_generacion, referencia_externa)';

/**
 * Ids and keys of the rows that contain `text` (byNames) among those of `others`: each matching name's first
 * `perName` rows in listing order (all with null), and every identifier match whose name does not contain it (so no
 * row comes twice, and a capped count stops reading once it has enough).
 */
export function byNameRows(
  tenantId: string,
  others: SqlQuery,
  text: string,
  perName: number | null,
  names?: readonly string[] | null,
): SqlQuery {
  const pattern = `'%' || lower(fx_unaccent(?)) || '%'`;
  const fragment = escapeLike(text.trim());
  const limit = perName === null ? '' : ` limit ${perName}`;
  const named = namesRelation(tenantId, text, names);
  return {
    sql:
      `select n_rows.id, n_rows.fec_emi, n_rows.created_at from ${named.sql} ` +
      `names cross join lateral (select id, fec_emi, created_at ` +
      `from invoice where ${others.sql} and receptor_nombre = names.nombre order by ${ORDER}${limit}) n_rows ` +
      `union all select id, fec_emi, created_at from invoice where ${others.sql} and ${IDENTIFIERS} like '% %' ` +
      `and ${IDENTIFIERS} like ${pattern} and not fx_name_key(receptor_nombre) like ${pattern}`,
    params: [...named.values, ...others.params, ...others.params, fragment, fragment],
  };
}
