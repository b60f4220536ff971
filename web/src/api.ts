// The HTTP API as typed functions. Every failure becomes an ApiError whose message is the
// server's own {error: {message}} (or a sentence saying the server could not be reached).
import type {
  Advice,
  AdviseInput,
  Category,
  CheckOptions,
  CheckReport,
  Comparison,
  DerivedModel,
  Health,
  IdentifyResult,
  InventoryEntry,
  InventoryItem,
  License,
  LicenseListItem,
  ModelInput,
} from "./types.js";

export class ApiError extends Error {
  constructor(
    message: string,
    /** The API's error code (`unknown-id`, `bad-target`, ...) or `network` / `bad-response`. */
    readonly code: string,
    /** HTTP status; 0 when no response arrived. */
    readonly status: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const TOKEN_KEY = "mlicense.token";

/** The bearer token for servers started with --token; kept for this browser tab only. */
export function getToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? "";
}

export function setToken(token: string): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

async function request<T>(method: string, path: string, body?: unknown, raw = false): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = raw ? "text/plain; charset=utf-8" : "application/json";
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : raw ? String(body) : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(
      `Could not reach the mlicense server (${e instanceof Error ? e.message : String(e)}).`,
      "network",
      0,
    );
  }
  let data: unknown;
  try {
    data = await res.json();
  } catch {
    throw new ApiError(
      `The server answered ${res.status} ${res.statusText} without JSON.`,
      "bad-response",
      res.status,
    );
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } }).error;
    throw new ApiError(
      err?.message ?? `The server answered ${res.status} ${res.statusText}.`,
      err?.code ?? "http",
      res.status,
    );
  }
  return data as T;
}

const enc = encodeURIComponent;
/** Model ids hold a slash (owner/name) that the API expects as a path separator. */
const modelPath = (id: string) => id.split("/").map(enc).join("/");

export const api = {
  health: () => request<Health>("GET", "/api/health"),
  licenses: () => request<{ licenses: LicenseListItem[] }>("GET", "/api/licenses").then((r) => r.licenses),
  /** Every license with its terms and clauses, for filtering by term in the browser. */
  licensesFull: () => request<{ licenses: License[] }>("GET", "/api/licenses?full=1").then((r) => r.licenses),
  license: (id: string) => request<License>("GET", `/api/licenses/${enc(id)}`),
  categories: () => request<{ categories: Category[] }>("GET", "/api/categories").then((r) => r.categories),
  compare: (ids: string[]) => request<Comparison>("GET", `/api/compare?ids=${ids.map(enc).join(",")}`),
  /** The text as the request body; the server names it "body". */
  identify: (text: string) =>
    request<{ results: IdentifyResult[] }>("POST", "/api/identify", text, true).then((r) => r.results[0]!),
  advise: (input: AdviseInput) => request<Advice>("POST", "/api/advise", input),
  derived: (id: string) =>
    request<{ id: string; derived: DerivedModel[] }>("GET", `/api/derived/${modelPath(id)}`).then(
      (r) => r.derived,
    ),
  check: (input: ModelInput, options: CheckOptions = {}) =>
    request<CheckReport>("POST", "/api/check", { ...input, options }),
  models: () => request<{ models: InventoryItem[] }>("GET", "/api/models").then((r) => r.models),
  model: (id: string) => request<InventoryEntry>("GET", `/api/models/${modelPath(id)}`),
  addModel: (input: ModelInput, options: CheckOptions = {}) =>
    request<InventoryEntry>("POST", "/api/models", { ...input, options }),
  deleteModel: (id: string) => request<{ deleted: string }>("DELETE", `/api/models/${modelPath(id)}`),
  /** Where a model's BOM downloads from (a plain link works unless the server wants a token). */
  bomUrl: (id: string, format: "cyclonedx" | "spdx" = "cyclonedx") =>
    `/api/models/${modelPath(id)}/bom${format === "spdx" ? "?format=spdx" : ""}`,
  /** The BOM as a Blob, fetched with the token, for servers that need one. */
  async bomBlob(id: string, format: "cyclonedx" | "spdx" = "cyclonedx"): Promise<Blob> {
    const doc = await request<unknown>("GET", api.bomUrl(id, format));
    return new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" });
  },
};
