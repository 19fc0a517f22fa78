/**
 * A small dependency-free XML reader, enough for MH's `.crt` certificate: elements, attributes,
 * self-closing tags, text with the five predefined entities and character references, CDATA, comments,
 * the XML declaration and processing instructions. No DTDs, no namespaces semantics (prefixes stay in the name).
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element (not its descendants). */
  text: string;
}

export class XmlParseError extends Error {
  constructor(
    message: string,
    public readonly offset: number,
  ) {
    super(`${message} (at offset ${offset})`);
    this.name = 'XmlParseError';
  }
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(source: string): XmlElement {
  const p = new Parser(source.replace(/^\uFEFF/, ''));
  p.skipMisc();
  if (p.peek() !== '<') p.fail('expected a root element');
  const root = p.element();
  p.skipMisc();
  if (!p.done()) p.fail('unexpected content after the root element');
  return root;
}

/** First child element with that name, or undefined. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** Follows a `/`-separated path of child names, e.g. `certificado/basicEstructure/validity`. */
export function at(el: XmlElement | undefined, path: string): XmlElement | undefined {
  return path.split('/').reduce<XmlElement | undefined>((cur, name) => child(cur, name), el);
}

class Parser {
  private pos = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.pos >= this.s.length;
  }
  peek(): string {
    return this.s[this.pos] ?? '';
  }
  fail(message: string): never {
    throw new XmlParseError(message, this.pos);
  }

  /** Whitespace, comments, the XML declaration, processing instructions and a DOCTYPE outside the root. */
  skipMisc(): void {
    for (;;) {
      this.skipSpace();
      if (this.s.startsWith('<?', this.pos)) this.skipUntil('?>');
      else if (this.s.startsWith('<!--', this.pos)) this.skipUntil('-->');
      else if (this.s.startsWith('<!DOCTYPE', this.pos)) this.skipUntil('>');
      else return;
    }
  }

  element(): XmlElement {
    this.expect('<');
    const name = this.name();
    const attributes = this.attributes();
    const el: XmlElement = { name, attributes, children: [], text: '' };
    if (this.s.startsWith('/>', this.pos)) {
      this.pos += 2;
      return el;
    }
    this.expect('>');
    this.content(el);
    this.expect('</');
    const closing = this.name();
    if (closing !== name) this.fail(`closing tag </${closing}> does not match <${name}>`);
    this.skipSpace();
    this.expect('>');
    return el;
  }

  private content(el: XmlElement): void {
    for (;;) {
      if (this.done()) this.fail(`unclosed element <${el.name}>`);
      if (this.s.startsWith('</', this.pos)) return;
      if (this.s.startsWith('<!--', this.pos)) this.skipUntil('-->');
      else if (this.s.startsWith('<![CDATA[', this.pos)) {
        const end = this.s.indexOf(']]>', this.pos);
        if (end < 0) this.fail('unclosed CDATA section');
        el.text += this.s.slice(this.pos + 9, end);
        this.pos = end + 3;
      } else if (this.s.startsWith('<?', this.pos)) this.skipUntil('?>');
      else if (this.peek() === '<') el.children.push(this.element());
      else {
        const end = this.s.indexOf('<', this.pos);
        if (end < 0) this.fail(`unclosed element <${el.name}>`);
        el.text += decodeEntities(this.s.slice(this.pos, end), this.pos);
        this.pos = end;
      }
    }
  }

  private attributes(): Record<string, string> {
    const attrs: Record<string, string> = {};
    for (;;) {
      this.skipSpace();
      const c = this.peek();
      if (c === '>' || c === '/' || c === '') return attrs;
      const key = this.name();
      this.skipSpace();
      this.expect('=');
      this.skipSpace();
      const quote = this.peek();
      if (quote !== '"' && quote !== "'") this.fail(`attribute ${key} must be quoted`);
      const end = this.s.indexOf(quote, this.pos + 1);
      if (end < 0) this.fail(`unterminated attribute ${key}`);
      attrs[key] = decodeEntities(this.s.slice(this.pos + 1, end), this.pos);
      this.pos = end + 1;
    }
  }

  private name(): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.s);
    if (!m) this.fail('expected a name');
    this.pos += m[0].length;
    return m[0];
  }

  private expect(token: string): void {
    if (!this.s.startsWith(token, this.pos)) this.fail(`expected "${token}"`);
    this.pos += token.length;
  }

  private skipSpace(): void {
    while (/\s/.test(this.peek()) && !this.done()) this.pos++;
  }

  private skipUntil(terminator: string): void {
    const end = this.s.indexOf(terminator, this.pos);
    if (end < 0) this.fail(`expected "${terminator}"`);
    this.pos = end + terminator.length;
  }
}

function decodeEntities(raw: string, offset: number): string {
  return raw.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);|&/g, (whole, ref: string | undefined) => {
    if (!ref) throw new XmlParseError('bare "&" in character data', offset);
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const v = ENTITIES[ref];
    if (v === undefined) throw new XmlParseError(`unknown entity ${whole}`, offset);
    return v;
  });
}

/** Escapes text for element content / attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => `&${({ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' } as const)[c as '<']};`,
  );
}
