// License URLs to license ids: the knowledge base's `url` of each license, the SPDX list's URL of
// each SPDX license, and the pages every SPDX license has at opensource.org and spdx.org. URLs are
// compared normalised, since one page is written many ways: with or without the scheme, `www.`,
// a trailing slash, `.html` / `.txt` / `.php`, `/legalcode` or `/deed` (Creative Commons),
// `-standalone` (GNU); a file on GitHub by its `blob/`, `raw/` or raw.githubusercontent.com
// address at any branch, and a file on the Hugging Face Hub by `blob/`, `raw/` or `resolve/`.
import { createRequire } from "node:module";
import type { KnowledgeBase } from "./knowledge-base.js";
import { trimEndOf } from "../text/trim-end.js";

export interface UrlHit {
  /** Knowledge-base id, or an SPDX id the knowledge base lacks. */
  id: string;
  /** Where the index learnt the URL. */
  source: "knowledge-base" | "spdx-list" | "spdx-pattern";
}

/** Hosts that moved: the old name serves (or redirected to) the same license pages. */
const MOVED: Record<string, string> = {
  "llama.meta.com": "llama.com",
  "ai.meta.com/llama": "llama.com",
  "opensource.org/license": "opensource.org/licenses",
};

/**
 * The comparison key of a URL: lower case, no scheme, `www.`, query, fragment, trailing slash or
 * extension; GitHub and Hub file addresses without their branch. Returns null for what is not a
 * URL with a path.
 */
