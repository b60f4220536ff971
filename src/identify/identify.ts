// Text to license. A model card's license field, or a text that is one license id or expression,
// answers at once. Otherwise full texts are matched first (exact, then shingles); the rest of the
// text, the lines no full text claimed, is read for license statements: GNU and other notices,
// license names in a statement, license URLs. A text that nothing matches gets `matches: []`.
import { createRequire } from "node:module";
import { knowledgeBase, NOASSERTION, type KnowledgeBase } from "../kb/knowledge-base.js";
import { readTextFile, DEFAULT_MAX_BYTES } from "../io/read-text.js";
import { splitFrontMatter } from "../text/front-matter.js";
import { licenseUrls } from "../kb/license-urls.js";
import { spdxTexts } from "../kb/reference-texts.js";
import { resolveLicenseName } from "../kb/resolve-license-name.js";
import { readWindows1252 } from "./legacy-text.js";
import { isRtf, rtfToText } from "./rtf.js";
import { InputError } from "../errors.js";
import { tokenize, type Tokens } from "./normalize.js";
import { loadFingerprints } from "./fingerprint-index.js";
import { shingleSequence } from "./shingles.js";
import { TextMatcher, type Change, type TextMatchOptions } from "./text-matcher.js";
import { NameMatcher } from "./name-matcher.js";
import { gnuFamily, readGnuNotice } from "./gnu-notice.js";
import { nameTokens } from "../kb/names.js";
import { urlMatches } from "./url-matcher.js";
import { parseExpression, type ParsedExpression } from "./spdx-expression.js";
import { exceptionCoverage, findExceptions, type ExceptionMatch } from "./exception-matcher.js";

export type MatchMethod = "card" | "id" | "spdx-expression" | "exact" | "dice" | "notice" | "name" | "url";

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
  /** The license's entry is itself a modification of another license (GPT-2's modified MIT). */
  modified?: boolean;
  changes?: Change[];
  /** For card, name, notice and URL matches: the field, words or URL that named the license. */
  evidence?: string;
  /**
   * The text allows any later version ("or (at your option) any later version"): the id is then
   * the -or-later SPDX id, never the knowledge-base entry of the version alone.
   */
  orLater?: boolean;
  /** The knowledge-base entry of the version named, when `id` is an SPDX id the knowledge base lacks. */
  base?: string;
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
  /** The file was not UTF-8 and was read in this encoding (legacy 8-bit, or UTF-16 by its mark). */
  encoding?: "windows-1252" | "utf-16le" | "utf-16be";
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
  /** Lines inside full-text matches that the reference lacks, read for statements too. */
  added?: [number, number][];
  /** Set by the text matcher for a license text with a known exception beside it. */
  expression?: ParsedExpression;
}

/**
 * The text with the lines of these matches blanked (line count kept, so lines stay true), except
 * the lines their references lack: "Alternatively, this software may be distributed under the
 * GPL" inside a BSD header is a statement of its own.
 */
function blankLines(
  text: string,
  matches: readonly LicenseMatch[],
  keep: readonly [number, number][] = [],
): string {
  const lines = text.split(/\r\n|\r|\n/);
  const kept = new Set<number>();
  for (const [a, b] of keep) for (let l = a; l <= b; l++) kept.add(l);
  for (const m of matches)
    if (m.lines)
      for (let l = m.lines[0]; l <= m.lines[1] && l <= lines.length; l++) if (!kept.has(l)) lines[l - 1] = "";
  return lines.join("\n");
}

/**
 * Full-text matches first, then the statements found in the rest of the text, one answer per
 * license: a statement that refines a full text ("either version 2 of the License, or (at your
 * option) any later version" above the GPL-2.0 text) takes its place, and a family found beside
 * one of its members (a "GPL" mention beside the GPL-3.0 text) is that member.
 */
