// What a browser must not be able to make this server do. The API is for people, scripts and
// the web app served from the same origin; any other page the user visits can send it requests:
// - DNS rebinding: a foreign page whose name resolves to 127.0.0.1 reads the API. The Host header
//   then names that page's site, so it must be one the server is known by.
// - Cross-site writes: a form or a `text/plain` fetch is sent without a preflight. Writes must
//   come from the same origin (Origin, Sec-Fetch-Site), and JSON bodies must say they are JSON,
//   which a simple cross-site request cannot.
// - Tokens are compared in constant time, on the route as decoded (the routes see `%2F` as `/`).
import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { InputError } from "../errors.js";
import { fail } from "./http-errors.js";

export interface GuardOptions {
  /**
   * `host[:port]` values the Host header may hold; undefined: the loopback names on any port
   * (an app used in-process); null: no check (a server bound to every address).
   */
  allowedHosts?: string[] | null;
  token?: string;
}

const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d{1,5})?$/i;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function hostAllowed(host: string, allowed: string[] | null | undefined): boolean {
  if (allowed === null) return true;
  const h = host.toLowerCase();
  if (allowed === undefined) return LOOPBACK_HOST.test(h);
  return allowed.includes(h);
}

/** Same-origin: the Origin names this very Host (the scheme is the server's own, http). */
function sameOrigin(origin: string, host: string): boolean {
  try {
    const u = new URL(origin);
    return (u.protocol === "http:" || u.protocol === "https:") && u.host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

export function tokenMatches(given: string, expected: string): boolean {
  // hashing first makes both sides the same length, so the comparison leaks nothing of either
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Throws the 401 unless the request carries the server's token (when it has one). */
export function requireToken(c: Context, token: string | undefined): void {
  if (!token) return;
  const auth = c.req.header("authorization") ?? "";
  const m = /^Bearer (.+)$/.exec(auth);
  if (!m || !tokenMatches(m[1]!, token))
    throw new InputError("this request needs Authorization: Bearer <token>", "unauthorized");
}

export function isJsonType(type: string | undefined): boolean {
  const t = (type ?? "").split(";")[0]!.trim().toLowerCase();
  return t === "application/json" || (t.startsWith("application/") && t.endsWith("+json"));
}

/** Host, Origin and path checks for every request; the token for every write. */
export function guard(o: GuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header("host") ?? new URL(c.req.url).host;
    if (!hostAllowed(host, o.allowedHosts))
      return fail(
        c,
        "forbidden",
        `this server does not answer to the host name '${host.slice(0, 100)}' (see --allow-host)`,
        403,
      );
    // the path as the routes will see it: malformed percent-encoding and control characters
    // are the client's error, not the server's
    const raw = new URL(c.req.url).pathname;
    let path: string;
    try {
      path = decodeURIComponent(raw);
    } catch {
      return fail(c, "bad-path", "the URL path has malformed percent-encoding", 400);
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(path))
      return fail(c, "bad-path", "the URL path holds a control character", 400);
    // query values reach SQL parameters, and PostgreSQL refuses NUL in text
    let query: string;
    try {
      query = decodeURIComponent(new URL(c.req.url).search.replace(/\+/g, " "));
    } catch {
      return fail(c, "bad-query", "the query string has malformed percent-encoding", 400);
    }
    if (query.includes("\u0000")) return fail(c, "bad-query", "the query string holds a NUL character", 400);
    c.header("x-content-type-options", "nosniff");
    c.header("x-frame-options", "DENY");
    c.header("referrer-policy", "no-referrer");
    if (!SAFE_METHODS.has(c.req.method)) {
      const site = c.req.header("sec-fetch-site");
      if (site && site !== "same-origin" && site !== "none")
        return fail(c, "forbidden", `cross-site ${c.req.method} refused (Sec-Fetch-Site: ${site})`, 403);
      const origin = c.req.header("origin");
      if (origin !== undefined && !sameOrigin(origin, host))
        return fail(
          c,
          "forbidden",
          `cross-origin ${c.req.method} from '${origin.slice(0, 100)}' refused`,
          403,
        );
      if (path.startsWith("/api/")) requireToken(c, o.token);
    }
    await next();
  };
}

/** JSON routes take JSON only: `text/plain` and forms are what a cross-site page can send. */
export function requireJsonBody(c: Context): void {
  if (!isJsonType(c.req.header("content-type")))
    throw new InputError(
      "send the body as JSON with 'Content-Type: application/json'",
      "unsupported-media-type",
    );
}
