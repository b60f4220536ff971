// Text to license: a pipeline of matchers behind one interface, cheapest first. The first matcher
// that finds something answers; a text that nothing matches gets `matches: []`.
import { knowledgeBase, NOASSERTION, type KnowledgeBase } from "../kb/knowledge-base.js";
import { readTextFile, DEFAULT_MAX_BYTES } from "../io/read-text.js";
import { splitFrontMatter } from "../inspect/front-matter.js";
import { InputError } from "../errors.js";
import { tokenize, type Tokens } from "./normalize.js";
import { loadFingerprints } from "./fingerprint-index.js";
import { TextMatcher, type Change, type TextMatchOptions } from "./text-matcher.js";
import { NameMatcher } from "./name-matcher.js";
import { parseExpression, type ParsedExpression } from "./spdx-expression.js";

export type MatchMethod = "card" | "id" | "spdx-expression" | "exact" | "dice" | "name";

export interface LicenseMatch {
  /** Knowledge-base id, an SPDX id the knowledge base lacks, or NOASSERTION. */
  id: string;
  name: string;
  /** 0..1; thresholds are the caller's. */
  confidence: number;
  method: MatchMethod;
  spdx?: string | null;
  part?: "license" | "acceptable-use-policy";
  /** 1-based inclusive line range where the license was found. */
  lines?: [number, number];
  modified?: boolean;
  changes?: Change[];
  /** For card and name matches: the field or words that named the license. */
  evidence?: string;
}

/** A known license that a text resembles but differs from in substance. */
export interface Resemblance {
  id: string;
  name: string;
  /** 0..1: Dice coefficient of the text's region against that license. */
  similarity: number;
  /** 1-based inclusive line range of the resembling region. */
  lines: [number, number];
  /** The substantive differences: clauses added, removed or reworded. */
  differences: Change[];
}

export interface IdentifyResult {
  file: string;
  matches: LicenseMatch[];
  /**
   * True when the text is a known license with modifications: the best match is a license whose
   * entry is itself a modification (GPT-2's modified MIT), or the text resembles a known license
   * but differs in substance (then `resembles` says how).
   */
  modified: boolean;
  /** Known licenses the text resembles without being them, closest first. */
  resembles?: Resemblance[];
  expression?: ParsedExpression;
  /** The file was longer than the size cap and only its head was read. */
  truncated?: boolean;
  error?: { code: string; message: string };
}

export interface IdentifyOptions extends TextMatchOptions {
  /** Bytes read per file (default 1 MiB). */
  maxBytes?: number;
}

interface Input {
  text: string;
  tokens: () => Tokens;
  /** Set by the text matcher for the licenses the text resembles but is not. */
  resembles?: Resemblance[];
}

interface Matcher {
  name: MatchMethod | "text";
  match(input: Input, opts: IdentifyOptions): LicenseMatch[];
}

export class Identifier {
  private readonly text: TextMatcher;
  private namesCache?: NameMatcher;
  private readonly pipeline: Matcher[];

  constructor(private readonly kb: KnowledgeBase = knowledgeBase()) {
    const { entries, index } = loadFingerprints();
    this.text = new TextMatcher(entries, index);
    this.pipeline = [
      { name: "card", match: (i) => this.cardMatches(i.text) },
      { name: "id", match: (i) => this.shortMatches(i.text) },
      { name: "text", match: (i, o) => this.textMatches(i, o) },
      {
        name: "name",
        match: (i) =>
          this.names()
            .match(i.text, this.kb)
            .map(({ text, ...m }) => ({ ...m, evidence: text })),
      },
    ];
  }

  /** Built on first use: most inputs are answered by a cheaper matcher. */
  private names(): NameMatcher {
    return (this.namesCache ??= new NameMatcher(this.kb));
  }

  identifyText(text: string, file = "-", opts: IdentifyOptions = {}): IdentifyResult {
    let tokens: Tokens | undefined;
    const input: Input = { text, tokens: () => (tokens ??= tokenize(text)) };
    let matches: LicenseMatch[] = [];
    for (const m of this.pipeline) {
      try {
        matches = m.match(input, opts);
      } catch (e) {
        if (e instanceof InputError)
          return {
            file,
            matches: [],
            modified: false,
            error: { code: e.code, message: `${e.field ? `${e.field}: ` : ""}${e.message}` },
          };
        throw e;
      }
      if (matches.length) break;
    }
    const resembles = input.resembles ?? [];
    const best = matches[0];
    const entry = best && this.kb.license(best.id);
    const modified =
      resembles.length > 0 || Boolean(entry?.warnings.some((w) => w.code === "modified-license"));
    const result: IdentifyResult = { file, matches, modified };
    if (resembles.length) result.resembles = resembles;
    const expr = /^[^\n]{1,300}$/.test(text.trim()) ? parseExpression(text.trim(), this.kb) : null;
    if (expr && expr.leaves.length > 1) result.expression = expr;
    return result;
  }

