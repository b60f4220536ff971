// License URLs in a text: a file that is only a URL (a package's license_url), a URL on a line that
// speaks of a license ("License: https://...", "You may obtain a copy of the License at ...",
// "[Llama 2 license](https://...)"). A URL in other prose is a link, not a statement.
import type { LicenseUrlIndex } from "../kb/license-urls.js";

export interface UrlMatch {
  id: string;
  name: string;
  confidence: number;
  method: "url";
  lines: [number, number];
  evidence: string;
}

const URL = /\b(?:https?:\/\/|www\.)[^\s<>()"'`\]]+/gi;
/** A line (outside its URLs) that speaks of a license. */
const LICENSE_LINE = /licen[cs]|copy of the|terms of|<url>/i;
/** Texts at most this long that hold little besides URLs are references by URL. */
const BARE_MAX_WORDS = 12;

export function urlMatches(text: string, index: LicenseUrlIndex, nameOf: (id: string) => string): UrlMatch[] {
  if (!text.includes("http") && !text.includes("www.")) return [];
  const lines = text.split(/\r\n|\r|\n/);
  const words = text.replace(URL, " ").split(/\s+/).filter(Boolean).length;
  const bare = words <= BARE_MAX_WORDS;
  const out: UrlMatch[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.includes("http") && !line.includes("www.")) continue;
    const outside = line.replace(URL, " ");
    const context =
      bare || LICENSE_LINE.test(outside) || LICENSE_LINE.test(lines[i - 1]?.replace(URL, " ") ?? "");
    if (!context) continue;
    for (const m of line.matchAll(URL)) {
      const hit = index.lookup(m[0]);
      if (!hit || seen.has(hit.id)) continue;
      seen.add(hit.id);
      out.push({
        id: hit.id,
        name: nameOf(hit.id),
        confidence: bare ? 0.95 : 0.85,
        method: "url",
        lines: [i + 1, i + 1],
        evidence: m[0],
      });
    }
  }
  return out;
}
