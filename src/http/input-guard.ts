import type { NextFunction, Request, Response } from 'express';
import { ErrorCode, issuesMessage, type FieldIssue } from '../core/errors.js';
import { localizeError } from '../core/messages.js';

/** JSON nesting deeper than this is no document anyone sends: refused before any walk that recurses. */
export const MAX_INPUT_DEPTH = 64;

/**
 * Why a string cannot be accepted as text, or null. PostgreSQL cannot store U+0000 in text, and a lone UTF-16
 * surrogate is no character at all (it cannot be encoded as UTF-8): both are refused as input, with the field named,
 * rather than failing later in the database.
 */
export function badTextReason(s: string): string | null {
  return badText(s)?.reason ?? null;
}

/** The character a string cannot hold (its name for the message catalogs) and why, or null. */
function badText(s: string): { character: 'NUL' | 'surrogate'; reason: string } | null {
  if (s.includes('\u0000'))
    return { character: 'NUL', reason: 'contains the NUL character (U+0000), which text fields cannot hold' };
  if (!s.isWellFormed())
    return { character: 'surrogate', reason: 'contains a lone UTF-16 surrogate (not a valid Unicode character)' };
  return null;
}

/** The issue of a string that cannot be stored: a value's, or (`name`) a field name's. */
function badTextIssue(path: string, bad: { character: string; reason: string }, name = false): FieldIssue {
  return {
    path,
    code: 'INVALID_CHARACTER',
    message: name ? `field name ${bad.reason}` : bad.reason,
    params: { character: bad.character, in: name ? 'name' : 'value' },
  };
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
      const bad = badText(v);
      if (bad) issues.push(badTextIssue(pathText(item, root) || '(body)', bad));
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      const path = pathText(item, root) || '(body)';
      issues.push({
        path,
        code: 'TOO_DEEP',
        message: `nests deeper than ${MAX_INPUT_DEPTH} levels`,
        params: { max: MAX_INPUT_DEPTH },
      });
      break;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], up: item, key: i, depth: depth + 1 });
      continue;
    }
    for (const k in v) {
      if (!Object.hasOwn(v, k)) continue;
      const bad = badText(k);
      if (bad) issues.push(badTextIssue(pathOf(pathText(item, root), k), bad, true));
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
  const bad = badText(path);
  if (bad) return [badTextIssue('(url)', bad)];
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
  refuseRequest(req, res, issuesMessage(issues), issues);
}

/**
 * A request refused before any use case runs, as a validation failure in the caller's language: 400, in the GraphQL
 * error shape on /graphql and in the REST one elsewhere.
 */
export function refuseRequest(req: Request, res: Response, message: string, issues: readonly FieldIssue[]): void {
  const requestId = res.locals.requestId as string;
  const code = ErrorCode.VALIDATION_FAILED;
  const localized = localizeError(code, message, issues);
  if (req.path === '/graphql') {
    const extensions = { code, issues: localized.issues, requestId };
    res.status(400).json({ errors: [{ message: localized.message, extensions }] });
    return;
  }
  res.status(400).json({ error: { code, ...localized, requestId } });
}
