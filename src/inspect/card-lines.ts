// Where each front-matter field of a model card sits, as 1-based lines of README.md, for evidence
// and findings. A line index over the YAML text, built in one pass: top-level keys are lines that
// start in column 0 with `key:`; a list item's line is the first line of its field's block, from
// the previous item on, that holds the value as written.

/** A value not found in its block (reformatted by YAML, say) costs a scan of the block; after this many, the rest take the key's line. */
const MAX_MISSES = 8;

export class FrontMatterLines {
  /** Top-level key to its index in `lines` and the index where its block ends. */
  private readonly keys = new Map<string, { at: number; end: number }>();

  constructor(
    private readonly lines: readonly string[],
    /** The file line of lines[0]. */
    private readonly first: number,
  ) {
    let prev: { at: number; end: number } | undefined;
    for (let i = 0; i < lines.length; i++) {
      const key = topLevelKey(lines[i]!);
      if (key === undefined) continue;
      if (prev) prev.end = i;
      prev = { at: i, end: lines.length };
      if (!this.keys.has(key)) this.keys.set(key, prev);
    }
  }

  /** The line of a top-level field, when the card has it in block style. */
  line(field: string): number | undefined {
    const k = this.keys.get(field);
    return k ? k.at + this.first : undefined;
  }

  /** The line of each value of a field, in order (a list field's items, or one scalar). */
  valueLines(field: string, values: readonly string[]): (number | undefined)[] {
    const k = this.keys.get(field);
    if (!k) return values.map(() => undefined);
    let cursor = k.at;
    let misses = 0;
    return values.map((v) => {
      if (misses <= MAX_MISSES && v)
        for (let i = cursor; i < k.end; i++)
          if (this.lines[i]!.includes(v)) {
            cursor = i;
            return i + this.first;
          }
      misses++;
      return k.at + this.first;
    });
  }
}

/** `key` for a line `key: ...` or `"key": ...` starting in column 0; undefined for anything else. */
function topLevelKey(line: string): string | undefined {
  const c = line.charCodeAt(0);
  // blank, indented, list item, comment, document marker, flow collection
  if (!(c > 32) || c === 45 || c === 35 || c === 123 || c === 91) return undefined;
  const colon = line.indexOf(":");
  if (colon < 1) return undefined;
  const after = line.charCodeAt(colon + 1);
  if (!(Number.isNaN(after) || after === 32 || after === 9 || after === 13)) return undefined;
  let key = line.slice(0, colon).trim();
  if (key.length > 1 && (key[0] === '"' || key[0] === "'") && key[key.length - 1] === key[0])
    key = key.slice(1, -1);
  return key;
}

/**
 * The line index of a card's front matter: `text` is README.md as read, `bodyLine` the first line
 * after the closing `---` (from splitFrontMatter).
 */
export function frontMatterLines(text: string, bodyLine: number): FrontMatterLines {
  const lines: string[] = [];
  // file line 1 is the opening `---`, line bodyLine - 1 the closing one
  let start = text.indexOf("\n") + 1;
  for (let n = 2; n < bodyLine - 1 && start > 0; n++) {
    const end = text.indexOf("\n", start);
    lines.push(text.slice(start, end < 0 ? text.length : end));
    if (end < 0) break;
    start = end + 1;
  }
  return new FrontMatterLines(lines, 2);
}
