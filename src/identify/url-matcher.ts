// License URLs in a text: a file that is only a URL (a package's license_url), a license page's URL
// (its address says so: opensource.org/licenses/MIT, gnu.org/licenses/gpl-2.0.html), a URL on a
// line that speaks of a license ("License: https://...", "[Llama 2 license](https://...)"), and
// Debian's /usr/share/common-licenses/<name>. A URL of another page in prose is a link, not a
// statement, and many license URLs in one text are a list of them.
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
/** More licenses than this by URL, off license lines, is a list of links. */
const MAX_LISTED = 3;
/** Debian's copies of the common licenses, which copyright files point to. */
const COMMON_LICENSES = /\/usr\/share\/common-licenses\/([A-Za-z0-9.+-]+)/g;

export function urlMatches(
  text: string,
  index: LicenseUrlIndex,
  nameOf: (id: string) => string,
  findId: (name: string) => string | undefined,
  { addressAlone = true }: { addressAlone?: boolean } = {},
): UrlMatch[] {
  const out: UrlMatch[] = [];
  const seen = new Set<string>();
  if (text.includes("/usr/share/common-licenses/"))
    for (const m of text.matchAll(COMMON_LICENSES)) {
      const id = findId(m[1]!.replace(/\.$/, ""));
      if (!id || seen.has(id)) continue;
      seen.add(id);
      const line = text.slice(0, m.index).split("\n").length;
      out.push({
        id,
        name: nameOf(id),
        confidence: 0.85,
        method: "url",
        lines: [line, line],
        evidence: m[0],
      });
    }
  if (!text.includes("http") && !text.includes("www.")) return out;
  const lines = text.split(/\r\n|\r|\n/);
  const words = text.replace(URL, " ").split(/\s+/).filter(Boolean).length;
  const bare = words <= BARE_MAX_WORDS;
  const onLicenseLines = new Set<string>();
  let byUrl = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.includes("http") && !line.includes("www.")) continue;
    const outside = line.replace(URL, " ");
    const licenseLine =
      LICENSE_LINE.test(outside) || LICENSE_LINE.test(lines[i - 1]?.replace(URL, " ") ?? "");
    for (const m of line.matchAll(URL)) {
      // the address of a license page says what it is
      if (!(bare || licenseLine || (addressAlone && /licen[cs]/i.test(m[0])))) continue;
      const hit = index.lookup(m[0]);
      if (!hit) continue;
      if (licenseLine || bare) onLicenseLines.add(hit.id);
      if (seen.has(hit.id)) continue;
      seen.add(hit.id);
      byUrl++;
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
  if (byUrl > MAX_LISTED)
    return out.filter((m) => m.evidence.startsWith("/usr/") || onLicenseLines.has(m.id));
  return out;
}