function merge(kb: KnowledgeBase, texts: LicenseMatch[], statements: LicenseMatch[]): LicenseMatch[] {
  const out = [...texts];
  const sorted = [...statements].sort(
    (a, b) => b.confidence - a.confidence || (a.lines?.[0] ?? 0) - (b.lines?.[0] ?? 0),
  );
  for (const s of sorted) {
    // the same license, or the version a GNU notice above already refined ("or later" kept)
    if (out.some((m) => m.id === s.id || m.base === s.id)) continue;
    // a notice's base is the entry of its version, which a full text of that version may share
    // (a version the knowledge base lacks has no base: its -only text is refined by its -or-later)
    const only = /-or-later$/.test(s.id) ? s.id.replace(/-or-later$/, "-only") : undefined;
    const refined =
      s.base || only
        ? out.findIndex((m) => (s.base && (m.id === s.base || m.base === s.base)) || (only && m.id === only))
        : -1;
    if (refined >= 0) {
      const m = out[refined]!;
      out[refined] = {
        ...m,
        id: s.id,
        name: s.name,
        spdx: s.spdx ?? m.spdx,
        orLater: s.orLater,
        base: s.base,
        evidence: s.evidence ?? m.evidence,
      };
      continue;
    }
    out.push(s);
  }
  // a family beside one of its members is that member; a GNU family beside one of its versions
  // ("GNU Free Documentation License, see /usr/share/common-licenses/GFDL-1.2") is that version
  const ids = new Set(out.map((m) => m.base ?? m.id));
  const gnuVersions = new Set(
    out.map((m) => /^(a?gpl|lgpl|gfdl)-\d/i.exec(m.id)?.[1]?.toLowerCase()).filter(Boolean),
  );
  // a path or address of a version's text beside the notice that allows any later version
  // ("Version 1.2 or any later version ... see /usr/share/common-licenses/GFDL-1.2") is the latter
  const orLater = new Set(out.map((m) => m.id.toLowerCase()).filter((id) => id.endsWith("-or-later")));
  return out.filter((m) => {
    if (GNU_FAMILY.test(m.id) && gnuVersions.has(m.id)) return false;
    if (
      m.method === "url" &&
      !/-or-later$/i.test(m.id) &&
      orLater.has(m.id.toLowerCase().replace(/-only$/, "-or-later"))
    )
      return false;
    const members = kb.license(m.id)?.members;
    return !members || !members.some((x) => ids.has(x));
  });
}

