// The HTTP API and web app over the same core as the CLI. JSON in and out, the CLI's shapes;
// errors are {error: {code, message}} with a 4xx status. Nothing here reads a path a request
// names: targets are Hub ids (through the Hub client) or catalogue names, uploads stay in memory.
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { explain } from "../explain.js";
import { compare } from "../compare.js";
import { listLicenses } from "../licenses.js";
import { identifier } from "../identify/identify.js";
import { decodeText } from "../io/read-text.js";
import { checkRecord, type CheckRequest } from "../check.js";
import {
  inspectFiles,
  inspectFolder,
  recordFromCatalogue,
  validateRecord,
  cleanModelId,
} from "../inspect/inspect.js";
import type { ModelRecord } from "../inspect/record.js";
import { fetchToCache } from "../hub/hub-client.js";
import { knowledgeBase } from "../kb/knowledge-base.js";
import { InputError } from "../errors.js";
import { exportBom } from "../bom/bom.js";
import type { Inventory } from "../store/inventory.js";
import { storeModel } from "../store/service.js";
import { hubLookupFor } from "../hub/hub-lookup.js";
import type { Mode } from "../policy/types.js";
import { adviseRoute } from "./routes/advise.js";
import { derivedRoute } from "./routes/derived.js";

export interface AppOptions {
  inventory: Inventory;
  /** When set, writes and inspections need `Authorization: Bearer <token>`. */
  token?: string;
  offline?: boolean;
  cacheDir?: string;
  /** Server-side registries of base models (configured at start, never named by a request). */
  registry?: string[];
  /** Largest request body accepted, in bytes. */
  maxBody?: number;
}

const STATUS: Record<string, 400 | 401 | 404 | 413 | 503> = {
  "unknown-id": 404,
  "unknown-license": 404,
  "not-found": 404,
  "not-cached": 404,
  unauthorized: 401,
  "too-large": 413,
  "hub-unavailable": 503,
};

function fail(c: Context, code: string, message: string, status?: 400 | 401 | 404 | 413 | 503) {
  return c.json({ error: { code, message } }, status ?? STATUS[code] ?? 400);
}

