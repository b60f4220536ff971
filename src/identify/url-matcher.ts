// License URLs in a text: a file that is only a URL (a package's license_url), a license page's URL
// (its address says so: opensource.org/licenses/MIT, gnu.org/licenses/gpl-2.0.html), a URL on a
// line that speaks of a license ("License: https://...", "[Llama 2 license](https://...)"), and
// Debian's /usr/share/common-licenses/<name>. A URL of another page in prose is a link, not a
// statement, and many license URLs in one text are a list of them.
import type { LicenseUrlIndex } from "../kb/license-urls.js";
import { trimEndOf } from "../text/trim-end.js";

export interface UrlMatch {
  id: string;
  name: string;
  confidence: number;
  method: "url";
  lines: [number, number];
  evidence: string;
}

const URL = /\b(?:https?:\/\/|www\.)[^\s<>()"'`\]]+/gi;
/**
 * The words just before a URL that make it a license's: "License: <url>", "a copy of the License
 * at <url>", "[Llama 2 license](<url>)", "<license><url>...". Looked for right before the URL (or
 * at the end of the line before), so that word soup holding "license" and a URL is no statement.
 */
const LEAD_IN =
  /(?:\blicen[cs]e[sd]?(?:\s+(?:text|file|terms|page|details|information|agreement|url|link))?(?:\s+(?:is|are))?(?:\s+(?:at|here|in|from|on))?|\bcopy of the licen[cs]e at|\b(?:dedicated|released|placed|put) (?:in|into|to) the public domain[.,]?(?:\s+(?:see|as (?:explained|described|stated|set out) (?:at|in|on|by)))?|<url>)\s*[:=|(\-]*$/i;
/** Texts at most this long that hold little besides URLs are references by URL. */
const BARE_MAX_WORDS = 12;
/** How much of the text before an address, and of the line before, a lead-in is looked for in. */
const LEAD_CHARS = 256;

function tail(s: string): string {
  return s.length > LEAD_CHARS ? s.slice(-LEAD_CHARS) : s;
}
/** More licenses than this by URL, off license lines, is a list of links. */
const MAX_LISTED = 3;
/** Debian's copies of the common licenses, which copyright files point to. */
const COMMON_LICENSES = /\/usr\/share\/common-licenses\/([A-Za-z0-9.+-]+)/g;

/** A line that holds little besides its URLs. */
function shortLine(line: string): boolean {
  return (
    line
      .replace(URL, " ")
      .split(/\s+/)
      .filter((w) => /\w/.test(w)).length <= SHORT_LINE_WORDS
  );
}
const SHORT_LINE_WORDS = 6;
/** Words of a lead-in's end that may stand on the URL's line after its start on the line before. */
const CONTINUED_LEAD_WORDS = 4;

export function urlMatches(
  text: string,
  /** The URL index, built on first use: most texts hold no URL. */
  urls: () => LicenseUrlIndex,
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
  if (!text.includes("http") && !text.includes("www.")) {
    // a bare address without its scheme: "creativecommons.org/licenses/by/4.0/"
    const t = text.trim();
    const hit = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+\/\S*$/i.test(t) ? urls().lookup(t) : null;
    if (hit && !seen.has(hit.id))
      out.push({
        id: hit.id,
        name: nameOf(hit.id),
        confidence: 0.9,
        method: "url",
        lines: [1, 1],
        evidence: t,
      });
    return out;
  }
  const lines = text.split(/\r\n|\r|\n/);
  // only a short text can be little besides its URLs: long ones are not counted word by word
  const bare =
    text.length < 2000 && text.replace(URL, " ").split(/\s+/).filter(Boolean).length <= BARE_MAX_WORDS;
  const onLicenseLines = new Set<string>();
  let byUrl = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.includes("http") && !line.includes("www.")) continue;
    // lead-ins are short phrases: only the end of the line before and the text just before the
    // address are read, so a line of 100 kB costs what a line of a few words does
    const before = tail((lines[i - 1] ?? "").replace(URL, " ").trim());
    let from = 0;
    for (const m of line.matchAll(URL)) {
      const lead = trimEndOf(line.slice(Math.max(from, m.index - LEAD_CHARS), m.index), "(<[]:*\"'`", true);
      from = m.index + m[0].length;
      // the line before counts when nothing but a comment marker leads up to the address, or a
      // lead-in that the line before opens ("released to the public domain, / as explained at")
      const own = lead.replace(/^[\s#*/;!%-]+/, "");
      const licenseLine =
        LEAD_IN.test(lead) ||
        (!own && LEAD_IN.test(trimEndOf(before, ":", true))) ||
        (own.split(/\s+/).length <= CONTINUED_LEAD_WORDS && LEAD_IN.test(`${before} ${own}`));
      // the address of a license page says what it is
      // (on a line of its own, or nearly: a URL inside a sentence of other prose is a link)
      const alone = addressAlone && /licen[cs]/i.test(m[0]) && shortLine(line);
      if (!(bare || licenseLine || alone)) continue;
      const hit = urls().lookup(m[0]);
      if (!hit) continue;
      if (licenseLine) onLicenseLines.add(hit.id);
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
