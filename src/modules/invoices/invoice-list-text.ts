// How the invoice listing matches its text filter (one condition per mode), and the search expressions spelled as
// their indexes have them.
//
// Text search, in the order tried (the first that finds anything answers; see textModes):
//  - identifier: a single token with a digit is looked up by prefix in btree indexes: codigoGeneracion (uppercase
//    UUID), numeroControl (DTE-…), referenciaExterna (lower-cased), and, when it is a document number, the receptor's;
//  - words: whole words of the receptor's name, in order and adjacent (full text, unaccented, GIN); from two words
//    on, by their pairs of adjacent words (one GIN entry per pair: `rocio canas` reads only the rows that have that
//    pair, not every Rocío with a Cañas somewhere);
//  - prefix: the same with the last word only begun (someone still typing); a prefix reads every word (or pair) it
//    begins, so it comes after the whole words;
//  - contains: contained anywhere in the four columns (trigram GIN), for whatever the first two did not find.

import { type Cond, cond, escapeLike, type TextMode } from './invoice-list-parts.js';

/** The search expression, spelled exactly as in the index (invoice_search_index). */
export const SEARCH_EXPRESSION =
  'fx_invoice_search(receptor_nombre, numero_control, codigo_generacion, referencia_externa)';
/**
 * The name and the reference as a walk checks them: stored with the row (search_text, written by a trigger), else
 * computed the same way (a row written before that column existed). Never read from an index: a check on rows already
 * read.
 */
const STORED_SEARCH = 'coalesce(search_text, fx_invoice_search_text(receptor_nombre, referencia_externa))';
/**
 * numeroControl and codigoGeneracion as the search expression has them: lower-cased (they are ASCII as the service
 * makes them: `DTE-`, digits, an establishment code; an uppercase UUID; unaccenting leaves them as they are).
 */
const IDENTIFIERS_CHECKED = `lower(coalesce(numero_control, '') || E'\\x1f' || coalesce(codigo_generacion, ''))`;
/** The name's words, spelled exactly as in the index (invoice_name_search_index). */
const NAME_EXPRESSION = `to_tsvector('fx_names'::regconfig, coalesce(receptor_nombre, ''))`;
/** Pairs of adjacent words of the name, spelled exactly as in the index (invoice_name_pairs_index). */
const PAIRS_EXPRESSION = 'fx_name_pairs(receptor_nombre)';
/** The name's words for a phrase checked on the row (no index has this expression). */
const PHRASE_CHECK = `to_tsvector('fx_names'::regconfig, receptor_nombre::text)`;

/** A prefix of an uppercase UUID (at least its first 8 hex digits). */
const UUID_PREFIX = /^[0-9A-F]{8}(-[0-9A-F]{0,4}(-[0-9A-F]{0,4}(-[0-9A-F]{0,4}(-[0-9A-F]{0,12})?)?)?)?$/;
/** A prefix of a numeroControl (DTE-tt-eeeepppp-nnnnnnnnnnnnnnn). */
const NUMERO_CONTROL_PREFIX = /^DTE-/;
/** A document number (DUI, NIT…): digits, maybe with dashes. */
const DOCUMENT_NUMBER = /^[0-9][0-9-]*[0-9]$/;
/** Words of a name for the full-text search: letters and digits only (nothing else reaches to_tsquery). */
export const words = (text: string): string[] =>
  text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** The ways `text` may be matched, the cheapest first: an identifier-like token, a name's words, then containment. */
export function textModes(text: string): TextMode[] {
  const t = text.trim();
  if (!/\s/.test(t) && /\d/.test(t)) return ['identifier', 'contains'];
  if (words(t).some((w) => /\p{L}/u.test(w))) return ['words', 'prefix', 'contains'];
  return ['contains'];
}

/** The condition of `text` in one mode (parameters only: the values are quoted literals once inlined). */
export function textCond(text: string, mode: TextMode): Cond {
  const t = text.trim();
  if (mode === 'identifier') {
    const upper = t.toUpperCase();
    const ors: Cond[] = [cond(`lower(referencia_externa) like ?`, `${escapeLike(t.toLowerCase())}%`)];
    if (upper.length === 36 && UUID_PREFIX.test(upper)) ors.push(cond('codigo_generacion = ?', upper));
    else if (UUID_PREFIX.test(upper)) ors.push(cond('codigo_generacion like ?', `${upper}%`));
    if (NUMERO_CONTROL_PREFIX.test(upper)) ors.push(cond('numero_control like ?', `${escapeLike(upper)}%`));
    if (DOCUMENT_NUMBER.test(t)) ors.push(cond('receptor_num_documento = ?', t.replace(/-/g, '')));
    return { sql: `(${ors.map((c) => c.sql).join(' or ')})`, values: ors.flatMap((c) => c.values) };
  }
  if (mode === 'words' || mode === 'prefix') {
    const ws = words(t);
    const query = ws.map((w) => `'${w}'`).join(' <-> ') + (mode === 'prefix' ? ':*' : '');
    if (ws.length < 2) return cond(`${NAME_EXPRESSION} @@ to_tsquery('fx_names', ?)`, query);
    const pairs = cond(`${PAIRS_EXPRESSION} @@ fx_name_pairs_query(?, ${mode === 'prefix'})`, ws.join(' '));
    // Two words of letters are two lexemes: the pair is the phrase. With more (or digits, which may make several
    // lexemes of one word), every pair is needed but they may lie apart: the phrase is checked on the rows that have
    // them all, spelled unlike the name index's expression so that it is a check on those rows, not another index read.
    if (ws.length === 2 && ws.every((w) => /^\p{L}+$/u.test(w))) return pairs;
    const phrase = cond(`${PHRASE_CHECK} @@ to_tsquery('fx_names', ?)`, query);
    return { sql: `(${pairs.sql} and ${phrase.sql})`, values: [...pairs.values, ...phrase.values] };
  }
  return containsCond(t, SEARCH_EXPRESSION);
}

/** `text` contained in `searched` (the search expression). */
const containsCond = (text: string, searched: string): Cond =>
  cond(`${searched} like '%' || lower(fx_unaccent(?)) || '%'`, escapeLike(text.trim()));

/**
 * `text` contained, checked on a row already read (a walk): in the stored name and reference, or in the two
 * identifiers. A fragment without the separator (\x1f) is contained in the search expression iff it is in one of
 * its four parts; one with it is checked against the expression itself.
 */
export function walkContainsCond(text: string): Cond {
  if (text.includes('\x1f')) return containsCond(text, SEARCH_EXPRESSION);
  const stored = containsCond(text, STORED_SEARCH);
  const identifiers = containsCond(text, IDENTIFIERS_CHECKED);
  return { sql: `(${stored.sql} or ${identifiers.sql})`, values: [...stored.values, ...identifiers.values] };
}
