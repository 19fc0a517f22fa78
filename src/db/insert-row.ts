import type { EntityManager } from '@mikro-orm/postgresql';
import { ReferenceKind, type EntityName } from '@mikro-orm/core';

export interface RowValues {
  /** Column names, in order. */
  columns: string[];
  /** `$n::type` placeholders (typed: the values are selected, not inserted from a VALUES list). */
  placeholders: string[];
  values: unknown[];
}

/**
 * The columns and typed placeholders of one row of `entity`, from values keyed by entity property name (a relation
 * takes the related id). Lets a hot-path statement write a row without the unit of work while new properties are
 * added in one place: the caller's object. Placeholders start at `$firstParam`.
 */
export function rowValues<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  data: Record<string, unknown>,
  firstParam = 1,
): RowValues {
  const meta = em.getMetadata(entity);
  const out: RowValues = { columns: [], placeholders: [], values: [] };
  for (const [name, value] of Object.entries(data)) {
    const prop = (
      meta.properties as Record<string, (typeof meta.properties)[keyof typeof meta.properties] | undefined>
    )[name];
    if (!prop) throw new Error(`${meta.className} has no property ${name}`);
    out.columns.push(`"${prop.fieldNames[0]}"`);
    out.placeholders.push(`$${firstParam + out.values.length}::${prop.columnTypes[0]}`);
    out.values.push(prop.kind === ReferenceKind.MANY_TO_ONE ? idOf(value) : dbValue(value));
  }
  return out;
}

function idOf(v: unknown): unknown {
  return v !== null && typeof v === 'object' ? (v as { id: unknown }).id : (v ?? null);
}

/** JSON columns get their text; scalars and dates go as they are. */
function dbValue(v: unknown): unknown {
  if (v === null || v === undefined || v instanceof Date || typeof v !== 'object') return v ?? null;
  return JSON.stringify(v);
}