  identifyFile(path: string, opts: IdentifyOptions = {}): IdentifyResult {
    const r = readTextFile(path, opts.maxBytes ?? DEFAULT_MAX_BYTES);
    if (!r.ok)
      return { file: path, matches: [], modified: false, error: { code: r.code, message: r.message } };
    const res = this.identifyText(r.text, path, opts);
    if (r.truncated) res.truncated = true;
    return res;
  }

  /**
   * Full texts. A text whose differences from its closest reference are boilerplate is that
   * license; one that differs in substance is a license the knowledge base lacks (NOASSERTION),
   * resembling the reference.
   */
  private textMatches(input: Input, opts: IdentifyOptions): LicenseMatch[] {
    const out: LicenseMatch[] = [];
    for (const m of this.text.match(input.tokens(), opts, input.text)) {
      const { key: _key, changes, modified, ...rest } = m;
      if (!modified) {
        out.push({ ...rest });
        continue;
      }
      const differences = changes
        .filter((c) => c.substantive)
        .map((c) => this.withText(c, input.text, m.key));
      (input.resembles ??= []).push({
        id: m.id,
        name: m.name,
        similarity: m.confidence,
        lines: m.lines,
        differences,
      });
      out.push({
        id: NOASSERTION,
        name: `Unknown license resembling ${m.name}`,
        confidence: m.confidence,
        method: m.method,
        part: m.part,
        lines: m.lines,
        evidence: `resembles ${m.id}`,
      });
    }
    return out;
  }

  /** A change with the words a reader needs: the input's lines for added text. */
  private withText(c: Change, text: string, _key: string): Change {
    if (c.kind !== "added" || !c.lines) return c;
    const lines = text.split(/\r\n|\r|\n/).slice(c.lines[0] - 1, c.lines[1]);
    const shown = lines.join("\n").trim();
    return { ...c, text: shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN)}…` : shown };
  }

  /** A model card's `license` / `license_name` fields. */
  private cardMatches(text: string): LicenseMatch[] {
    if (!text.startsWith("---")) return [];
    const fm = splitFrontMatter(text);
    const d = fm.data;
    if (!d || d.license === undefined) return [];
    const raw = Array.isArray(d.license) ? d.license.map(String) : [String(d.license)];
    const out: LicenseMatch[] = [];
    for (const v of raw) {
      let id = this.kb.fromHubId(v);
      let evidence = `license: ${v}`;
      if (id === NOASSERTION && typeof d.license_name === "string") {
        const named = this.kb.findLicense(d.license_name);
        if (named) {
          id = named.id;
          evidence = `license_name: ${d.license_name}`;
        }
      }
      if (!id) id = parseExpression(v, this.kb)?.leaves[0]?.id ?? NOASSERTION;
      const lic = this.kb.license(id);
      out.push({ id, name: lic?.name ?? v, confidence: lic ? 1 : 0, method: "card", evidence });
    }
    return out;
  }

  /** A single short line: a license id, name or SPDX expression on its own. */
  private shortMatches(text: string): LicenseMatch[] {
    // an SPDX tag anywhere ("// SPDX-License-Identifier: MIT OR Apache-2.0") carries an expression
    const t = (SPDX_TAG.exec(text)?.[1] ?? text).trim();
    if (!t || t.length > 300 || t.includes("\n")) return [];
    const lic = this.kb.findLicense(t);
    if (lic)
      return [{ id: lic.id, name: lic.name, confidence: 1, method: "id", spdx: lic.spdx, evidence: t }];
    const expr = parseExpression(t, this.kb);
    if (!expr) return [];
    return expr.leaves.map((l) => ({
      id: l.id,
      name: this.kb.license(l.id)?.name ?? l.spdx,
      confidence: l.known ? 1 : 0.5,
      method: "spdx-expression" as const,
      spdx: l.spdx,
      evidence: expr.expression,
    }));
  }
}

/** Characters of a differing passage shown in a result. */
const MAX_SHOWN = 600;

const SPDX_TAG = /SPDX-License-Identifier:\s*([^\n]+?)\s*(?:\*\/|-->)?\s*$/im;

let shared: Identifier | undefined;
export function identifier(): Identifier {
  shared ??= new Identifier();
  return shared;
}

/** Identifies the license(s) in a text. */
export function identifyText(text: string, opts: IdentifyOptions = {}): IdentifyResult {
  return identifier().identifyText(text, "-", opts);
}

/** Identifies each file; unreadable files get a per-file error, never an exception. */
export function identifyFiles(paths: string[], opts: IdentifyOptions = {}): IdentifyResult[] {
  const id = identifier();
  return paths.map((p) => id.identifyFile(p, opts));
}
