// Errors as the API answers them: {error: {code, message}} with a 4xx status for bad input, 503
// for an unavailable store or Hub, 500 (and a line on stderr) for a bug. A ValidationError adds
// every problem as `issues`, a ConflictError the stored entry as `existing`.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ConflictError, InputError, ValidationError } from "../errors.js";

const STATUS: Record<string, ContentfulStatusCode> = {
  "unknown-id": 404,
  "not-found": 404,
  "not-cached": 404,
  unauthorized: 401,
  forbidden: 403,
  "unsupported-media-type": 415,
  "too-large": 413,
  exists: 409,
  "hub-unavailable": 503,
  "store-unavailable": 503,
  "store-unreadable": 503,
  "store-busy": 503,
};

export function statusOf(code: string): ContentfulStatusCode {
  return STATUS[code] ?? 400;
}

export function fail(c: Context, code: string, message: string, status?: ContentfulStatusCode) {
  return c.json({ error: { code, message } }, status ?? statusOf(code));
}

/** The response for anything a handler threw. */
export function errorResponse(e: unknown, c: Context) {
  if (e instanceof ValidationError)
    return c.json({ error: { code: e.code, message: e.message, issues: e.issues } }, statusOf(e.code));
  if (e instanceof ConflictError)
    return c.json({ error: { code: e.code, message: e.message, existing: e.existing } }, 409);
  if (e instanceof InputError) return fail(c, e.code, e.message);
  console.error(e);
  return fail(c, "internal", "internal error (a bug: the server's log has the details)", 500);
}
