// Name folding shared by every lookup: "Apache License 2.0", "apache-2.0" and "Apache 2" must meet.

/**
 * The Creative Commons licenses' own spellings of their elements, which their texts title
 * themselves with ("Attribution-NoDerivs 3.0 Unported", "Attribution-NonCommercial-ShareAlike"),
 * as the SPDX list spells them ("Attribution No Derivatives 3.0 Unported").
 */
const CC_ELEMENTS = /\b(?:no(derivs|derivatives)|non(commercial)|share(alike))\b/g;
const CC_ELEMENT_WORDS: Record<string, string> = {
  derivs: "no derivatives",
  derivatives: "no derivatives",
  commercial: "non commercial",
  alike: "share alike",
};

/** The character folding of nameTokens; it never moves a line break. */
function foldChars(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[\u2010-\u2015]/g, "-")
      // split letter/digit boundaries: llama3.1 -> llama 3.1, bloom-1b7 stays as is
      .replace(/([a-z])(\d)/g, "$1 $2")
      .replace(/\+/g, " + ")
      .replace(CC_ELEMENTS, (_, a?: string, b?: string, c?: string) => CC_ELEMENT_WORDS[a ?? b ?? c ?? ""]!)
  );
}

/** One token of a folded name, or "" when nothing is left of it. */
function token(t: string): string {
  if (t.charCodeAt(0) === 46 || t.charCodeAt(t.length - 1) === 46) t = t.replace(/^\.+|\.+$/g, "");
  return /^\d+(\.\d+)*$/.test(t) ? t.replace(/(\.0)+$/, "") : t;
}

/** Lower-cases and reduces a name to space-separated tokens; "3.0" and "3" are the same version. */
export function nameTokens(s: string): string[] {
  return foldChars(s)
    .split(/[^a-z0-9.+]+/)
    .map(token)
    .filter(Boolean);
}

/**
 * nameTokens over a whole text, with the 1-based line of each token: one folding pass for the text
 * instead of one per line.
 */
export function nameTokensByLine(text: string): { w: string; line: number }[] {
  const folded = foldChars(text);
  const out: { w: string; line: number }[] = [];
  let line = 1;
  const n = folded.length;
  for (let i = 0; i < n;) {
    const c = folded.charCodeAt(i);
    const inToken = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 43;
    if (!inToken) {
      // "\r\n", "\r" and "\n" each end a line
      if (c === 10 || (c === 13 && folded.charCodeAt(i + 1) !== 10)) line++;
      i++;
      continue;
    }
    const start = i;
    for (i++; i < n; i++) {
      const d = folded.charCodeAt(i);
      if (!((d >= 97 && d <= 122) || (d >= 48 && d <= 57) || d === 46 || d === 43)) break;
    }
    const w = token(folded.slice(start, i));
    if (w) out.push({ w, line });
  }
  return out;
}

export function foldName(s: string): string {
  return nameTokens(s).join(" ");
}

/** Damerau-free Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
