import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError, ErrorCode, httpStatusOf } from '../core/errors.js';
import { localizeError } from '../core/messages.js';
import type { Failure } from '../core/result.js';
import type { App } from '../app.js';
import type { Context } from '../context.js';
import { DocumentRenderError } from '../modules/documents/dte-json.js';
import { refuseRequest } from './input-guard.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Every request gets an id (the caller's x-request-id when well-formed), echoed in the response and in every error. */
export function requestId(req: Request, res: Response, next: NextFunction) {
  const given = req.header('x-request-id');
  res.locals.requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', res.locals.requestId);
  next();
}

/**
 * The JSON answer of a POST, written directly: a POST is never answered conditionally (ETag and 304 serve GET and
 * HEAD), so express's hash of the body for an ETag would be work nobody uses.
 */
export function sendPostJson(res: Response, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

/** An expected failure (a use case's result, or a thrown AppError) in the one JSON error shape, at its HTTP status. */
export function sendFailure(res: Response, failure: Failure | AppError) {
  const requestId = res.locals.requestId as string;
  const { message, issues } = localizeError(failure.code, failure.message, failure.issues);
  res.status(httpStatusOf[failure.code]).json({ error: { code: failure.code, message, issues, requestId } });
}

/**
 * Why a JSON body was refused by the parser: it was not JSON at all, or it was JSON but not an object or an array
 * (`null`, a string, a number: the parser takes only those two), with the issue that says so.
 */
function unparsedBody(raw: unknown): { message: string; issue: { path: string; code: string; message: string } } {
  const text = typeof raw === 'string' ? raw.trim() : '';
  let valid = false;
  if (text && text[0] !== '{' && text[0] !== '[') {
    try {
      JSON.parse(text);
      valid = true;
    } catch {
      valid = false;
    }
  }
  return valid
    ? {
        message: 'request body must be a JSON object',
        issue: { path: '(body)', code: 'INVALID_TYPE', message: 'must be a JSON object' },
      }
    : {
        message: 'request body is not valid JSON',
        issue: { path: '', code: 'INVALID_JSON', message: 'malformed JSON' },
      };
}

/**
 * The one JSON error shape of the REST face: `{ error: { code, message, issues, requestId } }`. With the request, a
 * body refused before any route runs is answered in the shape of its route (GraphQL's on /graphql).
 */
export function sendError(res: Response, err: unknown, log: App['log'], req?: Request) {
  const requestId = res.locals.requestId as string;
  if (err instanceof AppError) return sendFailure(res, err);
  if (err instanceof DocumentRenderError) {
    const issues = [{ path: err.field, code: err.code, message: err.message }];
    res.status(409).json({
      error: {
        code: ErrorCode.INVALID_STATE,
        message: `the versión legible cannot be rendered: ${err.message}`,
        issues,
        requestId,
      },
    });
    return;
  }
  const e = err as { type?: string; status?: number; expose?: boolean; message?: string };
  if (e?.type === 'entity.too.large') {
    res.status(413).json({
      error: {
        code: ErrorCode.PAYLOAD_TOO_LARGE,
        message: localizeError(ErrorCode.PAYLOAD_TOO_LARGE, 'request body too large', []).message,
        issues: [],
        requestId,
      },
    });
    return;
  }
  if (e?.type === 'entity.parse.failed') {
    const { message, issue } = unparsedBody((err as { body?: unknown }).body);
    if (req) return refuseRequest(req, res, message, [issue]);
    res.status(400).json({
      error: {
        code: ErrorCode.VALIDATION_FAILED,
        ...localizeError(ErrorCode.VALIDATION_FAILED, message, [issue]),
        requestId,
      },
    });
    return;
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    // Express's own refusals (malformed percent-encoding, unsupported charset…): the client's fault, said as such.
    const code = e.status === 404 ? ErrorCode.NOT_FOUND : ErrorCode.VALIDATION_FAILED;
    const message = e.expose && e.message ? e.message : 'malformed request';
    res
      .status(e.status === 404 ? 404 : 400)
      .json({ error: { code, message, issues: [{ path: '', code: 'MALFORMED_REQUEST', message }], requestId } });
    return;
  }
  log.error({ err, requestId }, 'unexpected error');
  res.status(500).json({
    error: {
      code: ErrorCode.INTERNAL,
      message: localizeError(ErrorCode.INTERNAL, 'internal error', []).message,
      issues: [],
      requestId,
    },
  });
}

/** Unknown routes: the JSON error shape (not Express's HTML page). */
export function notFound(req: Request, res: Response) {
  const requestId = res.locals.requestId as string;
  const message = `no route ${req.method} ${req.path}`;
  res.status(404).json({
    error: {
      code: ErrorCode.NOT_FOUND,
      message,
      issues: [{ path: '(url)', code: 'UNKNOWN_ROUTE', message }],
      requestId,
    },
  });
}

/** Authenticates the request and builds its tenant-scoped context (REST). */
export async function contextOf(app: App, req: Request, res: Response): Promise<Context> {
  const actor = await app.auth.authenticate(req.headers);
  return app.contextFor(actor, res.locals.requestId as string);
}
