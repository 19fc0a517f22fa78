/**
 * One-line texts drawn without pdfkit's line wrapper: when a text certainly fits its line, its operators are written
 * directly, the same ones pdfkit's own text() writes for it (test/documents/pdf-text-line.test.ts compares the bytes);
 * anything else goes through pdfkit. Also `Label: value` lines drawn the same way.
 */
import { contentNumber, FONT, FONT_BOLD } from './pdf-fonts.js';
import {
  boundFits,
  certainlyOneLine,
  type Pdf,
  pdfNumber,
  SPACE_BROKEN,
  spaceWords,
  type TextInternals,
  wrappedLines,
  wrappedWidth,
  wrappedWordsWidth,
} from './pdf-line-wrap.js';

/** A page's fonts as pdfkit records them (resources of the page). */
interface PageFonts {
  fonts: Record<string, unknown>;
}

/**
 * One line of text as pdfkit's _fragment draws it with no spacing, scaling, decoration or baseline option: the same
 * operators in the same order (its save, flip of the page's coordinates, text object and restore; the current
 * transformation is back where it was afterwards, as after pdfkit's save/restore).
 */
function drawFragment(
  doc: Pdf,
  text: string,
  x: number,
  y: number,
  align: 'left' | 'right' | 'center',
  lineWidth: number,
  textWidth: number,
): void {
  const t = doc as unknown as TextInternals;
  const font = t._font;
  if (align === 'right') x += lineWidth - doc.widthOfString(text.replace(/\s+$/, ''));
  else if (align === 'center') x += lineWidth / 2 - textWidth / 2;
  const height = doc.page.height;
  const baseline = height - y - (font.ascender / 1000) * t._fontSize;
  const fonts = (doc.page as unknown as PageFonts).fonts;
  if (fonts[font.id] == null) fonts[font.id] = font.ref();
  // the eight operators as one piece of content (pdfkit separates each with a line feed)
  doc.addContent(
    `q\n1 0 0 -1 0 ${contentNumber(height)} cm\nBT\n1 0 0 1 ${contentNumber(x)} ${contentNumber(baseline)} Tm\n` +
      `/${font.id} ${contentNumber(t._fontSize)} Tf\n${font.fxShowText!(text)} TJ\nET\nQ`,
  );
}

/**
 * `doc.text(text, x, y, options)` for a text of several lines that all fit on the page: each line drawn as pdfkit
 * draws it (the same operators, positions and cursor afterwards). False, with nothing drawn, when pdfkit would do
 * anything else (open a page, split a word).
 */
function wrappedText(doc: Pdf, text: string, x: number, y: number, options: LineOptions): boolean {
  const t = doc as unknown as TextInternals;
  const lineWidth = (Math.max(options.width, 0) * 100) / 100;
  const wrapped = wrappedLines(doc, text, lineWidth);
  if (!wrapped) return false;
  const { lines, widths } = wrapped;
  const lineHeight = doc.currentLineHeight(true);
  const step = lineHeight + (t._lineGap || 0);
  const maxY = pdfNumber(doc.page.height - doc.page.margins.bottom);
  if (y > maxY || y + lineHeight > maxY) return false;
  // pdfkit opens a page when the line after one it drew would end below the page's bottom
  let at = y;
  for (let i = 0; i + 1 < lines.length; i += 1) {
    at += step;
    if (pdfNumber(at + lineHeight) > maxY) return false;
  }
  const align = options.align ?? 'left';
  doc.x = x;
  doc.y = y;
  for (let i = 0; i < lines.length; i += 1) {
    drawFragment(doc, lines[i]!, x, doc.y, align, lineWidth, widths[i]!);
    doc.y += doc.currentLineHeight(true) + (t._lineGap || 0);
  }
  doc.x = x;
  return true;
}

export interface LineOptions {
  width: number;
  align?: 'left' | 'right' | 'center';
}

/**
 * `doc.text(text, x, y, options)` for a text that fits on one line, drawn the way pdfkit draws it (the same operators,
 * positions and cursor afterwards) without its line wrapper: pdfkit measures and breaks every text word by word, the
 * largest part of a page's cost, for texts that are nearly all a single line (a table cell, a label, an amount). Any
 * text this cannot be sure of (longer, near the width, near the page's end, centred with breaks other than spaces)
 * goes to pdfkit.
 */
