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

export interface RowRecords {
  /** Column names, in order. */
  columns: string[];
  /** The column definitions for `jsonb_to_recordset(…) as (…)`, by property name: `"codEstableMH" varchar(4)`. */
  definitions: string[];
  /** One row as the JSON object `jsonb_to_recordset` reads: relations by id, JSON columns as their value. */
  record(data: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Like rowValues, for many rows of the same shape at once, sent as ONE jsonb parameter (an array of `record`s) and read
 * back as rows by `jsonb_to_recordset`, which converts each value with its column type's input function (a text too
 * long for its varchar is refused, as it is in any insert). One JSON.stringify of the rows, where one array per column
 * had every element escaped into an array literal (a document's every quote) and parsed back as such.
 */
export function rowRecords<T extends object>(meta: EntityMetadata<T>, shape: Record<string, unknown>): RowRecords {
  const props = meta.properties as Record<string, (typeof meta.properties)[keyof typeof meta.properties] | undefined>;
  const reads = Object.keys(shape).map((name) => {
    const prop = props[name];
    if (!prop) throw new Error(`${meta.className} has no property ${name}`);
    if (name.includes('"')) throw new Error(`${meta.className}: a property name with a quote (${name})`);
    return {
      name,
      column: `"${prop.fieldNames[0]}"`,
      definition: `"${name}" ${prop.columnTypes[0]}`,
      relation: prop.kind === ReferenceKind.MANY_TO_ONE,
    };
  });
  return {
    columns: reads.map((r) => r.column),
    definitions: reads.map((r) => r.definition),
    record: (data) => {
      const out: Record<string, unknown> = {};
      for (const r of reads) {
        const v = data[r.name];
        out[r.name] = r.relation ? idOf(v) : (v ?? null);
      }
      return out;
    },
  };
}
