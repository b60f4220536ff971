// Model-card front matter: the YAML block between `---` lines at the top of README.md. Parsed
// safely: alias bombs, huge blocks and non-mapping documents are InputErrors naming file and line.
import { createRequire } from "node:module";

// yaml is loaded on the first card that has front matter: identifying a plain LICENSE, the CLI's
// most common call, should not pay for it at start-up.
const require = createRequire(import.meta.url);
let yamlModule: typeof import("yaml") | undefined;
const parseDocument: typeof import("yaml").parseDocument = (...args) =>
  (yamlModule ??= require("yaml") as typeof import("yaml")).parseDocument(...args);
import { InputError } from "../errors.js";

/** Front matter larger than this is not a model card's; real cards stay under a few kB. */
export const MAX_FRONT_MATTER_BYTES = 256 * 1024;
const MAX_ALIASES = 100;
/**
 * Cards nest a few levels. The YAML parser recurses once per level, and a stack overflow inside
 * it is thrown as a RangeError or, after one has happened, can abort Node in V8's regexp
 * compiler; so nesting is bounded before parsing. Block nesting needs at least one column per
 * level, flow nesting one bracket.
 */
const MAX_DEPTH = 200;

/** The 0-based line where nesting first exceeds MAX_DEPTH, or -1. */
function tooDeep(yamlText: string): number {
  let flow = 0;
  const lines = yamlText.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^[ \t]*(?:[-?:][ \t]+)*/.exec(line)![0].length > MAX_DEPTH) return i;
    for (let k = 0; k < line.length; k++) {
      const c = line.charCodeAt(k);
      if (c === 0x5b || c === 0x7b) {
        if (++flow > MAX_DEPTH) return i;
      } else if ((c === 0x5d || c === 0x7d) && flow > 0) flow--;
    }
  }
  return -1;
}

export interface FrontMatter {
  /** The parsed mapping, or null when the card has no front matter. */
  data: Record<string, unknown> | null;
  /** Text after the front matter. */
  body: string;
  /** 1-based line in the file where the body starts. */
  bodyLine: number;
}

export function splitFrontMatter(text: string, file = "README.md"): FrontMatter {
  const t = text.replace(/^\ufeff/, "");
  const m = /^---[ \t]*\r?\n/.exec(t);
  if (!m) return { data: null, body: t, bodyLine: 1 };
  const rest = t.slice(m[0].length);
  const end = /(^|\r?\n)(?:---|\.\.\.)[ \t]*(\r?\n|$)/.exec(rest);
  if (!end)
    throw new InputError(
      "front matter opened with '---' is never closed",
      "bad-front-matter",
      file,
      "line 1",
    );
  const yamlText = rest.slice(0, end.index);
  if (Buffer.byteLength(yamlText) > MAX_FRONT_MATTER_BYTES)
    throw new InputError(
      `front matter is larger than ${MAX_FRONT_MATTER_BYTES} bytes`,
      "bad-front-matter",
      file,
      "line 1",
    );
  const bodyStart = m[0].length + end.index + end[0].length;
  const bodyLine = t.slice(0, bodyStart).split("\n").length;
  const data = parseYamlMapping(yamlText, file, 2);
  return { data, body: t.slice(bodyStart), bodyLine };
}

/** Parses a YAML mapping; `firstLine` is the file line of the YAML's first line, for messages. */
export function parseYamlMapping(
  yamlText: string,
  file: string,
  firstLine = 1,
): Record<string, unknown> | null {
  const deep = tooDeep(yamlText);
  if (deep >= 0)
    throw new InputError(
      `nesting deeper than ${MAX_DEPTH} levels`,
      "bad-yaml",
      file,
      `line ${deep + firstLine}`,
    );
  let doc;
  try {
    doc = parseDocument(yamlText, {
      uniqueKeys: false,
      prettyErrors: false,
      strict: false,
      logLevel: "error",
    });
  } catch (e) {
    throw new InputError(`invalid YAML: ${(e as Error).message}`, "bad-yaml", file, `line ${firstLine}`);
  }
  const err = doc.errors[0];
  if (err) {
    const line = (err.linePos?.[0]?.line ?? 1) + firstLine - 1;
    throw new InputError(`invalid YAML: ${err.message.split("\n")[0]}`, "bad-yaml", file, `line ${line}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    throw new InputError(`invalid YAML: ${(e as Error).message}`, "bad-yaml", file, `line ${firstLine}`);
  }
  if (value === null || value === undefined) return null;
  if (typeof value !== "object" || Array.isArray(value))
    throw new InputError(
      "front matter must be a mapping of fields (key: value)",
      "bad-front-matter",
      file,
      `line ${firstLine}`,
    );
  return value as Record<string, unknown>;
}