export function textLine(doc: Pdf, text: string, x: number, y: number, options: LineOptions): Pdf {
  const t = doc as unknown as TextInternals;
  const align = options.align ?? 'left';
  if (!boundFits(doc, text, options.width)) {
    // near the edge or longer: laid out word by word as pdfkit's wrapper lays it out (one line or several)
    if (wrappedText(doc, text, x, y, options)) return doc;
    return doc.text(text, x, y, options);
  }
  const lineHeight = doc.currentLineHeight(true);
  const maxY = pdfNumber(doc.page.height - doc.page.margins.bottom);
  if (y > maxY || y + lineHeight > maxY) return doc.text(text, x, y, options);
  const width = Math.max(options.width, 0);
  // as pdfkit's line wrapper: the line's width and, for a centred line, the sum of its words' widths
  const lineWidth = (width * 100) / 100;
  let textWidth = 0;
  if (align === 'center') {
    if (SPACE_BROKEN.test(text)) for (const word of spaceWords(text)) textWidth += pdfNumber(doc.widthOfString(word));
    else {
      // (a footer's control number and code: hyphens, a middle dot)
      const sum = wrappedWordsWidth(doc, text);
      if (sum === null) return doc.text(text, x, y, options);
      textWidth = sum;
    }
  }
  doc.x = x;
  doc.y = y;
  drawFragment(doc, text, x, y, align, lineWidth, textWidth);
  doc.y += doc.currentLineHeight(true) + (t._lineGap || 0);
  doc.x = x;
  return doc;
}

/** `doc.heightOfString(text, { width })`, without pdfkit's line wrapper for a text that certainly fits one line. */
export function heightOfLine(doc: Pdf, text: string, width: number): number {
  if (!certainlyOneLine(doc, text, width)) return doc.heightOfString(text, { width });
  const y = doc.y;
  return y + (doc.currentLineHeight(true) + ((doc as unknown as TextInternals)._lineGap || 0)) - y;
}

/**
 * The `label: ` in bold and the value after it on the same line, as pdfkit draws `text(label, { continued: true })`
 * then `text(value)` (the value starts where the label's words end, the cursor goes to the next line), for a label
 * and a value that certainly fit; false (nothing drawn) otherwise.
 */
export function labelledLine(doc: Pdf, label: string, value: string, x: number, y: number, width: number): boolean {
  const t = doc as unknown as TextInternals;
  const labelText = `${label}: `;
  const size = t._fontSize;
  doc.font(FONT_BOLD);
  if (!value || !certainlyOneLine(doc, labelText, width)) return false;
  const boldHeight = doc.currentLineHeight(true);
  const labelWidth = wrappedWidth(doc, FONT_BOLD, size, labelText);
  const lineWidth = (Math.max(width, 0) * 100) / 100;
  const rest = lineWidth - labelWidth;
  doc.font(FONT);
  // (pdfkit continues on the label's line with the room the label's words left: `rest`)
  if (!certainlyOneLine(doc, value, rest, rest)) return false;
  const regularHeight = doc.currentLineHeight(true);
  const maxY = pdfNumber(doc.page.height - doc.page.margins.bottom);
  if (y > maxY || y + boldHeight > maxY || y + regularHeight > maxY) return false;
  drawFragment(doc.font(FONT_BOLD), labelText, x, y, 'left', lineWidth, labelWidth);
  drawFragment(doc.font(FONT), value, x + labelWidth, y, 'left', rest, 0);
  doc.y = y + regularHeight + (t._lineGap || 0);
  doc.x = x;
  return true;
}

/** `Label: value` on one line, or the value on its own line when both do not fit (keeps codes unbroken). */
export function labelled(doc: Pdf, label: string, value: string, x: number, width: number, size: number): void {
  doc.font(FONT_BOLD).fontSize(size);
  const labelWidth = doc.widthOfString(`${label}: `);
  doc.font(FONT);
  const fits = labelWidth + doc.widthOfString(value) <= width;
  const y = doc.y + 1;
  if (fits && labelledLine(doc, label, value, x, y, width)) return;
  if (fits) {
    doc.font(FONT_BOLD).text(`${label}: `, x, y, { width, continued: true });
    doc.font(FONT).text(value);
    return;
  }
  textLine(doc.font(FONT_BOLD), `${label}:`, x, y, { width });
  textLine(doc.font(FONT), value, x, doc.y, { width });
}
