// Online resolution of Hub ids. A model's card and license files are downloaded once into a
// cache folder laid out like the registry (`<cache>/<owner>/<name>/`) and inspected from there,
// so the rest of mlicense never knows the difference; offline, only the cache is read.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { InputError } from "../errors.js";

export interface HubOptions {
  /** Base URL of the Hub (tests point it at a local server). */
  hubUrl?: string;
  fetch?: typeof fetch;
  cacheDir?: string;
  offline?: boolean;
  accessToken?: string;
}

/**
 * Files worth fetching for licensing, as the inspect readers read them (terms files beside
 * LICENSE such as GEMMA_TERMS_OF_USE.md, mergekit configs); weights are never downloaded.
 */
const WANTED =
  /^(README\.md|licen[cs]e.*|copying.*|notice.*|use[_-]?policy.*|model[_-]?licen[cs]e.*|[\w -]*(terms|licen[cs]e|use[_-]?policy)[\w -]*\.(md|txt)|mergekit(_moe)?_config\.ya?ml|adapter_config\.json|config\.json|model_index\.json)$/i;
const MAX_FILE = 1024 * 1024;
const MAX_FILES = 20;
const HUB_ID = /^[A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95}$/;

export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache");
  return join(base, "mlicense", "hub");
}

export function cachedFolder(id: string, cacheDir = defaultCacheDir()): string | null {
  if (!HUB_ID.test(id) || id.includes("..")) return null;
  const dir = join(cacheDir, ...id.split("/"));
  return existsSync(join(dir, ".mlicense-hub.json")) ? dir : null;
}

/** Downloads what licensing needs of a Hub model into the cache; null when the Hub does not know it. */
export async function fetchToCache(id: string, opts: HubOptions = {}): Promise<string | null> {
  if (!HUB_ID.test(id) || id.includes("..")) return null;
  const cacheDir = opts.cacheDir ?? defaultCacheDir();
  const cached = cachedFolder(id, cacheDir);
  if (cached || opts.offline) return cached;
  const hub = await import("@huggingface/hub");
  const common = {
    hubUrl: opts.hubUrl ?? process.env.HF_ENDPOINT,
    fetch: opts.fetch,
    accessToken: opts.accessToken ?? process.env.HF_TOKEN,
  };
  let info: { id: string; cardData?: unknown; tags?: string[]; filePaths?: string[] };
  try {
    info = await hub.modelInfo({ name: id, ...common, additionalFields: ["cardData", "tags", "filePaths"] });
  } catch (e) {
    const status = (e as { statusCode?: number }).statusCode;
    if (status === 404 || status === 401) return null;
    throw new InputError(
      `the Hub could not be reached for ${id}: ${(e as Error).message}`,
      "hub-unavailable",
      id,
    );
  }
  const siblings = info.filePaths ?? [];
  // file names are short; the cap keeps WANTED's two open runs from backtracking on a long one
  const wanted = siblings
    .filter((f) => f.length <= 255 && !f.includes("/") && WANTED.test(f))
    .slice(0, MAX_FILES);
  const dir = join(cacheDir, ...id.split("/"));
  mkdirSync(dir, { recursive: true });
  for (const f of wanted) {
    try {
      const blob = await hub.downloadFile({
        repo: { type: "model", name: id },
        path: f,
        ...common,
        xet: false,
      });
      if (!blob || blob.size > MAX_FILE) continue;
      writeFileSync(join(dir, f), Buffer.from(await blob.arrayBuffer()));
    } catch (e) {
      throw new InputError(
        `the Hub could not deliver ${f} of ${id}: ${(e as Error).message}`,
        "hub-unavailable",
        id,
      );
    }
  }
  writeFileSync(
    join(dir, ".mlicense-hub.json"),
    JSON.stringify({
      id,
      fetched_at: new Date().toISOString(),
      files: wanted,
      cardData: info.cardData ?? null,
      tags: info.tags ?? [],
    }),
  );
  return dir;
}