/** A GNU license's title line: "GNU GENERAL PUBLIC LICENSE", "GNU Free Documentation License". */
const GNU_TITLE =
  /^[\s#*/;-]*GNU (?:GENERAL|LESSER GENERAL|LIBRARY GENERAL|AFFERO GENERAL|FREE DOCUMENTATION) (?:PUBLIC )?LICEN[CS]E[\s*/]*$/i;
/** Lines from a match's start within which its title is looked for. */
const TITLE_REACH = 40;

/**
 * The lines of a GNU full-text match above its title: the project's notice ("either version 2 of
 * the License, or (at your option) any later version") written right above the license, whose
 * words the license's own appendix repeats, so that the match took them in. They are read for
 * statements, as any notice beside a license is.
 */
function aboveGnuTitles(text: string, texts: readonly LicenseMatch[]): [number, number][] {
  const out: [number, number][] = [];
  let lines: string[] | undefined;
  for (const m of texts) {
    if (!m.lines || !/^(?:a|l)?gpl(?:-|$)|^gfdl/i.test(m.spdx ?? m.id)) continue;
    lines ??= text.split(/\r\n|\r|\n/);
    const [a, b] = m.lines;
    for (let l = a; l <= Math.min(b, a + TITLE_REACH); l++)
      if (GNU_TITLE.test(lines[l - 1] ?? "")) {
        if (l > a) out.push([a, l - 1]);
        break;
      }
  }
  return out;
}

/** Full texts that a GNU exception may follow: GPL, LGPL and AGPL, any version. */
const GNU_TEXT = /^(?:a|l)?gpl(?:-|$)/i;
const EXCEPTION_WORD = /\bexception\b/i;

/**
 * Lines above an exception's first matched words that may still be its own: a heading, a version
 * and date line, an address for more information, a copyright line (GCC's 3.1 exception has all four).
 */
const EXCEPTION_HEAD_LINES = 10;
/**
 * Share of an added passage's shingles the exception must hold for the passage to be the exception:
 * a restriction written into it brings shingles of its own.
 */
const EXCEPTION_OWN_WORDS = 0.9;
const linesOf = (text: string, [a, b]: [number, number]) =>
  text
    .split(/\r\n|\r|\n/, b)
    .slice(a - 1)
    .join("\n");

/** Whether the added lines a are the exception's at lines b (its heading above included). */
const ofException = (a: [number, number], b: [number, number]) =>
  a[1] >= b[0] && a[0] >= b[0] - EXCEPTION_HEAD_LINES && a[1] <= b[1];

/**
 * Share of a passage's distinct shingles a named license's text must hold for the passage to be
 * that license's words: a clause of one's own written beside them brings shingles the text lacks.
 */
const PART_OF_NAMED = 0.9;

/** The share of a text's distinct shingles that a reference holds (0 for a text too short to have any). */
function shareIn(text: string, ref: ReadonlySet<number>): number {
  const own = new Set(shingleSequence(tokenize(text)));
  if (!own.size) return 0;
  let n = 0;
  for (const h of own) if (ref.has(h)) n++;
  return n / own.size;
}

/** Knowledge-base ids of the GNU families, which a text naming no version gets. */
const GNU_FAMILY = /^(?:gpl|lgpl|agpl|gfdl)$/;

export class Identifier {
  private readonly text: TextMatcher;
  private namesCache?: NameMatcher;
  private readonly refTokens = new Map<string, Tokens>();
  private readonly refShingles = new Map<string, ReadonlySet<number>>();

  constructor(private readonly kb: KnowledgeBase = knowledgeBase()) {
    const { entries, index } = loadFingerprints();
    this.text = new TextMatcher(entries, index);
  }

  /** Built on first use: most inputs are answered by a cheaper matcher. */
  private names(): NameMatcher {
    return (this.namesCache ??= new NameMatcher(this.kb));
  }

  identifyText(text: string, file = "-", opts: IdentifyOptions = {}): IdentifyResult {
    // a word processor's document: its words (lines are then the document's paragraphs)
    if (isRtf(text)) text = rtfToText(text);
    let tokens: Tokens | undefined;
    const input: Input = { text, tokens: () => (tokens ??= tokenize(text)) };
    let matches: LicenseMatch[];
    try {
      matches = this.match(input, opts);
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
    const resembles = input.resembles ?? [];
    // a license whose entry is itself a modification of another (GPT-2's modified MIT) says so on
    // its match, so that a file holding it beside other licenses shows which one it is
    for (const m of matches)
      if (this.kb.license(m.id)?.warnings.some((w) => w.code === "modified-license")) m.modified = true;
    const modified = resembles.length > 0 || Boolean(matches[0]?.modified);
    const result: IdentifyResult = { file, matches, modified };
    if (resembles.length) result.resembles = resembles;
    const expr = /^[^\n]{1,300}$/.test(text.trim()) ? parseExpression(text.trim(), this.kb) : null;
    if (expr && expr.leaves.length > 1) result.expression = expr;
    else if (input.expression) result.expression = input.expression;
    return result;
  }

  /** The name of a knowledge-base id or of an SPDX id it lacks. */
  private nameOf(id: string): string {
    spdxList ??= require("spdx-license-list") as Record<string, { name: string }>;
    return this.kb.license(id)?.name ?? spdxList[id]?.name ?? id;
  }

  /** The stages, cheapest and most certain first. */
  private match(input: Input, opts: IdentifyOptions): LicenseMatch[] {
    const card = this.cardMatches(input.text);
    if (card.length) return card;
    const short = this.shortMatches(input.text);
    if (short.length) return short;
    const texts = this.textMatches(input, opts);
    // the lines no full text claimed: a notice above a license text, a README's license section
    const rest = texts.length
      ? blankLines(input.text, texts, [...(input.added ?? []), ...aboveGnuTitles(input.text, texts)])
      : input.text;
    if (!rest.trim()) return texts;
    const statements = this.names()
      .match(rest, { lineAlone: !texts.length })
      .map(({ text, ...m }): LicenseMatch => ({ ...m, evidence: text }));
    const urls = urlMatches(
      rest,
      () => licenseUrls(this.kb),
      (id) => this.nameOf(id),
      (name) => this.gnuOf(name)?.id ?? this.kb.findLicense(name)?.id,
      // beside a full text, a license page's address in its prose is a reference, not a statement
      { addressAlone: !texts.length },
    );
    this.partsOfNamed(input, texts, statements);
    return merge(this.kb, texts, [...statements, ...urls]);
  }

  /**
   * A text that differs from its closest reference only by passages added to it, when a license
   * the file names holds both the text and those passages: a part of that license, as projects
   * split it into files (OpenSSL's license cut into its OpenSSL and SSLeay halves, the first half
   * carrying the second's last paragraph, under the preface that names the pair). The match is
   * then the named license. Rewrites `texts` and `input.resembles` in place.
   */
  private partsOfNamed(input: Input, texts: LicenseMatch[], statements: readonly LicenseMatch[]): void {
    if (!input.resembles?.length || !statements.length) return;
    for (let t = 0; t < texts.length; t++) {
      const m = texts[t]!;
      const at = m.lines;
      if (m.id !== NOASSERTION || !at) continue;
      const r: Resemblance | undefined = input.resembles.find(
        (x) => x.lines[0] === at[0] && x.lines[1] === at[1],
      );
      if (!r || !r.differences.length || r.differences.some((c) => c.kind !== "added" || !c.lines)) continue;
      const lines: [number, number] = [
        Math.min(at[0], ...r.differences.map((c) => c.lines![0])),
        Math.max(at[1], ...r.differences.map((c) => c.lines![1])),
      ];
      const named = statements.find((s) => {
        if (s.id === NOASSERTION || s.id === r.id) return false;
        const ref = this.referenceShingles(this.kb.license(s.id)?.spdx ?? s.spdx ?? s.id);
        return (
          ref !== undefined &&
          shareIn(linesOf(input.text, at), ref) >= PART_OF_NAMED &&
          r.differences.every((c) => shareIn(linesOf(input.text, c.lines!), ref) >= PART_OF_NAMED)
        );
      });
      if (!named) continue;
      texts[t] = {
        id: named.id,
        name: named.name,
        confidence: m.confidence,
        method: m.method,
        spdx: named.spdx,
        part: m.part,
        lines,
        evidence: `a part of ${named.spdx ?? named.id}, which the text names (${r.id} and more of its words)`,
      };
      input.resembles = input.resembles.filter((x) => x !== r);
    }
  }

  /** An SPDX text's distinct shingles, kept for the next text that names it (a few at most). */
  private referenceShingles(spdxId: string): ReadonlySet<number> | undefined {
    let s = this.refShingles.get(spdxId);
    if (!s) {
      const ref = spdxTexts()[spdxId]?.licenseText;
      if (!ref) return undefined;
      if (this.refShingles.size >= 16) this.refShingles.clear();
      this.refShingles.set(spdxId, (s = new Set(shingleSequence(tokenize(ref)))));
    }
    return s;
  }

  identifyFile(path: string, opts: IdentifyOptions = {}): IdentifyResult {
    const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    const r = readTextFile(path, max);
    if (!r.ok && r.code === "invalid-utf8") {
      // text in a legacy 8-bit encoding (an old source's "Copyright © 1998"): read as Windows-1252
      const text = readWindows1252(path, max);
      if (text !== null) {
        const res = this.identifyText(text, path, opts);
        res.encoding = "windows-1252";
        return res;
      }
    }
    if (!r.ok)
      return { file: path, matches: [], modified: false, error: { code: r.code, message: r.message } };
    const res = this.identifyText(r.text, path, opts);
    if (r.truncated) res.truncated = true;
    if (r.encoding) res.encoding = r.encoding;
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
      const { key: _key, changes, modified: changed, ...rest } = m;
      let modified = changed;
      // a GNU text with a known exception appended: the exception is no change to the license's
      // terms but a permission beside them, said the way an SPDX expression says it
      const exception = GNU_TEXT.test(m.id) ? this.exceptionBeside(input.text, m.lines) : null;
      if (exception) {
        for (const c of changes)
          if (
            c.kind === "added" &&
            c.substantive &&
            c.lines &&
            ofException(c.lines, exception.lines) &&
            exceptionCoverage(exception.exception, linesOf(input.text, c.lines)) >= EXCEPTION_OWN_WORDS
          )
            Object.assign(c, { substantive: false, why: `the ${exception.name}, named beside the license` });
        modified = changes.some((c) => c.substantive);
        if (!modified) {
          const expression = `${m.spdx ?? m.id} WITH ${exception.exception}`;
          Object.assign(rest, { evidence: expression });
          rest.lines = [Math.min(m.lines[0], exception.lines[0]), Math.max(m.lines[1], exception.lines[1])];
          input.expression ??= parseExpression(expression, this.kb) ?? undefined;
        }
      }
      for (const c of changes)
        if (c.kind === "added" && c.lines && (c.substantive || c.statement))
          (input.added ??= []).push(c.lines);
      if (!modified) {
        out.push(this.versioned(rest));
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

  /**
   * A family's entry holding one version's text as its reference (the GFDL's is 1.3): the text
   * states its version, so it is answered as that version, as the texts of the family's other
   * versions are, with the entry as its base.
   */
  private versioned(m: LicenseMatch): LicenseMatch {
    if (!m.spdx || m.spdx === m.id || this.kb.license(m.id)?.spdx !== null) return m;
    return { ...m, id: m.spdx, name: this.nameOf(m.spdx), base: m.id };
  }

  /** A known exception in the text outside a GNU license's lines (see exception-matcher). */
  private exceptionBeside(text: string, lines: [number, number]): ExceptionMatch | null {
    if (!EXCEPTION_WORD.test(text)) return null;
    const rest = blankLines(text, [{ id: "", name: "", confidence: 1, method: "dice", lines }]);
    return findExceptions(rest)[0] ?? null;
  }

  /**
   * A change with the words a reader needs: the input's lines for added text, the reference's
   * words for removed text when the reference is an SPDX text (shipped with the spdx-license-list
   * dependency; the corpus texts are not shipped, so their removed passages are given by position).
   */
  private withText(c: Change, text: string, key: string): Change {
    if (c.kind === "added" && c.lines) {
      const lines = text.split(/\r\n|\r|\n/).slice(c.lines[0] - 1, c.lines[1]);
      return { ...c, text: clip(lines.join("\n").trim()) };
    }
    const spdxId = /^spdx:([^#]+)$/.exec(key)?.[1];
    if (c.kind === "removed" && c.reference && spdxId) {
      const t = this.referenceTokens(spdxId);
      if (t) {
        const words: string[] = [];
        for (let w = c.reference[0]; w <= Math.min(c.reference[1], t.count - 1); w++) words.push(t.word(w));
        return { ...c, text: clip(words.join(" ")) };
      }
    }
    return c;
  }

  /** An SPDX reference's words, kept for the next stranger that resembles it (a few at most). */
  private referenceTokens(spdxId: string): Tokens | undefined {
    let t = this.refTokens.get(spdxId);
    if (!t) {
      const ref = spdxTexts()[spdxId]?.licenseText;
      if (!ref) return undefined;
      if (this.refTokens.size >= 16) this.refTokens.clear();
      this.refTokens.set(spdxId, (t = tokenize(ref)));
    }
    return t;
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
      if (id === NOASSERTION) {
        const name = typeof d.license_name === "string" ? d.license_name : undefined;
        const link = typeof d.license_link === "string" ? d.license_link : undefined;
        const hit = resolveLicenseName(this.kb, { name, link });
        if (hit) {
          id = hit.id;
          evidence = hit.via === "license_name" ? `license_name: ${name}` : `license_link: ${link}`;
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
    const t = (spdxTagValue(text) ?? text).trim();
    if (!t || t.length > 300 || t.includes("\n")) return [];
    const lic = this.kb.findLicense(t);
    if (lic) {
      const gnu = this.gnuOf(t);
      if (gnu) return [{ ...gnu, confidence: 1, method: "id", evidence: t }];
      return [{ id: lic.id, name: lic.name, confidence: 1, method: "id", spdx: lic.spdx, evidence: t }];
    }
    const expr = parseExpression(t, this.kb);
    if (!expr) return [];
    return expr.leaves.map((l) => {
      const gnu = this.gnuOf(l.spdx);
      const known = Boolean(gnu) || l.known;
      return {
        id: l.id,
        name: this.kb.license(l.id)?.name ?? l.spdx,
        ...gnu,
        confidence: known ? 1 : 0.5,
        method: "spdx-expression" as const,
        spdx: gnu?.spdx ?? l.spdx,
        evidence: expr.expression,
      };
    });
  }

  /** A GNU license id or name on its own ("GPL-2.0+", "LGPLv2.1 or later") with its version kept. */
  private gnuOf(s: string): Omit<LicenseMatch, "confidence" | "method"> | null {
    const tokens = nameTokens(s);
    if (!gnuFamily(tokens) || !/^(?:gpl|lgpl|agpl|gfdl|gnu)/.test(tokens[0] ?? "")) return null;
    const g = readGnuNotice(tokens, 0, tokens.length - 1, tokens);
    if (!g.spdx) return null;
    const a = this.names().gnu(g);
    return a ? { ...a } : null;
  }
}

const require = createRequire(import.meta.url);
let spdxList: Record<string, { name: string }> | undefined;

/** Characters of a differing passage shown in a result. */
const MAX_SHOWN = 600;
const clip = (s: string) => (s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s);

/**
 * The value of an SPDX tag line: the tag at a line's start, after a comment marker at most (a tag
 * quoted in prose, as in a license that tells its users how to tag files, is no tag). Read as the
 * rest of the line and trimmed in code: an expression
 * with optional trailing spaces and comment closers before the line end backtracks
 * catastrophically on a line of spaces. The blanks after a comment marker belong to the marker:
 * two runs of blanks side by side split a line of spaces every way (five seconds on 100 kB).
 */
const SPDX_TAG =
  /(?:^|\n)[ \t]*(?:(?:\/\/+|#+|\*+|\/\*+|;+|--|%+|<!--|\.\\"|'|dnl|rem)[ \t]*)?SPDX-License-Identifier:[ \t]*([^\n]*)/i;

function spdxTagValue(text: string): string | undefined {
  const m = SPDX_TAG.exec(text);
  if (!m) return undefined;
  return m[1]!.replace(/(?:\*\/|-->|#\}|%>)[ \t\r]*$/, "").trim();
}

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
