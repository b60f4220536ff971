// Starts the HTTP server: opens the inventory, re-checks models the knowledge base changed, binds.
import { serve as nodeServe, type ServerType } from "@hono/node-server";
import { createApp, type AppOptions } from "./app.js";
import { Inventory, defaultDataDir } from "../store/inventory.js";
import { recheckStale } from "../store/service.js";
import { InputError } from "../errors.js";

export interface ServeOptions extends Omit<AppOptions, "inventory"> {
  port?: number;
  host?: string;
  dataDir?: string;
  db?: string;
}

export interface RunningServer {
  url: string;
  inventory: Inventory;
  rechecked: number;
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

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
  const inventory = await Inventory.open({
    db: o.db,
    dataDir: o.db ? null : (o.dataDir ?? defaultDataDir()),
  });
  const rechecked = await recheckStale(inventory, { registry: o.registry, offline: true });
  const app = createApp({ ...o, inventory });
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = nodeServe({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
    s.once("error", reject);
  });
  const addr = server.address();
  const actualPort = typeof addr === "object" && addr ? addr.port : port;
  return {
    url: `http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${actualPort}`,
    inventory,
    rechecked,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await inventory.close();
    },
  };
}
