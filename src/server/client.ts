// The CLI's way into an inventory a running server owns: the server's URL and token come from
// the owner file in the data folder, and each command becomes one API call. Errors come back as
// the server's own {error: {code, message}}, thrown as the same InputErrors the store throws.
import type { Owner } from "../store/owner-lock.js";
import type { InventoryEntry, ListFilter } from "../store/inventory.js";
import type { ModelRecord } from "../inspect/record.js";
import type { CheckRequest } from "../check.js";
import { ConflictError, InputError, ValidationError } from "../errors.js";

export class InventoryClient {
  constructor(private readonly owner: Owner & { url: string }) {}

  get url(): string {
    return this.owner.url;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.owner.token) headers.authorization = `Bearer ${this.owner.token}`;
    let res: Response;
    try {
      res = await fetch(this.owner.url + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(120_000),
      });
    } catch (e) {
      throw new InputError(
        `the inventory is owned by process ${this.owner.pid} (mlicense serve at ${this.owner.url}), which does not answer: ${(e as Error).message}`,
        "store-busy",
      );
    }
    const doc = (await res.json().catch(() => null)) as
      (T & { error?: { code: string; message: string; issues?: []; existing?: unknown } }) | null;
    if (res.ok && doc) return doc;
    const err = doc?.error;
    if (!err)
      throw new InputError(`the server at ${this.owner.url} answered ${res.status}`, "store-unavailable");
    if (res.status === 409) throw new ConflictError(err.message, err.existing);
    if (err.issues)
      throw new ValidationError("the server refused the record", err.issues, undefined, err.code);
    throw new InputError(err.message, err.code);
  }

  add(
    record: ModelRecord,
    id: string,
    opts: { replace?: boolean; options?: Pick<CheckRequest, "use" | "commercial" | "mode" | "as"> } = {},
  ): Promise<InventoryEntry> {
    const body = { record, options: opts.options };
    return opts.replace
      ? this.call("PUT", `/api/models/${modelPath(id)}`, body)
      : this.call("POST", "/api/models", { ...body, id });
  }

  async list(f: ListFilter): Promise<Omit<InventoryEntry, "record" | "report">[]> {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
    const s = q.toString();
    return (
      await this.call<{ models: Omit<InventoryEntry, "record" | "report">[] }>(
        "GET",
        `/api/models${s ? `?${s}` : ""}`,
      )
    ).models;
  }

  async remove(id: string): Promise<boolean> {
    try {
      await this.call("DELETE", `/api/models/${modelPath(id)}`);
      return true;
    } catch (e) {
      if (e instanceof InputError && e.code === "not-found") return false;
      throw e;
    }
  }

  bom(id: string, format: string): Promise<unknown> {
    return this.call("GET", `/api/models/${modelPath(id)}/bom?format=${encodeURIComponent(format)}`);
  }
}

/** owner/name keeps its slash as a path separator; each part is encoded. */
function modelPath(id: string): string {
  return id.split("/").map(encodeURIComponent).join("/");
}
