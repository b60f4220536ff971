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

export interface IdentifyResult {
  file: string;
  matches: LicenseMatch[];
  /** True when the best match is a known license with modifications. */
  modified: boolean;
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
      { name: "text", match: (i, o) => this.text.match(i.tokens(), o, i.text).map((m) => ({ ...m })) },
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
    const best = matches[0];
    const entry = best && this.kb.license(best.id);
    const modified =
      Boolean(best?.modified) || Boolean(entry?.warnings.some((w) => w.code === "modified-license"));
    const result: IdentifyResult = { file, matches, modified };
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
