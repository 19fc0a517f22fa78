// The structural check's answer for a sound document, compiled once per shape: `shapeSound(v, s)` is true only when
// `checkShape(v, s, …)` would report nothing. It never builds a path or a message; a document it does not find sound
// is checked again by checkShape, which names every issue. The interpreter walks each shape's options on every value
// (≈ 25 µs for a factura); the compiled predicate has them as constants in straight-line code.
import { decimalsOf } from '../money.js';
import { type ArrShape, isCalendarDate, type NumShape, type ObjShape, type Shape, type StrShape } from './shape.js';

type Predicate = (v: unknown) => boolean;

const compiled = new WeakMap<Shape, Predicate>();

/** Whether `v` is sound against `s` (true only when checkShape would report no issue). */
export function shapeSound(v: unknown, s: Shape): boolean {
  return predicate(s)(v);
}

function predicate(s: Shape): Predicate {
  let p = compiled.get(s);
  if (!p) {
    p = compile(s);
    compiled.set(s, p);
  }
  return p;
}

/**
 * The predicate of one shape as code: the shape's options become constants (`c[i]`: numbers, regular expressions,
 * enum sets, the child shapes' predicates), and every key is written as a JSON string literal. Nothing of a document
 * is ever part of the code.
 */
function compile(s: Shape): Predicate {
  const c: unknown[] = [];
  const ref = (x: unknown): string => {
    c.push(x);
    return `c[${c.length - 1}]`;
  };
  const lines: string[] = [`if (v === null) return ${s.nullable ? 'true' : 'false'};`];
  if (s.k === 'obj') objectLines(s, ref, lines);
  else if (s.k === 'arr') arrayLines(s, ref, lines);
  else lines.push(`return ${leaf(s, 'v', ref)};`);
  const make = new Function('c', `return function sound(v) {\n${lines.join('\n')}\n};`) as (c: unknown[]) => Predicate;
  return make(c);
}

function objectLines(s: ObjShape, ref: (x: unknown) => string, lines: string[]): void {
  lines.push(`if (typeof v !== 'object' || Array.isArray(v)) return false;`);
  // Each key read once: a value that is undefined fails every child test (each begins with a type test), so a key
  // present with undefined is as unsound as a required key missing.
  for (const key in s.props) {
    const k = JSON.stringify(key);
    const test = child(s.props[key]!, ref);
    if (s.optional?.includes(key)) {
      const present = `if (x !== undefined) { if (!(${test})) return false; }`;
      lines.push(`{ const x = v[${k}]; ${present} else if (${k} in v) return false; }`);
    } else lines.push(`{ const x = v[${k}]; if (x === undefined || !(${test})) return false; }`);
  }
  // Every own enumerable key of the object (Object.keys's, without its array) is a field of the section (as checkObj
  // asks: `key in props`).
  const props = ref(s.props);
  lines.push(`for (const k in v) if (!(k in ${props}) && Object.hasOwn(v, k)) return false;`);
  lines.push('return true;');
}

function arrayLines(s: ArrShape, ref: (x: unknown) => string, lines: string[]): void {
  lines.push('if (!Array.isArray(v)) return false;');
  if (s.min !== undefined) lines.push(`if (v.length < ${ref(s.min)}) return false;`);
  if (s.max !== undefined) lines.push(`if (v.length > ${ref(s.max)}) return false;`);
  if (s.unique) lines.push('if (new Set(v.map((x) => JSON.stringify(x))).size !== v.length) return false;');
  lines.push(`for (let i = 0; i < v.length; i++) { const x = v[i]; if (!(${child(s.of, ref)})) return false; }`);
  lines.push('return true;');
}

/** The test of a child value `x` (read once): a leaf inline, an object or array through its own predicate. */
function child(s: Shape, ref: (x: unknown) => string): string {
  if (s.k === 'obj' || s.k === 'arr') return `${ref(predicate(s))}(x)`;
  return `x === null ? ${s.nullable ? 'true' : 'false'} : ${leaf(s, 'x', ref)}`;
}

function leaf(s: StrShape | NumShape, x: string, ref: (x: unknown) => string): string {
  const t: string[] = [];
  if (s.k === 'str') {
    t.push(`typeof ${x} === 'string'`);
    if (s.min !== undefined) t.push(`${x}.length >= ${ref(s.min)}`);
    if (s.max !== undefined) t.push(`${x}.length <= ${ref(s.max)}`);
    if (s.re) t.push(`${ref(s.re)}.test(${x})`);
    if (s.enum) t.push(`${ref(new Set(s.enum))}.has(${x})`);
    if (s.date) t.push(`${ref(isCalendarDate)}(${x})`);
    return t.join(' && ');
  }
  t.push(`typeof ${x} === 'number'`, `Number.isFinite(${x})`);
  if (s.int) t.push(`Number.isInteger(${x})`);
  if (s.enum) t.push(`${ref(new Set(s.enum))}.has(${x})`);
  if (s.min !== undefined) t.push(`${x} >= ${ref(s.min)}`);
  if (s.max !== undefined) t.push(`${x} <= ${ref(s.max)}`);
  if (s.exMin !== undefined) t.push(`${x} > ${ref(s.exMin)}`);
  if (s.exMax !== undefined) t.push(`${x} < ${ref(s.exMax)}`);
  if (s.dp !== undefined) t.push(`${ref(decimalsOf)}(${x}) <= ${ref(s.dp)}`);
  return t.join(' && ');
}
