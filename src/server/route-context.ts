// What a route module is given: the server's options and the shared steps every handler uses.
// A route file exports one `RouteModule`; app.ts lists them, so adding a route is one line there.
import type { Context, Hono } from "hono";
import type { CheckRequest } from "../check.js";
import type { ModelRecord } from "../inspect/record.js";
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import type { Inventory } from "../store/inventory.js";
import type { ModelInputBody } from "../inspect/record-schema.js";

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
  /** Host header values answered (see GuardOptions.allowedHosts). */
  allowedHosts?: string[] | null;
}

export interface RouteContext {
  opts: AppOptions;
  kb: KnowledgeBase;
  /** The options a check runs with on the server: its registries, offline mode, Hub client. */
  serverSide(): CheckRequest;
  /** A JSON request body validated as {record} | {target} | {files}, with options. */
  readModelInput(c: Context): Promise<ModelInputBody>;
  /** The record such a body names: validated, looked up in the catalogue or Hub, or inspected. */
  recordFrom(body: ModelInputBody): Promise<ModelRecord>;
  /** Throws the 401 unless the request has the token (for reads that need one). */
  requireToken(c: Context): void;
}

export type RouteModule = (app: Hono, ctx: RouteContext) => void;
