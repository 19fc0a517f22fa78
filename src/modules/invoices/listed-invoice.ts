// A listing's rows as the views read them: plain objects converted as the ORM converts an invoice's columns, not
// tracked entities.
import { JsonType, ReferenceKind, type EntityClass } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { Invoice } from './invoice.entity.js';

/** A row of a listing page: the listed columns and its keyset's created_at. */
export type Row = Record<string, unknown> & { key_created_at: string };

/**
 * The columns a listing leaves out: the JWS (rebuilt only for `signedDocument`, which reads it by id) and the search
 * text (the search's own copy of four listed columns).
 */
const NOT_LISTED = new Set(['jws', 'searchText']);

/**
 * An invoice's columns as the views read them (a loaded entity is one too). A listing hands over every column but
 * those two, converted as the ORM converts them (names, instants, decimals, the tenant as a reference), in a plain
 * object rather than a tracked entity: no identity map entry and no snapshot for change detection (a listing never
 * writes; the snapshot serialised each row's document again). `document` arrives as text and is parsed the first
 * time a field reads it.
 */
export type InvoiceData = Omit<Invoice, 'jws' | 'searchText' | 'tenant'> & { tenant: { id: string } };

/** Converts a column's value; `ref` gives the page's reference to a related entity (one per id). */
type Convert = (v: unknown, ref: (target: EntityClass<object>, id: unknown) => object) => unknown;
interface Listing {
  /** The page's select list (quoted columns; `document` as text). */
  columns: string;
  /** Column → property, with its conversion (null: the value as the driver returns it); `document` apart. */
  fields: { column: string; prop: string; convert: Convert | null }[];
}
/** Per ORM instance (its metadata and platform), built on its first listing. */
const listings = new WeakMap<object, Listing>();

export function listingOf(ctx: Context): Listing {
  const storage = ctx.em.getMetadata();
  const known = listings.get(storage);
  if (known) return known;
  const meta = storage.get(Invoice);
  const platform = ctx.em.getPlatform();
  const fields: Listing['fields'] = [];
  const columns: string[] = [];
  for (const p of meta.props) {
    if (NOT_LISTED.has(p.name)) continue;
    if (p.kind === ReferenceKind.MANY_TO_ONE) {
      const target = p.targetMeta!.class as EntityClass<object>;
      const column = p.fieldNames[0]!;
      fields.push({ column, prop: p.name, convert: (v, ref) => (v == null ? v : ref(target, v)) });
      columns.push(`"${column}"`);
      continue;
    }
    if (p.kind !== ReferenceKind.SCALAR || p.persist === false) continue;
    const column = p.fieldNames[0]!;
    if (p.name === 'document') {
      // Read as text by ListedRow, parsed on first use.
      columns.push(`"${column}"::text as "${column}"`);
      continue;
    }
    let convert: Convert | null = null;
    if (p.runtimeType === 'Date') convert = (v) => (typeof v === 'string' ? platform.parseDate(v) : v);
    else if (p.runtimeType === 'boolean') convert = (v) => (v == null ? v : !!v);
    else if (p.customType && !(p.customType instanceof JsonType))
      convert = (v) => (v == null ? v : p.customType!.convertToJSValue(v, platform));
    fields.push({ column, prop: p.name, convert });
    columns.push(`"${column}"`);
  }
  const listing = { columns: columns.join(', '), fields };
  listings.set(storage, listing);
  return listing;
}

/** A listed row: `document` parsed on first read (a page that shows no field of it never parses it). */
class ListedRow {
  #document: unknown;
  constructor(documentText: unknown) {
    this.#document = documentText;
  }
  get document(): Record<string, unknown> {
    if (typeof this.#document === 'string') this.#document = JSON.parse(this.#document);
    return this.#document as Record<string, unknown>;
  }
}

/** The page's rows as InvoiceData, sharing one reference per related entity (the tenant). */
export function listedInvoices(ctx: Context, rows: Row[]): InvoiceData[] {
  const l = listingOf(ctx);
  const refs = new Map<unknown, object>();
  const ref = (target: EntityClass<object>, id: unknown) => {
    let r = refs.get(id);
    if (!r) refs.set(id, (r = ctx.em.getReference(target, id as never)));
    return r;
  };
  return rows.map((row) => {
    const out = new ListedRow(row.document) as unknown as Record<string, unknown>;
    for (const f of l.fields) {
      const v = row[f.column];
      out[f.prop] = f.convert ? f.convert(v, ref) : v;
    }
    return out as unknown as InvoiceData;
  });
}
