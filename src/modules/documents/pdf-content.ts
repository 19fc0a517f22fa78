/** Numbers and texts of content operators as pdfkit writes them, and flat copies of the texts kept. */

/** A character outside latin1 (one byte a character), which flatText leaves as it is. */
const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/**
 * A content operator to be kept and written again (into later pages), as one flat string. V8 keeps a string built by
 * concatenation as a tree of its pieces and walks the whole tree each time the string is copied — here each time a
 * page's content is converted to bytes, which with kept operators reached into every one of their trees again. A flat
 * copy of the same characters is walked once; a page's content is written as latin1, so a text with a character beyond
 * it is kept as it is.
 */
export function flatText(text: string): string {
  if (text.length < 16 || BEYOND_LATIN1.test(text)) return text;
  return Buffer.from(text, 'latin1').toString('latin1');
}

/** A number as pdfkit writes it in a content stream (PDFObject.number: rounded to 6 decimals). */
export function contentNumber(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
}
