// A model card's first `# ` heading, the name rule's fallback (DESIGN.md). One linear scan: the
// pattern it replaces (/^#\s+(.+?)\s*#*\s*$/m) backtracked quadratically on a heading of spaces.

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

/**
 * The text of the first ATX level-1 heading (`# Title`, optional closing `#`s dropped as
 * CommonMark does: only after a space), outside fenced code blocks; undefined when there is none.
 */
export function firstHeading(markdown: string): string | undefined {
  let fence: string | undefined;
  for (let start = 0; start < markdown.length;) {
    let end = markdown.indexOf("\n", start);
    if (end < 0) end = markdown.length;
    const c0 = markdown.charCodeAt(start);
    if (c0 === 96 || c0 === 126) {
      // ``` or ~~~ opens a fence; the same marker closes it
      const marker = markdown.startsWith("```", start)
        ? "```"
        : markdown.startsWith("~~~", start)
          ? "~~~"
          : "";
      if (marker) {
        if (fence === undefined) fence = marker;
        else if (fence === marker) fence = undefined;
      }
    } else if (fence === undefined && c0 === 35 && isBlank(markdown.charCodeAt(start + 1))) {
      let a = start + 1;
      let b = end;
      while (a < b && isBlank(markdown.charCodeAt(a))) a++;
      while (b > a && isBlank(markdown.charCodeAt(b - 1))) b--;
      // a closing sequence of #s counts only after a blank (or as the whole content)
      let h = b;
      while (h > a && markdown.charCodeAt(h - 1) === 35) h--;
      if (h < b && (h === a || isBlank(markdown.charCodeAt(h - 1)))) {
        b = h;
        while (b > a && isBlank(markdown.charCodeAt(b - 1))) b--;
      }
      if (b > a) return markdown.slice(a, b);
    }
    start = end + 1;
  }
  return undefined;
}
