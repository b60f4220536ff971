import { startServer } from "../../server/serve.js";
import { emit, type Command } from "../command.js";

const command: Command = {
  name: "serve",
  summary: "serve the web app and HTTP API",
  help: `mlicense serve [--port N] [--host H] [--data-dir DIR] [--db postgres://...] [--token T] [--offline] [--registry DIR]
              [--allow-host NAME]...

Serves the web app (license explorer, compare, check a model, inventory) and the HTTP API over the
same core as the CLI. The inventory is stored in embedded PostgreSQL (PGlite) under --data-dir
(default: the user's data folder), or in a PostgreSQL server with --db. Binds to 127.0.0.1; any
other address needs --token (or MLICENSE_TOKEN), and then every write and inspection request needs
'Authorization: Bearer <token>'.

One process owns a data folder: a second server on it exits 2 naming the first, and
'mlicense inventory' sends its work to the running server. Writes must come from the server's own
origin with JSON bodies (a page on another site cannot write), and the Host header must be a name
the server is bound to (127.0.0.1, localhost, [::1] on loopback; add others with --allow-host).

API (described at /api/openapi.json): GET /api/health, /api/licenses, /api/licenses/{id},
/api/compare?ids=a,b, /api/models, /api/models/{id}, /api/models/{id}/bom, /api/derived/{id};
POST /api/identify, /api/check, /api/advise, /api/models (409 when the id is stored);
PUT /api/models/{id}; DELETE /api/models/{id}.

Example:
  mlicense serve --port 8339`,
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "data-dir": { type: "string" },
    db: { type: "string" },
    token: { type: "string" },
    offline: { type: "boolean" },
    registry: { type: "string", multiple: true },
    "cache-dir": { type: "string" },
    "allow-host": { type: "string", multiple: true },
  },
  async run(ctx) {
    const s = await startServer({
      port: ctx.values.port !== undefined ? Number(ctx.values.port) : undefined,
      host: ctx.values.host as string | undefined,
      dataDir: ctx.values["data-dir"] as string | undefined,
      db: ctx.values.db as string | undefined,
      token: (ctx.values.token as string | undefined) ?? process.env.MLICENSE_TOKEN,
      offline: Boolean(ctx.values.offline),
      registry: ctx.values.registry as string[] | undefined,
      cacheDir: ctx.values["cache-dir"] as string | undefined,
      allowHosts: ctx.values["allow-host"] as string[] | undefined,
      // start-up steps on stderr, quiet off a terminal or with --quiet
      onProgress: (m) => {
        if (ctx.progress) ctx.err(`mlicense: ${m}…\n`);
      },
    });
    emit(
      ctx,
      { url: s.url, store: s.inventory.backend, rechecked: s.rechecked },
      () =>
        `mlicense serving ${s.url}  (inventory: ${s.inventory.backend}${s.rechecked ? `, ${s.rechecked} models re-checked` : ""})\nPress Ctrl-C to stop.`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => {
        void s.close().then(resolve);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return 0;
  },
};
export default command;
