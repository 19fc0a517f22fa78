import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 25 * 1024 * 1024;

export class BodyTooLarge extends Error {}

/**
 * The request's body as text. Read with plain listeners, not an async iterator: one document is one or two chunks, and
 * the iterator's promises per chunk cost more than the copy. A body past MAX_BODY_BYTES is refused (and not buffered).
 */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume(); // (the rest is read and dropped, so the refusal can still be answered)
      reject(new BodyTooLarge('request body too large'));
    };
    req.on('data', onData);
    req.once('end', () => {
      if (size > MAX_BODY_BYTES) return;
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    });
    req.once('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A bare status with no body: what a gateway in front of MH answers when MH is down. */
export function sendEmpty(res: ServerResponse, status: number): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'Content-Length': 0 });
  res.end();
}

export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
