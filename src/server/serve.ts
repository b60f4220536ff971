// Starts the HTTP server: takes the port first (a busy one fails at once), then the store folder
// (a second server on it exits with the first one's PID), opens the inventory, re-checks models
// the knowledge base changed, and records its URL in the folder's owner file for the CLI.
// Requests that arrive while the store opens wait for it.
import { serve as nodeServe, type ServerType } from "@hono/node-server";
import type { Hono } from "hono";
import { createApp, type AppOptions } from "./app.js";
import { Inventory, defaultDataDir } from "../store/inventory.js";
import { recheckStale } from "../store/service.js";
import { InputError } from "../errors.js";

export interface ServeOptions extends Omit<AppOptions, "inventory" | "allowedHosts"> {
  port?: number;
  host?: string;
  dataDir?: string;
  db?: string;
  /** More names the server answers to (a reverse proxy's), `name` or `name:port`. */
  allowHosts?: string[];
  /** Told what the start is doing when it takes a while. */
  onProgress?: (message: string) => void;
}

export interface RunningServer {
  url: string;
  inventory: Inventory;
  rechecked: number;
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;
const WILDCARD = /^(0\.0\.0\.0|::|\[::\])$/;

function listen(fetch: (req: Request) => Promise<Response>, port: number, host: string): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const s = nodeServe({ fetch, port, hostname: host }, () => resolve(s));
    s.once("error", (e: NodeJS.ErrnoException) => {
      reject(
        e.code === "EADDRINUSE"
          ? new InputError(
              `port ${port} on ${host} is in use by another program; choose another with --port (0 picks a free one)`,
              "port-busy",
              undefined,
              "--port",
            )
          : e.code === "EACCES"
            ? new InputError(
                `port ${port} needs privileges this user lacks; choose one above 1023`,
                "usage",
                undefined,
                "--port",
              )
            : e.code === "EADDRNOTAVAIL" || e.code === "ENOTFOUND"
              ? new InputError(`${host} is not an address of this machine`, "usage", undefined, "--host")
              : e,
      );
    });
  });
}

/** Host header values a server bound to `host`:`port` answers to; null for every address. */
function allowedHosts(host: string, port: number, extra: string[] = []): string[] | null {
  const more = extra.map((h) => (/:\d+$/.test(h) && !h.endsWith("]") ? h : `${h}:${port}`).toLowerCase());
  if (WILDCARD.test(host)) return more.length ? more : null;
  const bound = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  const names = LOOPBACK.test(host) ? ["127.0.0.1", "localhost", "[::1]", bound] : [bound];
  return [...new Set([...names.map((n) => `${n}:${port}`.toLowerCase()), ...more])];
}

export async function startServer(o: ServeOptions = {}): Promise<RunningServer> {
  const host = o.host ?? "127.0.0.1";
  if (!LOOPBACK.test(host) && !o.token)
    throw new InputError(
      `binding to ${host} needs --token (or MLICENSE_TOKEN): every write would otherwise be open to the network`,
      "usage",
      undefined,
      "--host",
    );
  const port = o.port ?? 8339;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InputError("--port takes a number from 0 to 65535", "usage", undefined, "--port");

  let app: Hono | undefined;
  let startFailed: Error | undefined;
  let opened!: () => void;
  const ready = new Promise<void>((r) => (opened = r));
  const server = await listen(
    async (req) => {
      await ready;
      if (!app)
        return Response.json(
          { error: { code: "store-unavailable", message: startFailed?.message ?? "the server is stopping" } },
          { status: 503 },
        );
      return app.fetch(req);
    },
    port,
    host,
  );
  const addr = server.address();
  const actualPort = typeof addr === "object" && addr ? addr.port : port;
  const url = `http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${actualPort}`;
  const stopListening = () =>
    new Promise<void>((r) => {
      server.close(() => r());
      // idle keep-alive connections would hold close() open
      if ("closeIdleConnections" in server) server.closeIdleConnections();
    });

  let inventory: Inventory;
  let rechecked: number;
  try {
    inventory = await Inventory.open({
      db: o.db,
      dataDir: o.db ? null : (o.dataDir ?? defaultDataDir()),
      command: "serve",
      onProgress: o.onProgress,
    });
    try {
      rechecked = await recheckStale(
        inventory,
        { registry: o.registry, offline: true },
        undefined,
        o.onProgress,
      );
    } catch (e) {
      await inventory.close();
      throw e;
    }
  } catch (e) {
    startFailed = e as Error;
    opened();
    await stopListening();
    throw e;
  }
  app = createApp({ ...o, inventory, allowedHosts: allowedHosts(host, actualPort, o.allowHosts) });
  inventory.lock?.update({ command: "serve", url, token: o.token });
  opened();
  return {
    url,
    inventory,
    rechecked,
    async close() {
      app = undefined;
      await stopListening();
      await inventory.close();
    },
  };
}
