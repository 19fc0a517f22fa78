import type { NextFunction, Request, Response } from 'express';
import { ErrorCode, type FieldIssue } from '../core/errors.js';

/** JSON nesting deeper than this is no document anyone sends: refused before any walk that recurses. */
export const MAX_INPUT_DEPTH = 64;

/**
 * Why a string cannot be accepted as text, or null. PostgreSQL cannot store U+0000 in text, and a lone UTF-16
 * surrogate is no character at all (it cannot be encoded as UTF-8): both are refused as input, with the field named,
 * rather than failing later in the database.
 */
export function badTextReason(s: string): string | null {
  if (s.includes('\u0000')) return 'contains the NUL character (U+0000), which text fields cannot hold';
  if (!s.isWellFormed()) return 'contains a lone UTF-16 surrogate (not a valid Unicode character)';
  return null;
}

const pathOf = (parent: string, key: string | number) =>
  typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;

/** A value still to look at: its path is made into text only when an issue names it. */
interface Pending {
  v: unknown;
  up: Pending | null;
  key: string | number;
  depth: number;
}

function pathText(p: Pending, root: string): string {
  return p.up ? pathOf(pathText(p.up, root), p.key) : root;
}

/** Every bad string (values and keys) in a JSON value, found without recursion; and whether it nests too deeply. */
export function inputIssues(value: unknown, root = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stack: Pending[] = [{ v: value, up: null, key: '', depth: 0 }];
  while (stack.length && issues.length < 20) {
    const item = stack.pop()!;
    const { v, depth } = item;
    if (typeof v === 'string') {
      const why = badTextReason(v);
      if (why) issues.push({ path: pathText(item, root) || '(body)', code: 'INVALID_CHARACTER', message: why });
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      const path = pathText(item, root) || '(body)';
      issues.push({ path, code: 'TOO_DEEP', message: `nests deeper than ${MAX_INPUT_DEPTH} levels` });
      break;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], up: item, key: i, depth: depth + 1 });
      continue;
    }
    for (const k in v) {
      if (!Object.hasOwn(v, k)) continue;
      const why = badTextReason(k);
      if (why) {
        const path = pathOf(pathText(item, root), k);
        issues.push({ path, code: 'INVALID_CHARACTER', message: `field name ${why}` });
      }
      stack.push({ v: (v as Record<string, unknown>)[k], up: item, key: k, depth: depth + 1 });
    }
  }
  return issues;
}

function requestIssues(req: Request): FieldIssue[] {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    return [{ path: '(url)', code: 'MALFORMED_URL', message: 'the URL has a malformed percent-encoding' }];
  }
  const why = badTextReason(path);
  if (why) return [{ path: '(url)', code: 'INVALID_CHARACTER', message: why }];
  // Without a query string there is nothing to parse (express parses it again at every read of req.query).
  const query = req.url.includes('?') ? inputIssues(req.query, 'query') : [];
  const body = inputIssues(req.body);
  return query.length ? [...query, ...body] : body;
}

/**
 * Refuses a request whose URL, query or JSON body carries text that cannot be stored, before any use case runs:
 * 400 with the REST error shape, or the GraphQL one on /graphql.
 */
export function inputGuard(req: Request, res: Response, next: NextFunction) {
  const issues = requestIssues(req);
  if (!issues.length) return next();
  const requestId = res.locals.requestId as string;
  const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  const code = ErrorCode.VALIDATION_FAILED;
  if (req.path === '/graphql') {
    res.status(400).json({ errors: [{ message, extensions: { code, issues, requestId } }] });
    return;
  }
  res.status(400).json({ error: { code, message, issues, requestId } });
}