function webRoot(): string {
  // dist/src/server/ -> dist/web
  return join(dirname(fileURLToPath(import.meta.url)), "..", "..", "web");
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

export function createApp(opts: AppOptions): Hono {
  const app = new Hono();
  const maxBody = opts.maxBody ?? 2 * 1024 * 1024;
  const kb = knowledgeBase();

  app.onError((e, c) => {
    if (e instanceof InputError) return fail(c, e.code, e.message);
    console.error(e);
    return fail(c, "internal", "internal error", 503);
  });
  app.notFound((c) => fail(c, "not-found", `no route ${c.req.method} ${new URL(c.req.url).pathname}`, 404));

  // writes and inspections need the token when one is set
  app.use("/api/*", async (c, next) => {
    if (opts.token && (c.req.method !== "GET" || /\/bom$/.test(c.req.path))) {
      const auth = c.req.header("authorization") ?? "";
      if (auth !== `Bearer ${opts.token}`)
        return fail(c, "unauthorized", "this request needs Authorization: Bearer <token>");
    }
    await next();
  });
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: maxBody,
      onError: (c) => fail(c, "too-large", `request body larger than ${maxBody} bytes`),
    }),
  );

  const readJson = async (c: Context): Promise<Record<string, unknown>> => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new InputError("the body must be a JSON object", "bad-body");
    }
    if (!body || typeof body !== "object" || Array.isArray(body))
      throw new InputError("the body must be a JSON object", "bad-body");
    return body as Record<string, unknown>;
  };

  /** {record} | {target: Hub id or catalogue name} | {files: {name: text}} to a record. */
  const recordFrom = async (body: Record<string, unknown>): Promise<ModelRecord> => {
    if (body.record !== undefined) return validateRecord(body.record, "body.record");
    if (body.files !== undefined) {
      const f = body.files;
      if (
        !f ||
        typeof f !== "object" ||
        Array.isArray(f) ||
        !Object.values(f).every((v) => typeof v === "string")
      )
        throw new InputError("'files' must map file names to their text", "bad-body");
      return inspectFiles(f as Record<string, string>, {
        name: typeof body.name === "string" ? body.name : undefined,
      });
    }
    if (typeof body.target === "string") {
      const id = cleanModelId(body.target);
      if (!id || !/^[\w.-]+(\/[\w.-]+)?$/.test(id))
        throw new InputError("'target' must be a Hub id such as owner/name", "bad-target");
      const cat = recordFromCatalogue(id, kb);
      if (cat) return cat;
      if (!id.includes("/")) throw new InputError(`'${id}' is not a model in the catalogue`, "unknown-id");
      const dir = await fetchToCache(id, { offline: opts.offline, cacheDir: opts.cacheDir });
      if (!dir)
        throw new InputError(
          opts.offline
            ? `${id} is not in the Hub cache (the server runs offline)`
            : `the Hub has no model ${id}`,
          opts.offline ? "not-cached" : "not-found",
        );
      return inspectFolder(dir, { hubId: id });
    }
    throw new InputError("the body needs 'record', 'target' or 'files'", "bad-body");
  };

  const checkOptions = (o: unknown): CheckRequest => {
    if (o === undefined) return {};
    if (!o || typeof o !== "object" || Array.isArray(o))
      throw new InputError("'options' must be an object", "bad-body");
    const x = o as Record<string, unknown>;
    const use = x.use === undefined ? undefined : Array.isArray(x.use) ? x.use.map(String) : [String(x.use)];
    return {
      use,
      commercial: x.commercial === true,
      mode: x.mode as Mode | undefined,
      as: typeof x.as === "string" ? x.as : undefined,
      mau: typeof x.mau === "number" ? x.mau : undefined,
      openness: x.openness === true,
    };
  };
  const serverSide = (): CheckRequest => ({
    registry: opts.registry,
    offline: opts.offline,
    // an unreachable Hub leaves a base unresolved (unknown), as on the command line
    hub: hubLookupFor({
      offline: Boolean(opts.offline),
      cacheDir: opts.cacheDir,
      warn: (s) => console.error(s.trimEnd()),
    }),
  });

  app.get("/api/health", (c) =>
    c.json({
      status: "ok",
      kb_version: kb.version,
      licenses: kb.licenses.length,
      store: opts.inventory.backend,
    }),
  );
  app.get("/api/licenses", (c) => {
    const q = (c.req.query("q") ?? "").toLowerCase();
    const list = listLicenses({ family: c.req.query("family") || undefined }).filter(
      (l) => !q || l.id.includes(q) || l.name.toLowerCase().includes(q),
    );
    // ?full=1: every entry as GET /api/licenses/{id} gives it (terms, clauses, use restrictions),
    // so the web app's explorer can filter by term without one request per license
    const full = c.req.query("full");
    if (full === "1" || full === "true") return c.json({ licenses: list.map((l) => explain(l.id)) });
    return c.json({ licenses: list });
  });
  app.get("/api/licenses/:id{.+}", (c) => {
    const e = explain(c.req.param("id"));
    if (e.kind !== "license")
      return fail(c, "unknown-id", `'${c.req.param("id")}' is a model, not a license`);
    return c.json(e);
  });
  app.get("/api/explain/:id{.+}", (c) => c.json(explain(c.req.param("id"))));
  app.get("/api/categories", (c) => c.json({ categories: kb.categories }));
  app.get("/api/compare", (c) => {
    const ids = (c.req.query("ids") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (ids.length < 2 || ids.length > 8)
      return fail(c, "bad-query", "ids takes two to eight comma-separated license ids");
    return c.json(compare(ids));
  });
  app.post("/api/identify", async (c) => {
    // the same decoding rules as files: binary and invalid UTF-8 are errors, never decoded as text
    const decoded = decodeText(new Uint8Array(await c.req.arrayBuffer()), false);
    if (!decoded.ok)
      return fail(
        c,
        "bad-body",
        decoded.code === "empty"
          ? "send the text to identify as the request body"
          : `the body is ${decoded.message}`,
      );
    const r = identifier().identifyText(decoded.text, "body");
    return c.json({ results: [r] });
  });
  app.post("/api/check", async (c) => {
    const body = await readJson(c);
    const record = await recordFrom(body);
    return c.json(await checkRecord(record, { ...serverSide(), ...checkOptions(body.options) }));
  });
  app.get("/api/models", async (c) =>
    c.json({
      models: await opts.inventory.list({
        verdict: c.req.query("verdict"),
        license: c.req.query("license"),
        family: c.req.query("family"),
      }),
    }),
  );
  app.post("/api/models", async (c) => {
    const body = await readJson(c);
    const record = await recordFrom(body);
    return c.json(
      await storeModel(opts.inventory, record, { ...serverSide(), ...checkOptions(body.options) }),
      201,
    );
  });
  app.get("/api/models/:id{.+}", async (c) => {
    // ids hold a slash (owner/name), so the BOM route is told apart by its last segment
    const raw = c.req.param("id");
    const wantsBom = raw.endsWith("/bom");
    const id = wantsBom ? raw.slice(0, -4) : raw;
    const e = await opts.inventory.get(id);
    if (!e) return fail(c, "not-found", `no model '${id}' in the inventory`);
    if (!wantsBom) return c.json(e);
    const format = c.req.query("format") ?? "cyclonedx";
    if (format !== "cyclonedx" && format !== "spdx")
      return fail(c, "bad-query", "format is cyclonedx or spdx");
    const doc = await exportBom(e.record, format, serverSide());
    c.header(
      "content-disposition",
      `attachment; filename="${e.id.replace(/[^\w.-]+/g, "_")}.${format === "spdx" ? "spdx3" : "cdx"}.json"`,
    );
    return c.json(doc);
  });
  app.delete("/api/models/:id{.+}", async (c) => {
    const ok = await opts.inventory.remove(c.req.param("id"));
    return ok
      ? c.json({ deleted: c.req.param("id") })
      : fail(c, "not-found", `no model '${c.req.param("id")}' in the inventory`);
  });

  adviseRoute(app, opts);
  derivedRoute(app, opts);

  // the web app: static files from dist/web, never a path outside it
  const root = webRoot();
  app.get("*", (c) => {
    const rel = normalize(decodeURIComponent(new URL(c.req.url).pathname)).replace(/^(\.\.(\/|\\|$))+/, "");
    const file = join(root, rel === "/" || !rel.includes(".") ? "index.html" : rel);
    if (!file.startsWith(root) || !existsSync(file)) return fail(c, "not-found", "no such page", 404);
    const ext = file.slice(file.lastIndexOf("."));
    return c.body(readFileSync(file), 200, { "content-type": TYPES[ext] ?? "application/octet-stream" });
  });
  return app;
}