function keyOf(url: string): string | null {
  let u = trimEndOf(url.trim().replace(/^<|>$/g, ""), ".,;:)]");
  if (!/^(?:https?:\/\/|www\.)/i.test(u) && !/^[a-z0-9-]+(?:\.[a-z0-9-]+)+\//i.test(u)) return null;
  try {
    u = decodeURI(u);
  } catch {
    // a malformed escape: compare as written
  }
  u = u
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .replace(/[?#].*$/s, "");
  u = trimEndOf(u, "/");
  // Creative Commons: the deed and the legal code are one license
  u = u.replace(/\/(?:legalcode|deed)(?:\.[a-z-]+)?$/, "");
  u = u.replace(/\.(?:html?|txt|php|md)$/, "").replace(/-standalone$/, "");
  // GitHub: github.com/o/r/blob/<ref>/path, github.com/o/r/raw/<ref>/path, raw.githubusercontent.com/o/r/<ref>/path
  let m = /^github\.com\/([^/]+)\/([^/]+)\/(?:blob|raw|tree)\/[^/]+\/(.+)$/.exec(u);
  if (m) u = `github.com/${m[1]}/${m[2]}/${m[3]}`;
  m = /^raw\.githubusercontent\.com\/([^/]+)\/([^/]+)\/[^/]+\/(.+)$/.exec(u);
  if (m) u = `github.com/${m[1]}/${m[2]}/${m[3]}`;
  // the Hub: huggingface.co/o/n/(blob|raw|resolve)/<ref>/path
  m = /^(?:hf\.co|huggingface\.co)\/([^/]+)\/([^/]+)\/(?:blob|raw|resolve)\/[^/]+\/(.+)$/.exec(u);
  if (m) u = `huggingface.co/${m[1]}/${m[2]}/${m[3]}`;
  for (const [from, to] of Object.entries(MOVED)) if (u.startsWith(`${from}/`)) u = to + u.slice(from.length);
  // once more: a trailing slash, mark or (decoded) blank left by the cuts above
  u = trimEndOf(u, "/.,;:)]", true);
  return u.includes("/") ? u : null;
}

/**
 * The comparison key of a URL (see keyOf), taken until it no longer changes, so that a key is its
 * own key: a decoded escape or a cut can leave a mark the next pass would cut.
 */
export function normaliseLicenseUrl(url: string): string | null {
  let k = keyOf(url);
  for (let i = 0; i < 4 && k !== null; i++) {
    const again = keyOf(k);
    if (again === k) return k;
    k = again;
  }
  return k;
}

/** The commit a GitHub or Hub file address is pinned at (40 hex digits), lower case, or null. */
function pinnedCommit(url: string): string | null {
  const m =
    /(?:github\.com\/[^/]+\/[^/]+\/(?:blob|raw|tree)|raw\.githubusercontent\.com\/[^/]+\/[^/]+|huggingface\.co\/[^/]+\/[^/]+\/(?:blob|raw|resolve))\/([0-9a-f]{40})\//i.exec(
      url,
    );
  return m ? m[1]!.toLowerCase() : null;
}

const require = createRequire(import.meta.url);

/** The index of license URLs; built once per knowledge base. */
export class LicenseUrlIndex {
  private readonly byKey = new Map<string, UrlHit & { rank: number }>();
  /** Files on GitHub or the Hub at a commit: key and commit. */
  private readonly byPin = new Map<string, UrlHit>();

  constructor(kb: KnowledgeBase) {
    const kbBySpdx = new Map<string, string>();
    for (const l of kb.licenses)
      for (const s of [l.spdx, l.reference_text?.spdx]) if (s && !kbBySpdx.has(s)) kbBySpdx.set(s, l.id);
    // rank: a knowledge-base page of one license first, then SPDX's pages, then a family's page
    // (the LGPL family's page is the current LGPL's too)
    for (const l of kb.licenses)
      if (l.url && !l.url.includes("#"))
        this.add(l.url, { id: l.id, source: "knowledge-base" }, l.members ? 3 : 0);
    const spdx = require("spdx-license-list") as Record<string, { url: string }>;
    const deprecated = new Set<string>(require("spdx-license-ids/deprecated.json") as string[]);
    const pages = (id: string) => [
      `https://opensource.org/licenses/${id}`,
      `https://opensource.org/licenses/${id}-license`,
      `https://spdx.org/licenses/${id}`,
      `https://spdx.org/licenses/${id}.json`,
    ];
    for (const [id, { url }] of Object.entries(spdx)) {
      if (deprecated.has(id) || id.endsWith("+")) continue;
      const hit = (source: UrlHit["source"]): UrlHit => ({ id: kbBySpdx.get(id) ?? id, source });
      // GNU's -only and -or-later share a page: the page is the text, which is the -only license
      const rank = id.endsWith("-or-later") ? 2 : 1;
      if (url) this.add(url, hit("spdx-list"), rank);
      for (const u of pages(id)) this.add(u, hit("spdx-pattern"), rank);
    }
    // the GNU licenses' deprecated ids, which SPDX replaced by their -only and -or-later ids and
    // whose pages still stand (spdx.org/licenses/GPL-2.0+, opensource.org's pages keep the old
    // ids: opensource.org/licenses/LGPL-2.1): "X" is "X-only", "X+" is "X-or-later"
    for (const id of new Set([...deprecated, ...Object.keys(spdx).filter((k) => k.endsWith("+"))])) {
      const now = id.endsWith("+") ? `${id.slice(0, -1)}-or-later` : `${id}-only`;
      if (!spdx[now] || deprecated.has(now)) continue;
      const hit: UrlHit = { id: kbBySpdx.get(now) ?? now, source: "spdx-pattern" };
      for (const u of pages(id)) this.add(u, hit, now.endsWith("-or-later") ? 2 : 1);
    }
  }

  private add(url: string, hit: UrlHit, rank: number): void {
    const key = normaliseLicenseUrl(url);
    if (!key) return;
    // a file pinned at a commit is that version of the license; at a branch, the current one
    // (ChatGLM3's MODEL_LICENSE at its 2023-10-27 commit and on main are two entries)
    const pin = pinnedCommit(url);
    if (pin) {
      if (!this.byPin.has(`${key}@${pin}`)) this.byPin.set(`${key}@${pin}`, hit);
      rank += 0.5;
    }
    const prev = this.byKey.get(key);
    if (!prev || rank < prev.rank) this.byKey.set(key, { ...hit, rank });
  }

  /** The license a URL names, or null. */
  lookup(url: string): UrlHit | null {
    const key = normaliseLicenseUrl(url);
    const pin = key ? pinnedCommit(url) : null;
    const pinned = pin ? this.byPin.get(`${key}@${pin}`) : undefined;
    if (pinned) return { ...pinned };
    const hit = key ? this.byKey.get(key) : undefined;
    return hit ? { id: hit.id, source: hit.source } : null;
  }
}

const cache = new WeakMap<KnowledgeBase, LicenseUrlIndex>();

/** The URL index of a knowledge base, built on first use. */
export function licenseUrls(kb: KnowledgeBase): LicenseUrlIndex {
  let index = cache.get(kb);
  if (!index) cache.set(kb, (index = new LicenseUrlIndex(kb)));
  return index;
}
