/**
 * A block of a page drawn once and replayed: the same operators, written again in the same order, for the next
 * document that draws the same block at the same place. For the parts of a versión legible that depend only on the
 * tenant (the emisor's block is the same on every document of an establishment): laying its texts out (pdfkit's line
 * wrapper for a long address) is most of a header's cost. The bytes are the same as drawing it
 * (test/documents/pdf-replay.test.ts compares whole files).
 */
import { FONT, FONT_BOLD, flatText } from './pdf-fonts.js';

type Pdf = PDFKit.PDFDocument;

/** What drawing the block did to the page and the document: everything a replay must do again. */
interface Recorded {
  /** Each operator written, in order. */
  content: string[];
  /** The fonts the block first used on the page (their resource ids, in the order they were added). */
  fonts: string[];
  x: number;
  y: number;
  /** The text state the block left. */
  font: string;
  fontSize: number;
  fillColor: unknown;
}

/** pdfkit's state the replay reads and sets (pdfkit 0.20, pinned in package.json). */
interface Internals {
  _font: { id: string; ref(): unknown };
  _fontSize: number;
  _fillColor: unknown;
  _wrapper: unknown;
  _textOptions: unknown;
  page: { fonts: Record<string, unknown>; resources: { data: Record<string, Record<string, unknown> | undefined> } };
  addContent(data: unknown): Pdf;
}

const MAX_BLOCKS = 256;
/** The blocks drawn, most recently drawn last (the oldest is forgotten when there are too many). */
const blocks = new Map<string, Recorded>();

/** Forgets every block (tests). */
export function forgetReplayedBlocks(): void {
  blocks.clear();
}

/** The font (of the two faces) whose resource id is `id` in this document, made current. */
function fontById(doc: Pdf, id: string): string | null {
  const d = doc as unknown as Internals;
  for (const face of [FONT, FONT_BOLD]) {
    doc.font(face);
    if (d._font.id === id) return face;
  }
  return null;
}

function faceOf(doc: Pdf): string | null {
  return fontById(doc, (doc as unknown as Internals)._font.id);
}

/**
 * Draws a block through `draw` (which returns the y below it) — or, when a block of the same `key` was drawn before in
 * this process, writes its operators again. `key` must name everything the block's drawing depends on (its texts, its
 * place and width, the page's size and margins); `draw` must set the font, size and colour it draws with, draw on the
 * current page only, and use no resources but the two faces' fonts. A block that did otherwise is not kept.
 */
export function replayedBlock(doc: Pdf, key: string, draw: () => number): number {
  const d = doc as unknown as Internals;
  const known = blocks.get(key);
  if (known) {
    const fonts = d.page.fonts;
    for (const id of known.fonts) {
      if (fonts[id] != null) continue;
      if (!fontById(doc, id)) throw new Error(`replayed block: no font ${id}`);
      fonts[id] = d._font.ref();
    }
    for (const op of known.content) d.addContent(op);
    doc.font(known.font).fontSize(known.fontSize);
    d._fillColor = known.fillColor;
    doc.x = known.x;
    doc.y = known.y;
    return known.y;
  }
  const page = d.page;
  // (read from the resources themselves: pdfkit's getters would add an empty dictionary to the page)
  const resources = () => page.resources.data;
  const count = (name: string) => Object.keys(resources()[name] ?? {}).length;
  const before = {
    fonts: new Set(Object.keys(resources().Font ?? {})),
    names: Object.keys(resources()).join(),
    gstates: count('ExtGState'),
    xobjects: count('XObject'),
    patterns: count('Pattern'),
    colorSpaces: count('ColorSpace'),
  };
  const content: string[] = [];
  let plain = true;
  const addContent = d.addContent;
  const own = Object.hasOwn(d, 'addContent');
  d.addContent = function (this: Pdf, data: unknown) {
    if (typeof data === 'string') content.push(data);
    else plain = false;
    return addContent.call(this, data);
  };
  let bottom: number;
  try {
    bottom = draw();
  } finally {
    if (own) d.addContent = addContent;
    else delete (d as { addContent?: unknown }).addContent;
  }
  const same =
    plain &&
    d.page === page &&
    !d._wrapper &&
    !d._textOptions &&
    count('ExtGState') === before.gstates &&
    count('XObject') === before.xobjects &&
    count('Pattern') === before.patterns &&
    count('ColorSpace') === before.colorSpaces &&
    // (no resource dictionary but the fonts' was added)
    Object.keys(resources())
      .filter((n) => n !== 'Font')
      .join() ===
      before.names
        .split(',')
        .filter((n) => n && n !== 'Font')
        .join();
  const face = same ? faceOf(doc) : null;
  if (face) {
    if (blocks.size >= MAX_BLOCKS) blocks.delete(blocks.keys().next().value!);
    const fonts = Object.keys(resources().Font ?? {}).filter((id) => !before.fonts.has(id));
    blocks.set(key, {
      content: content.map(flatText),
      fonts,
      x: doc.x,
      y: doc.y,
      font: face,
      fontSize: d._fontSize,
      fillColor: d._fillColor,
    });
  }
  return bottom;
}
