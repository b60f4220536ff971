// Request bodies of the routes in this folder: a JSON object, and lists of Hub ids in it.
import type { Context } from "hono";
import { InputError } from "../../errors.js";
import { requireJsonBody } from "../guard.js";
import { cleanModelId } from "../../inspect/inspect.js";

/** A request's JSON body, parsed: a JSON content type is required, invalid JSON is bad input. */
export async function readJson(c: Context): Promise<unknown> {
  requireJsonBody(c);
  try {
    return await c.req.json();
  } catch {
    throw new InputError("the body is not valid JSON", "bad-body");
  }
}

/** A JSON body that must be an object. */
export async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  const body = await readJson(c);
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw new InputError("the body must be a JSON object", "bad-body");
  return body as Record<string, unknown>;
}

/** A list of at most `max` model or dataset ids (Hub ids or catalogue names), cleaned. */
export function idList(v: unknown, field: string, max: number): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > max || !v.every((x) => typeof x === "string"))
    throw new InputError(`'${field}' must be a list of at most ${max} ids`, "bad-body", undefined, field);
  return v.map((raw: string, i) => {
    const id = cleanModelId(raw);
    if (!id || !/^[\w.-]+(\/[\w.-]+)?$/.test(id))
      throw new InputError(
        `'${field}[${i}]' is not a Hub id such as owner/name`,
        "bad-body",
        undefined,
        field,
      );
    return id;
  });
}
