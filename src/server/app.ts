// The HTTP API and web app over the same core as the CLI. JSON in and out, the CLI's shapes;
// errors are {error: {code, message}} with a 4xx status. Nothing here reads a path a request
// names: targets are Hub ids (through the Hub client) or catalogue names, uploads stay in memory.
// Each group of routes is a module under routes/; adding one is a line in ROUTES.
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { inspectFiles, inspectFolder, recordFromCatalogue, cleanModelId } from "../inspect/inspect.js";
import { parseModelInput, parseRecord, type ModelInputBody } from "../inspect/record-schema.js";
import type { ModelRecord } from "../inspect/record.js";
import { fetchToCache } from "../hub/hub-client.js";
import { knowledgeBase } from "../kb/knowledge-base.js";
import { InputError } from "../errors.js";
import { hubLookupFor } from "../hub/hub-lookup.js";
import { errorResponse, fail } from "./http-errors.js";
import { guard, requireToken } from "./guard.js";
import type { AppOptions, RouteContext, RouteModule } from "./route-context.js";
import health from "./routes/health.js";
import licenses from "./routes/licenses.js";
import identify from "./routes/identify.js";
import check from "./routes/check.js";
import models from "./routes/models.js";
import openapi from "./routes/openapi.js";
import advise from "./routes/advise.js";
import derived from "./routes/derived.js";
import { readJson } from "./routes/json-body.js";

export type { AppOptions } from "./route-context.js";

/** The API's route modules, registered in this order before the web app's catch-all. */
const ROUTES: RouteModule[] = [health, openapi, licenses, identify, check, models, advise, derived];

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

  app.onError((e, c) => errorResponse(e, c));
  app.notFound((c) =>
    fail(c, "not-found", `no route ${c.req.method} ${new URL(c.req.url).pathname.slice(0, 200)}`, 404),
  );
  app.use("*", guard({ allowedHosts: opts.allowedHosts, token: opts.token }));
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: maxBody,
      onError: (c) => fail(c, "too-large", `request body larger than ${maxBody} bytes`),
    }),
  );

  const readModelInput = async (c: Context): Promise<ModelInputBody> => parseModelInput(await readJson(c));

  /** {record} | {target: Hub id or catalogue name} | {files: {name: text}} to a record. */
  const recordFrom = async (body: ModelInputBody): Promise<ModelRecord> => {
    if (body.record !== undefined) return parseRecord(body.record, undefined, "record");
    if (body.files !== undefined) return inspectFiles(body.files, { name: body.name });
    const id = cleanModelId(body.target!);
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
  };

  const ctx: RouteContext = {
    opts,
    kb,
    serverSide: () => ({
      registry: opts.registry,
      offline: opts.offline,
      // an unreachable Hub leaves a base unresolved (unknown), as on the command line
      hub: hubLookupFor({
        offline: Boolean(opts.offline),
        cacheDir: opts.cacheDir,
        warn: (s) => console.error(s.trimEnd()),
      }),
    }),
    readModelInput,
    recordFrom,
    requireToken: (c) => requireToken(c, opts.token),
  };
  for (const register of ROUTES) register(app, ctx);
  // an /api/ path no module answers is a JSON 404, never the web app's page
  app.all("/api/*", (c) =>
    fail(c, "not-found", `no API route ${c.req.method} ${c.req.path.slice(0, 200)}`, 404),
  );

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
