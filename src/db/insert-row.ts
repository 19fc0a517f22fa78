import { ReferenceKind, type EntityMetadata } from '@mikro-orm/core';

export interface RowColumns {
  /** Column names, in order. */
  columns: string[];
  /** `$n::type` placeholders (typed: the values are selected, not inserted from a VALUES list). */
  placeholders: string[];
  /** The values of one row with the same properties, in the columns' order. */
  values(data: Record<string, unknown>): unknown[];
}

/**
 * The columns and typed placeholders of a row of the entity `meta` describes, for rows keyed by entity property name
 * as `shape` is (a relation takes the related id). Lets a hot-path statement write a row without the unit of work
 * while new properties are added in one place: the caller's object. Placeholders start at `$firstParam`. Made once
 * per statement; `values` then reads each row.
 */
export function rowValues<T extends object>(
  meta: EntityMetadata<T>,
  shape: Record<string, unknown>,
  firstParam = 1,
): RowColumns {
  const props = meta.properties as Record<string, (typeof meta.properties)[keyof typeof meta.properties] | undefined>;
  const names = Object.keys(shape);
  const reads = names.map((name, i) => {
    const prop = props[name];
    if (!prop) throw new Error(`${meta.className} has no property ${name}`);
    return {
      name,
      column: `"${prop.fieldNames[0]}"`,
      placeholder: `$${firstParam + i}::${prop.columnTypes[0]}`,
      value: prop.kind === ReferenceKind.MANY_TO_ONE ? idOf : dbValue,
    };
  });
  return {
    columns: reads.map((r) => r.column),
    placeholders: reads.map((r) => r.placeholder),
    values: (data) => reads.map((r) => r.value(data[r.name])),
  };
}

function idOf(v: unknown): unknown {
  return v !== null && typeof v === 'object' ? (v as { id: unknown }).id : (v ?? null);
}

/** JSON columns get their text; scalars and dates go as they are. */
function dbValue(v: unknown): unknown {
  if (v === null || v === undefined || v instanceof Date || typeof v !== 'object') return v ?? null;
  return JSON.stringify(v);
}

export interface RowArrays {
  /** Column names, in order. */
  columns: string[];
  /** `$n::type[]` placeholders, one array per column (for `unnest(…)`). */
  placeholders: string[];
  /** One array per column, holding the rows' values in the rows' order. */
  values(rows: readonly Record<string, unknown>[]): unknown[][];
}

/**
 * Like rowValues, for many rows of the same shape at once: one typed array per column, to be read back as rows by
 * `unnest(…) with ordinality`. The entity must have no array-typed column among `shape`'s (unnest would flatten it).
 */
export function rowArrays<T extends object>(
  meta: EntityMetadata<T>,
  shape: Record<string, unknown>,
  firstParam = 1,
): RowArrays {
  const one = rowValues(meta, shape, firstParam);
  if (one.placeholders.some((p) => p.endsWith(']'))) throw new Error(`${meta.className}: an array column in a batch`);
  return {
    columns: one.columns,
    placeholders: one.placeholders.map((p) => `${p}[]`),
    values: (rows) => {
      const out: unknown[][] = one.columns.map(() => new Array<unknown>(rows.length));
      rows.forEach((row, r) => {
        one.values(row).forEach((v, c) => {
          out[c]![r] = v;
        });
      });
      return out;
    },
  };
}
