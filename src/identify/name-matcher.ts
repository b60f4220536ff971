// Finds license names in license statements: "released under the Llama 3 Community License",
// "License: CC BY-NC 4.0", "Licensed under the Apache License, Version 2.0", "The ASF licenses this
// file to You under ...", "governed by the [Llama 2 license](https://...)", "@license MIT", and
// the GNU notices ("under the terms of the GNU General Public License as published by the Free
// Software Foundation; either version 2 of the License, or (at your option) any later version").
// Names come from the knowledge base (names, aliases, ids, SPDX and Hub ids) and the SPDX list,
// folded to tokens; the longest name at a position wins. A name that is merely mentioned ("unlike
// the GPL", a table or list of many licenses) is not a statement and gives nothing.
import { createRequire } from "node:module";
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import { nameTokens, nameTokensByLine } from "../kb/names.js";
import {
  gnuAnswer,
  gnuFamily,
  readGnuNotice,
  type GnuAnswer,
  type GnuFamily,
  type GnuLicense,
} from "./gnu-notice.js";

export interface NameMatch {
  id: string;
  name: string;
  confidence: number;
  method: "name" | "notice";
  /** 1-based line of the mention. */
  lines: [number, number];
  /** The words that matched, as written. */
  text: string;
  /** For a GNU license: whether the statement allows any later version. */
  orLater?: boolean;
  /** The knowledge-base entry whose terms apply, when the id is an SPDX id it lacks (GPL-2.0-or-later → gpl-2.0). */
  base?: string;
  spdx?: string | null;
}

interface Alias {
  tokens: string[];
  id: string;
  name: string;
  gnu: GnuFamily | null;
  /**
   * A license named after its software ("Ruby", "OpenSSL", "Vim"), its id a single word: that word
   * names the license only as the terms of the software ("under the same terms as Ruby").
   */
  project?: true;
}

// A name only counts in a license statement: "released under the X", "licensed under X",
// "License: X", "SPDX-License-Identifier: X", "subject to the X". Prose that merely mentions a
// license ("classic licenses such as MIT", a changelog naming a university) is not a statement.
const STATEMENT_BEFORE = /^(license|licence|licenses|licences|identifier)$/;
/** "License: X", "**License:** X", "| License | X |", "License - X", "@license X": a field label. */
const LABEL =
  /(?:\b(?:licen[cs]es?|identifier)(?:\s+(?:terms|type|name|info))?\W{0,3}[:|=\u2013\u2014-]|@licen[cs]e\b)/i;
/** Words a label's own words may have before "License": "Model license:", "Code License terms:". */
const LABEL_LEAD_WORDS = 3;
/** Words that make what stands before "licenses:" a sentence: "reports the following licenses:". */
const LABEL_LEAD_PROSE =
  /\b(?:the|a|an|these|those|following|such|under|of|for|with|from|by|to|other|several|various|few|many|more|most|all|any|some|no|not|our|their|its|is|are|can|may|will|which|what)\b/i;
/** Where a line's last sentence or table cell starts: a label stands at the start of one. */
const LABEL_LEAD_START = /^.*(?:[.;!?]\s|\|)/;

/**
 * Whether a line holds a field label ("License: X", "| License | X |", "Model license: X",
 * "Copyright 2015 Jane Doe. License: ISC"): "License" opening the line, its sentence or its cell,
 * after a few words at most. Prose ending in "... one of the following licenses:" is no label.
 */
function isLabel(line: string): boolean {
  const m = LABEL.exec(line);
  if (!m) return false;
  if (m[0].startsWith("@")) return true;
  const lead = line.slice(0, m.index).replace(LABEL_LEAD_START, "");
  const words = lead.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length <= LABEL_LEAD_WORDS && !LABEL_LEAD_PROSE.test(lead);
}

/** The word between a label's "License" and its colon: "License terms: X", "License type: X". */
const LABEL_TAIL = /^(terms|type|name|info)$/;
/** "this file is GPLv2", "the code is GPL": a subject before "is" that a license can apply to. */
const SUBJECT =
  /^(file|files|code|program|library|software|module|driver|work|project|package|source|script|plugin|it|this|document|documentation|manual)$/;
/** Words after the name on its own line beyond which the line is prose, not a statement. */
const LINE_ALONE_EXTRA = 6;
/** Words of a line about a license, not under it: "GPL v2 compatibility", "GPLv3 support". */
const ABOUT =
  /^(compatibility|compatible|incompatible|support|supports|supported|violation|violations|issue|issues|fix|fixes|fixed)$/;
const UNDER = /^(under|subject|pursuant|according|by|via)$/;
/** Words that may stand between "under" and the name: "under the terms of version 2 of the X". */
const FILLER =
  /^(the|a|an|to|terms|of|conditions|and|or|its|this|same|license|licence|version|versions|v|either|both|dual|gnu|later|any|newer|only|at|your|option|\d+(\.\d+)*)$/;
const STATEMENT_WINDOW = 11;
/** Words of a designation after a name ('(the "Apache License")'), its "the" included. */
const DESIGNATION_WORDS = 4;
/** Copyright lines that may stand between a "License:" label and the name it gives. */
const COPYRIGHT_LINES_UNDER_LABEL = 3;
/** Words a purpose phrase may hold after its "for": "for incorporation into computer software". */
const PURPOSE_WORDS = 6;
/** Words from a found name to a later "or, for ..." within which that alternative is in its list. */
const ALTERNATIVE_REACH = 40;
/** Words that make a "for" phrase a pointer, not a purpose: "or for more details see the GPL". */
const POINTER = /^(?:see|more|details|information|info|example|instance|read|refer|reference|questions)$/;
/**
 * The words some cue needs: a label or "license" word, "under", "subject", "pursuant", "governed",
 * or a GNU name (which may stand alone: "This file is GPLv2").
 */
const CUE_WORDS = /licen[cs]|identifier|under|subject|pursuant|governed|covered|according|gpl|gnu/i;
/** Words that may stand before a statement's "under": verbs of licensing, and what they act on ("modify it under", "modify them under"). */
const VERB =
  /^(licensed|licenced|released|distributed|redistributed|available|provided|published|offered|shared|covered|governed|made|is|are|be|was|you|it|used|copied|modified|protected|licenses|licences|dual|redistribute|modify|distribute|distributable|them)$/;
/** "by" is a cue only after these: "covered by the X", "governed by the X". */
const BY_VERB = /^(covered|governed|protected|licensed|licenced)$/;
/** "with a CreativeML OpenRAIL-M license", "an Apache 2.0 license": the name followed by "license". */
const ARTICLE = /^(a|an)$/;
const LICENSE_WORD = /^(license|licence|licensed)$/;
/** "the license is GPLv2": the noun before "is". */
const LICENSE_NOUN = /^(?:license|licence|licensing)$/;
/** Words a short "X is <license>" line may have before the name, its "is" included. */
const IS_LINE_LEAD = 3;
/** Subjects that deny a statement: "nothing here is MIT licensed". */
const NOTHING = /^(?:nothing|none|no|neither)$/;
/** "BSD 2-Clause licensed": the participle after a name. */
const LICENSED = /^(?:licensed|licenced)$/;
/** "unlike the GPL", "compatible with the MIT license": a comparison, not a statement. */
const COMPARISON =
  /^(unlike|like|such|compatible|incompatible|instead|than|similar|versus|vs|except|other|e.g|eg|not|nor|rather|compared|unlike)$/;
/** More distinct licenses than this named by labels alone is a list or table of them, not a statement. */
const MAX_LABELLED = 3;
/** Single-token names too common in prose to count even in a statement. */
const GENERIC = /^(other|unknown|license|open|none|free|public|custom|proprietary)$/;
/** Text words that may be skipped inside a name before its version: "Apache License, Version 2.0". */
const VERSION_WORD = /^(version|v|ver)$/;
const NUMBER = /^\d/;
const COPYRIGHT = /\bcopyright\b|\(c\)|©/i;
/** Words after a name that make it an owner's name, not a license's. */
const OWNER_WORD =
  /^(foundation|university|institute|inc|corporation|corp|project|group|team|authors|consortium|ltd|llc|gmbh)$/;
/** Works a statement may be about instead of this one: "other software that is released under". */
const WORK =
  /^(?:software|code|works?|programs?|projects?|libraries|library|packages?|files?|components?|modules?)$/;
/** Whether a verb's "under" ("licensed under") stands within ALTERNATIVE_REACH words before k. */
function verbUnderBefore(w: readonly string[], k: number): boolean {
  for (let j = k - 1; j >= Math.max(1, k - ALTERNATIVE_REACH); j--)
    if (w[j] === "under" && VERB.test(w[j - 1]!)) return true;
  return false;
}

/**
 * The span holding word k. Spans are pushed in the text's order and never overlap, so the search
 * runs back from the last one and stops at the first that ends before k: a text of thousands of
 * statements stays linear.
 */
function spanAt(spans: readonly [number, number][], k: number): [number, number] | undefined {
  for (let j = spans.length - 1; j >= 0; j--) {
    const s = spans[j]!;
    if (s[1] < k) return undefined;
    if (s[0] <= k) return s;
  }
  return undefined;
}

/** Whether a span ends before word k, at most `reach` words before it. */
function spanEndsWithin(spans: readonly [number, number][], k: number, reach: number): boolean {
  for (let j = spans.length - 1; j >= 0; j--) {
    const b = spans[j]![1];
    if (b < k) return k - b <= reach;
  }
  return false;
}

/** Words an aside may hold between an alternative's "or" and its "under". */
const ASIDE_WORDS = 5;
/**
 * The index of the "or"/"and" that opens an alternative whose "under" is at k: right before it,
 * or before a short aside ("or (per the licensee's choosing) under"); else -1.
 */
function alternativeBefore(w: readonly string[], k: number): number {
  for (let j = k - 1; j >= Math.max(0, k - 1 - ASIDE_WORDS); j--) {
    if (w[j] === "or" || w[j] === "and") return j;
    if (COMPARISON.test(w[j]!) || NEGATION.test(w[j]!) || UNDER.test(w[j]!)) return -1;
  }
  return -1;
}

/** Words of an agent between a verb's "by" and its "under": "released by Walrus Labs under". */
const AGENT_WORDS = 4;
/** Whether "<verb> by <agent> under" ends at the "under" at k. */
function verbByBefore(w: readonly string[], k: number): boolean {
  for (let j = k - 2; j >= Math.max(1, k - 1 - AGENT_WORDS); j--)
    if (w[j] === "by") return VERB.test(w[j - 1]!) && !NEGATION.test(w[j - 2] ?? "");
  return false;
}

/** A statement in the past tense: "were released under", "was licensed under". */
const PAST = /^(?:was|were)$/;
/** Words after a past statement that say the license changed since: "later we switched to ...". */
const SWITCHED = /^(?:switched|relicensed|changed|moved|migrated)$/;
const SUPERSEDED_REACH = 20;
/** Words that deny the statement they stand in ("not", "doesn't", "never"). */
const NEGATION = /^(?:not|never|doesn|don|isn|aren|wasn|t)$/;
/** The GNU notice's warranty paragraph, folded. */
const HOPE = /\bdistributed in the hope that it will be useful\b/;
/** Words after a GNU family's statement within which a mention of one of its versions refines it. */
const REFINE_WINDOW = 30;
/** Knowledge-base ids of the GNU families themselves. */
const GNU_FAMILY_ID = /^(?:gpl|lgpl|agpl|gfdl)$/;
/** Ids of GNU licenses (knowledge-base, SPDX, or this module's family names). */
const GNU_ID = /^(?:gpl|lgpl|agpl|gfdl)(?:-\d|$|:)/i;

const require = createRequire(import.meta.url);

/** Comment markers that are words, at a line's start. */
const WORD_MARKERS = /(?:^|\n)[ \t]*(?:rem|dnl|@c|@comment)[ \t]/i;
const WORD_MARKERS_G = /((?:^|\n)[ \t]*)(?:rem|dnl|@c|@comment)(?=[ \t])/gi;
/** Escapes ending a string literal's text: the "\\n" of "General Public\\n". */
const STRING_ESCAPES_G = /(?:\\[nrt])+(?=["'])/g;
/** A line a patch adds, "+" first. */
const DIFF_ADDED = /(?:^|\n)\+(?![+\n])/;
const DIFF_ADDED_G = /((?:^|\n))\+(?![+\n])/g;

/** Names of GNU licenses as the licenses spell themselves, beyond the knowledge base's aliases. */
const GNU_NAMES: [string, GnuFamily][] = [
  ["general public license", "gpl"],
  ["gnu general public license", "gpl"],
  ["gnu public license", "gpl"],
  ["gpl", "gpl"],
  ["gplv", "gpl"],
  ["lesser general public license", "lgpl"],
  ["library general public license", "lgpl"],
  ["gnu lesser general public license", "lgpl"],
  ["gnu library general public license", "lgpl"],
  ["gnu lesser gpl", "lgpl"],
  ["lesser gnu general public license", "lgpl"],
  ["lgpl", "lgpl"],
  ["lgplv", "lgpl"],
  ["affero general public license", "agpl"],
  ["gnu affero general public license", "agpl"],
  ["agpl", "agpl"],
  ["agplv", "agpl"],
  ["free documentation license", "gfdl"],
  ["gnu free documentation license", "gfdl"],
  ["gfdl", "gfdl"],
  ["gnu fdl", "gfdl"],
];

/**
 * Titles licenses give themselves that neither the knowledge base nor the SPDX list spells, by
 * SPDX id: the Apache 1.1 text opens "The Apache Software License, Version 1.1". Versioned only:
 * "Apache Software License" alone is a PyPI classifier for any Apache version.
 */
const OWN_TITLES: [string, string][] = [["apache software license 1.1", "Apache-1.1"]];

export class NameMatcher {
  private readonly byFirst = new Map<string, Alias[]>();
  /** Knowledge-base id of each SPDX id it covers (its `spdx` or reference text). */
  private readonly kbBySpdx = new Map<string, string>();

  constructor(private readonly kb: KnowledgeBase) {
    const seen = new Set<string>();
    const add = (n: string, id: string, name: string) => {
      addTokens(nameTokens(n), id, name);
      // British spelling, which GNU notices in UK and Commonwealth code use ("General Public Licence")
      if (/\blicense\b/i.test(n)) addTokens(nameTokens(n.replace(/\b(licen)se\b/gi, "$1ce")), id, name);
    };
    const addTokens = (tokens: string[], id: string, name: string) => {
      const key = tokens.join(" ");
      if (!tokens.length || seen.has(key)) return;
      // single generic words would match ordinary prose
      if (tokens.length === 1 && GENERIC.test(tokens[0]!)) return;
      seen.add(key);
      const list = this.byFirst.get(tokens[0]!) ?? [];
      list.push({ tokens, id, name, gnu: GNU_ID.test(id) ? gnuFamily(tokens) : null });
      this.byFirst.set(tokens[0]!, list);
    };
    for (const l of kb.licenses) {
      for (const s of [l.spdx, l.reference_text?.spdx]) if (s) this.kbBySpdx.set(s, l.id);
      for (const n of [l.name, l.id, l.spdx, l.hub, ...l.aliases]) if (n) add(n, l.id, l.name);
    }
    for (const [n, family] of GNU_NAMES) add(n, `${family}:family`, n);
    // the SPDX list: names and multi-word ids of licenses the knowledge base lacks
    const spdx = require("spdx-license-list") as Record<string, { name: string }>;
    const deprecated = new Set<string>(require("spdx-license-ids/deprecated.json") as string[]);
    for (const [id, { name }] of Object.entries(spdx)) {
      if (deprecated.has(id) || id.endsWith("+")) continue;
      const kbId = this.kbBySpdx.get(id);
      add(name, kbId ?? id, kbId ? kb.license(kbId)!.name : name);
      if (nameTokens(id).length >= 2) add(id, kbId ?? id, kbId ? kb.license(kbId)!.name : name);
    }
    // single-word SPDX ids, most of them a program's name, for "under the same license as X"
    for (const id of Object.keys(spdx)) {
      const tokens = nameTokens(id);
      if (deprecated.has(id) || tokens.length !== 1 || GENERIC.test(tokens[0]!)) continue;
      const kbId = this.kbBySpdx.get(id);
      const list = this.byFirst.get(tokens[0]!) ?? [];
      list.push({
        tokens,
        id: kbId ?? id,
        name: kbId ? kb.license(kbId)!.name : spdx[id]!.name,
        gnu: null,
        project: true,
      });
      this.byFirst.set(tokens[0]!, list);
    }
    for (const [n, id] of OWN_TITLES) {
      const kbId = this.kbBySpdx.get(id);
      if (kbId) add(n, kbId, kb.license(kbId)!.name);
      else if (spdx[id]) add(n, id, spdx[id]!.name);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  /**
   * `lineAlone`: a versioned name opening a short line of its own counts (a header's "GPL v2, see
   * COPYING"); off beside a full license text, whose title lines name it.
   */
  match(text: string, { lineAlone = true }: { lineAlone?: boolean } = {}): NameMatch[] {
    // every cue below needs one of these words; most source files and changelogs have none
    if (!CUE_WORDS.test(text)) return [];
    const lines = text.split(/\r\n|\r|\n/);
    // a label is looked for once per line: a 1 MiB line of "license mit" must stay linear
    const labelled = new Map<number, boolean>();
    const hasLabel = (line: number) => {
      let v = labelled.get(line);
      if (v === undefined) labelled.set(line, (v = isLabel(lines[line - 1] ?? "")));
      return v;
    };
    const copyrights = new Map<number, boolean>();
    const copyrightLine = (line: number) => {
      let v = copyrights.get(line);
      if (v === undefined) copyrights.set(line, (v = COPYRIGHT.test(lines[line - 1] ?? "")));
      return v;
    };
    // folded with the same tokenizer as the names, comment markers that are words ("REM", "dnl",
    // "@c") dropped so that a notice runs on across its lines
    let t = WORD_MARKERS.test(text) ? text.replace(WORD_MARKERS_G, "$1") : text;
    // a patch's added lines ("+ * modify it under the terms of ..."): the "+" is no "or later"
    if (DIFF_ADDED.test(t)) t = t.replace(DIFF_ADDED_G, "$1 ");
    // a notice kept in a program's string literals ("... General Public\n" / "License as ..."):
    // the escapes that end each string are no words of it
    if (t.includes('\\n"')) t = t.replace(STRING_ESCAPES_G, " ");
    const words = nameTokensByLine(t);
    const w = words.map((x) => x.w);
    const found = new Map<string, NameMatch & { label: boolean; end: number; fragment: boolean }>();
    const uncued: { m: Omit<NameMatch, "lines" | "text">; i: number; end: number }[] = [];
    let hope: boolean | undefined;
    const hopeful = () => (hope ??= HOPE.test(w.join(" ")));
    /** Where names were found: "under either the Apache License 2.0 or the MIT license". */
    const spans: [number, number][] = [];
    let items: ReadonlySet<number> | undefined;
    const listItems = () => (items ??= choiceListLines(w, words));
    let listed: ReadonlySet<number> | undefined;
    const listedLines = () => (listed ??= mentionListLines(w, words, listItems(), hasLabel));
    for (let i = 0; i < words.length; i++) {
      const cands = this.byFirst.get(w[i]!);
      if (!cands) continue;
      for (const a of cands) {
        if (a.project && !sameTermsAs(w, i)) continue;
        let end = this.matchAt(w, i, a.tokens);
        if (end < 0) continue;
        // "the same terms as Ruby 1.8": the version is the software's
        if (a.project && /^\d+(\.\d+)*$/.test(w[end + 1] ?? "")) end++;
        // a name followed by more version digits is a different name ("llama 3" in "llama 3.1")
        const next = w[end + 1];
        if (
          a.tokens.length === 1 &&
          !a.gnu &&
          next &&
          /^\d+(\.\d+)*$/.test(next) &&
          !NUMBER.test(a.tokens[0]!)
        )
          break;
        if (next === "+" && a.tokens[a.tokens.length - 1] !== "+" && !a.gnu) continue;
        // "The Artistic License 2.0 (GPL Compatible)", "GPLv3 support": about the license, not under it
        if (ABOUT.test(w[end + 1] ?? "")) break;
        let cue = this.cue(w, words, i, end, hasLabel, spans, copyrightLine);
        // "may be used under the terms of any of the following licenses:" then one per line
        if (!cue && listItems().has(words[i]!.line) && opensLineWithin(words, i, ITEM_LEAD)) cue = "verb";
        let fragment = false;
        const m = this.resolve(a, w, i, end);
        if (!m) {
          if (cue) break;
          continue;
        }
        // a name that carries its version ("GPLv2", "Apache License 2.0"), which no owner's name
        // does ("MIT", "Apache" and "the Free Software Foundation" can be owners)
        const versioned = a.gnu
          ? Boolean(m.spdx)
          : a.tokens.length >= 2 && a.tokens.some((t) => /^\d+(\.\d+)*$/.test(t));
        // "Copyright (C) 2010 Jane Doe. GPLv2.": a license named on a copyright line
        if (!cue && versioned && !OWNER_WORD.test(w[end + 1] ?? "") && copyrightLine(words[i]!.line))
          cue = "verb";
        // "- libexif is LGPLv2.1": a short line that says what a work is, the name ending it
        if (!cue && versioned && w[i - 1] === "is" && this.isLine(w, words, i, end)) cue = "verb";
        // "GNU General Public License version 2" or " * GPL v2, see COPYING" opening a line of its
        // own: a header's statement; counted as a label, so that a list of such lines is a list
        // (not a letter and a number: "* X11:" heads a changelog's section on the X11 backend)
        if (
          !cue &&
          lineAlone &&
          !listedLines().has(words[i]!.line) &&
          versioned &&
          a.tokens.some((t) => t.length >= 2 && !NUMBER.test(t)) &&
          this.opensShortLine(w, words, i, end)
        )
          cue = "label";
        // "This program is distributed in the hope that it will be useful, but WITHOUT ANY
        // WARRANTY ... See the GNU General Public License for more details.": the GNU notice's
        // own warranty paragraph, all that is left of a notice cut short
        if (!cue && a.gnu && w[i - 1] === "the" && w[i - 2] === "see" && hopeful()) {
          const after = w.slice(end + 1, end + 4).join(" ");
          if (after === "for more details") {
            cue = "verb";
            fragment = true;
          }
        }
        if (!cue) {
          // "licensed under the GNU General Public License. You may obtain a copy of the GNU
          // General Public License Version 2 or later at ...": the version of a family stated
          // just before
          if (a.gnu && m.spdx && !/^(?:lesser|library|affero|free)$/.test(w[i - 1] ?? ""))
            uncued.push({ m, i, end });
          break;
        }
        const key = m.id;
        if (!found.has(key))
          found.set(key, {
            ...m,
            lines: [words[i]!.line, words[end]!.line],
            text: w.slice(i, end + 1).join(" "),
            label: cue === "label",
            end,
            fragment,
          });
        // the second version a GNU notice offers, found with the first
        if (m.also && !found.has(m.also.id))
          found.set(m.also.id, {
            ...m.also,
            lines: [words[i]!.line, words[end]!.line],
            text: w.slice(i, end + 1).join(" "),
            label: cue === "label",
            end,
            fragment,
          });
        spans.push([i, end]);
        i = end;
        break;
      }
    }
    for (const [key, f] of found) {
      if (f.method !== "notice" || f.spdx) continue;
      // (the warranty paragraph's family: the version of the notice above it, which no cue named)
      const v = uncued.find(
        (u) =>
          ((u.i > f.end && u.i - f.end <= REFINE_WINDOW && w[u.i - 1] === "the" && w[u.i - 2] === "of") ||
            (f.fragment && u.i < f.end)) &&
          familyOf(u.m.id) === familyOf(f.id),
      );
      if (!v || found.has(v.m.id)) continue;
      found.delete(key);
      found.set(v.m.id, {
        ...f,
        ...v.m,
        lines: [Math.min(f.lines[0], words[v.i]!.line), Math.max(f.lines[1], words[v.end]!.line)],
        text: `${f.text} … ${w.slice(v.i, v.end + 1).join(" ")}`,
      });
    }
    let out = [...found.values()];
    // the warranty paragraph names a license only where no statement does (an LGPL notice may say
    // "See the GNU General Public License for more details")
    if (out.some((m) => !m.fragment)) out = out.filter((m) => !m.fragment);
    // a list of many licenses by their labels (PyPI classifiers, a table of SPDX ids) names them, it
    // does not put the text under them
    if (out.filter((m) => m.label).length > MAX_LABELLED) out = out.filter((m) => !m.label);
    // a family found beside one of its versions ("the GNU GPL ... either version 2 ...", then "see
    // the GNU General Public License") is that version
    const gnu = out.filter((m) => m.method === "notice");
    const versioned = new Set(gnu.filter((m) => m.spdx).map((m) => familyOf(m.id)));
    const isFamily = (m: NameMatch) => (m.method === "notice" && !m.spdx) || GNU_FAMILY_ID.test(m.id);
    out = out.filter((m) => !(isFamily(m) && versioned.has(familyOf(m.id))));
    // a version named alone beside the statement that allows any later one ("... Version 1.2 or
    // any later version ...", then "the text of the GNU FDL Version 1.2 is included") is the latter
    const versionOf = (m: NameMatch) => m.spdx?.replace(/-(?:only|or-later)$|\+$/, "");
    const laterOnes = new Set(gnu.filter((m) => m.orLater).map(versionOf));
    out = out.filter((m) => m.method !== "notice" || m.orLater || !laterOnes.has(versionOf(m)));
    return out.map(({ label: _label, end: _end, fragment: _fragment, ...m }) => {
      delete (m as { also?: unknown }).also;
      return m;
    });
  }

  /**
   * Whether the name at [i, end] opens its line and the line goes on for a few words at most, none
   * of them about the license rather than under it ("GPL v2 compatibility").
   */
  private opensShortLine(
    w: readonly string[],
    words: readonly { line: number }[],
    i: number,
    end: number,
  ): boolean {
    const line = words[i]!.line;
    if (i > 0 && words[i - 1]!.line === line) return false;
    let extra = 0;
    for (let k = end + 1; k < words.length && words[k]!.line === line; k++) {
      if (++extra > LINE_ALONE_EXTRA || COMPARISON.test(w[k]!) || ABOUT.test(w[k]!)) return false;
    }
    return true;
  }

  /**
   * Whether the name at [i, end] ends its line and at most IS_LINE_LEAD words stand before it on
   * the line, "is" the last of them: "libexif is LGPLv2.1", "* the driver is GPL v2".
   */
  private isLine(w: readonly string[], words: readonly { line: number }[], i: number, end: number): boolean {
    const line = words[i]!.line;
    if (words[end + 1]?.line === line) return false;
    let lead = 0;
    for (let k = i - 1; k >= 0 && words[k]!.line === line; k--)
      if (++lead > IS_LINE_LEAD || COMPARISON.test(w[k]!) || NEGATION.test(w[k]!)) return false;
    return lead >= 2;
  }

  /** The index of the name's last word in the text when the name starts at i, else -1. */
  private matchAt(w: readonly string[], i: number, tokens: readonly string[]): number {
    let k = i;
    for (let t = 0; t < tokens.length; t++, k++) {
      if (k >= w.length) return -1;
      // "Apache License, Version 2.0" is the name "Apache License 2.0"
      if (t > 0 && VERSION_WORD.test(w[k]!) && NUMBER.test(tokens[t]!) && !VERSION_WORD.test(tokens[t]!)) k++;
      // and "Educational Community License version 1.0" or "... 1.0" the name "... v1.0"
      else if (t > 0 && VERSION_WORD.test(tokens[t]!) && NUMBER.test(tokens[t + 1] ?? "")) {
        if (NUMBER.test(w[k]!)) k--;
        else if (!VERSION_WORD.test(w[k]!)) return -1;
        continue;
      }
      if (w[k] !== tokens[t]) return -1;
    }
    return k - 1;
  }

  /** What makes the mention at [i, end] a statement: a label, a verb of licensing, or nothing. */
  private cue(
    w: readonly string[],
    words: readonly { line: number }[],
    i: number,
    end: number,
    hasLabel: (line: number) => boolean,
    spans: readonly [number, number][] = [],
    copyrightLine: (line: number) => boolean = () => false,
  ): "label" | "verb" | null {
    const prev = w[i - 1] ?? "";
    // "License: MIT", "| License | MIT |", "License:\n  MIT", "@license MIT", "License terms: X"
    if (STATEMENT_BEFORE.test(prev) && hasLabel(words[i - 1]!.line)) return "label";
    // "License: Dual MIT/GPL": the licenses a label's value offers side by side
    if (prev === "dual" && STATEMENT_BEFORE.test(w[i - 2] ?? "") && hasLabel(words[i - 1]!.line))
      return "label";
    // "License: MIT or GPL-3+", "License: Dual MIT/GPL": the label's value is two names; only the
    // second is looked at here, so that a line of many names is no chain of statements
    const lastSpan = spans[spans.length - 1];
    const beside =
      lastSpan &&
      (((prev === "or" || prev === "and") && lastSpan[1] === i - 2) ||
        (lastSpan[1] === i - 1 && words[i - 1]!.line === words[i]!.line));
    if (beside) {
      const before = lastSpan[0] - (w[lastSpan[0] - 1] === "dual" ? 2 : 1);
      if (before >= 0 && STATEMENT_BEFORE.test(w[before]!) && hasLabel(words[before]!.line)) return "label";
    }
    // "LICENSE:\nCopyright (c) 2020 Jane Doe\nMIT": the label's value is the name on a short line
    // of its own below the copyright lines (a name ending a copyright line is its owner: "MIT")
    if (i > 0 && words[i - 1]!.line !== words[i]!.line && copyrightLine(words[i - 1]!.line)) {
      const top = words[i - 1]!.line - COPYRIGHT_LINES_UNDER_LABEL;
      for (let k = i - 1; k >= 0 && words[k]!.line > top; k--) {
        if (STATEMENT_BEFORE.test(w[k]!) && hasLabel(words[k]!.line))
          return this.opensShortLine(w, words, i, end) ? "label" : null;
        if (!copyrightLine(words[k]!.line)) break;
      }
    }
    // a PyPI classifier: "License :: OSI Approved :: GNU Affero General Public License v3"
    if (prev === "approved" && w[i - 2] === "osi" && w[i - 3] === "license" && hasLabel(words[i - 1]!.line))
      return "label";
    if (LABEL_TAIL.test(prev) && STATEMENT_BEFORE.test(w[i - 2] ?? "") && hasLabel(words[i - 1]!.line))
      return "label";
    // "this file is GPLv2 as found in COPYING", "(... this file is GPL)"
    if ((prev === "is" || prev === "are") && SUBJECT.test(w[i - 2] ?? "")) return "verb";
    // "the license is GPLv2", "the licence is the ISC licence"
    const is = prev === "the" ? i - 2 : i - 1;
    if ((w[is] === "is" || w[is] === "are") && LICENSE_NOUN.test(w[is - 1] ?? "")) return "verb";
    // "all sources in lib/ are BSD 2-Clause licensed", "walrus is Apache-2.0 licensed": the name
    // before "licensed" (not "MIT licensed software", a kind of work)
    if (
      (prev === "is" || prev === "are") &&
      LICENSED.test(w[end + 1] ?? "") &&
      !WORK.test(w[end + 2] ?? "") &&
      i >= 2 &&
      !w.slice(Math.max(0, i - 4), i - 1).some((x) => NEGATION.test(x) || NOTHING.test(x))
    )
      return "verb";
    // "under" counts only when the words up to the name are fillers: "released under the X"
    // and only after a verb of licensing ("licensed under", "released under", "subject to"):
    // a scrambled license text has "under" next to a name by chance, never the whole phrase
    let floor = Math.max(0, i - STATEMENT_WINDOW);
    for (let k = i - 1; k >= floor; k--) {
      // a name found just before belongs to the same statement: look past it
      const span = spanAt(spans, k);
      if (span) {
        k = span[0];
        floor = Math.max(0, Math.min(floor, span[0] - STATEMENT_WINDOW));
        continue;
      }
      const x = w[k]!;
      // 'the Apache License, Version 2.0 (the "Apache License") or the GPL': the designation a
      // name just found is given is part of it
      if (x !== "the" && !FILLER.test(x)) {
        const last = spans[spans.length - 1];
        const named = last && last[1] < k && k - last[1] <= DESIGNATION_WORDS ? last : undefined;
        if (
          named &&
          w[named[1] + 1] === "the" &&
          w
            .slice(named[1] + 2, k + 1)
            .every((d) => w.slice(named[0], named[1] + 1).includes(d) || FILLER.test(d))
        ) {
          k = named[1] + 1;
          continue;
        }
      }
      // "distributed under the same license as OpenSSL", "under the same terms as Ruby"
      if (x === "as" && /^(license|licence|terms|conditions)$/.test(w[k - 1] ?? "") && w[k - 2] === "same")
        return w.slice(Math.max(0, k - 5), k - 2).includes("under") ? "verb" : null;
      if (COMPARISON.test(x)) return null;
      if (UNDER.test(x)) {
        const before = w[k - 1] ?? "";
        if (x === "by") return BY_VERB.test(before) ? "verb" : null;
        // "Available via the MIT or new BSD license"
        if (x === "via") return before === "available" ? "verb" : null;
        // "licensed under", "modify it under", "modify this code under", "this document under"
        if (x === "under" || x === "according") {
          // "licensed under the H2 License, and under the Eclipse Public License": a second "under"
          // goes on with the statement just before (a license named, or a verb's own "under")
          // ("... or (per the licensee's choosing) under the terms of the LGPL": an aside between)
          const or = alternativeBefore(w, k);
          const goesOn = or >= 0 && (spanEndsWithin(spans, or, ALTERNATIVE_REACH) || verbUnderBefore(w, or));
          if (goesOn) return "verb";
          // "released by Walrus Labs under the GNU LGPL": the verb's agent between
          if (!VERB.test(before) && !SUBJECT.test(before) && !verbByBefore(w, k)) return null;
          // "other software that is released under the GPL", "is not distributed under the GPL":
          // about other works, or denied
          const lead = w.slice(Math.max(0, k - 5), k - 1);
          const aboutOther = lead.some((x, j) => x === "other" && WORK.test(lead[j + 1] ?? ""));
          if (aboutOther || lead.slice(-2).some((x) => NEGATION.test(x))) return null;
          // "Versions 0.x were released under the LGPL. Later we switched to a BSD license": the
          // work's history, which what follows supersedes
          if (
            lead.slice(-2).some((x) => PAST.test(x)) &&
            w.slice(end + 1, end + 1 + SUPERSEDED_REACH).some((x) => SWITCHED.test(x))
          )
            return null;
          return "verb";
        }
        return "verb";
      }
      if (!FILLER.test(x)) {
        // "under X or, for incorporation into computer software, the GNU GPL version 3": an
        // alternative offered for one purpose; the purpose phrase stands between "or" and the name
        const purpose = this.purposeStart(w, k);
        if (purpose < 0) break;
        // the alternative closes a list of them that a statement opened a little before ("under
        // either A, or B or any later version ..., or, for ..., the C")
        if (spanEndsWithin(spans, purpose, ALTERNATIVE_REACH)) return "verb";
        k = purpose;
        continue;
      }
    }
    if (COMPARISON.test(prev)) return null;
    if (ARTICLE.test(prev) && LICENSE_WORD.test(w[end + 1] ?? "")) return "verb";
    if (termsApply(w, i, end)) return "verb";
    return null;
  }

  /**
   * When w[k] ends a purpose phrase opened by "for" right after an alternative's "or"/"and"
   * ("or, for incorporation into computer software, the X"), the index of that "or"; else -1.
   * At most PURPOSE_WORDS words, none a comparison, so that prose is not read as a purpose.
   */
  private purposeStart(w: readonly string[], k: number): number {
    for (let j = k; j >= Math.max(1, k - PURPOSE_WORDS); j--) {
      if (COMPARISON.test(w[j]!) || UNDER.test(w[j]!) || POINTER.test(w[j]!)) return -1;
      if (w[j] === "for") return /^(?:or|and)$/.test(w[j - 1]!) ? j - 1 : -1;
    }
    return -1;
  }

  /** The license a matched name stands for; GNU names take their version from the text. */
  private resolve(
    a: Alias,
    w: readonly string[],
    i: number,
    end: number,
  ): (Omit<NameMatch, "lines" | "text"> & { also?: Omit<NameMatch, "lines" | "text"> }) | null {
    const confidence = a.tokens.length >= 2 ? 0.9 : 0.75;
    if (!a.gnu) return { id: a.id, name: a.name, confidence, method: "name" };
    const g = readGnuNotice(w, i, end, a.tokens);
    const answer = this.gnu(g);
    if (!answer) return null;
    const also = g.also
      ? this.gnu({
          family: g.family,
          version: g.also.replace(/^[A-Z]+-|\.0-.*$|-(?:only|or-later)$/g, ""),
          orLater: g.also.endsWith("-or-later"),
          spdx: g.also,
        })
      : null;
    return {
      ...answer,
      confidence: g.spdx ? 0.95 : 0.8,
      method: "notice",
      ...(also ? { also: { ...also, confidence: 0.95, method: "notice" as const } } : {}),
    };
  }

  /** A GNU license in the knowledge base's id space. */
  gnu(g: GnuLicense): GnuAnswer | null {
    const spdx = require("spdx-license-list") as Record<string, { name: string }>;
    return gnuAnswer(
      g,
      this.kbBySpdx,
      (id) => this.kb.license(id)?.name,
      (family) => this.kb.findLicense(family === "agpl" ? "AGPL" : family)?.id,
      (id) => spdx[id]?.name,
    );
  }
}

/** Words a list item may have before its name: a bullet's letter, an abbreviation ("EPL, Eclipse ..."). */
const ITEM_LEAD = 2;
/** Lines after a choice's opening that may hold its items. */
const ITEM_LINES = 12;
/** Words from "under" to the choice it opens: "under the terms of any of the following licenses". */
const CHOICE_REACH = 6;
const CHOICE_WORD = /^(?:any|either|each|one)$/;
const CHOICE_COUNT = /^(?:following|these|two|three|four|five|\d)$/;
const LICENSES_WORD = /^(?:licenses|licences)$/;
/** "under the following licenses", "under these licenses": the licenses listed after. */
const LISTING = /^(?:following|these)$/;

/**
 * The lines of a choice's items: after "under ... any of the following licenses" ("any one of two
 * licenses", "either of these licenses") the licenses offered are listed, one per line, with no
 * verb of their own. The line the opening ends on counts too ("... licenses: MIT, Apache-2.0").
 */
function choiceListLines(w: readonly string[], words: readonly { line: number }[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < w.length; i++) {
    // "available under the following license:", its one item below
    const one = LICENSE_WORD.test(w[i]!) && w[i - 1] === "following";
    if (!one && !LICENSES_WORD.test(w[i]!)) continue;
    let k = i - 1;
    if (!CHOICE_COUNT.test(w[k] ?? "")) continue;
    k--;
    if (w[k] === "the") k--;
    let under = false;
    if (w[k] === "under" && LISTING.test(w[i - 1]!)) {
      // "released under the following licenses:", "available under these licenses:" (not denied)
      const lead = w.slice(Math.max(0, k - 3), k);
      under =
        (VERB.test(w[k - 1] ?? "") || SUBJECT.test(w[k - 1] ?? "")) && !lead.some((x) => NEGATION.test(x));
    } else {
      if (one || w[k] !== "of") continue;
      k--;
      if (w[k] === "one" && CHOICE_WORD.test(w[k - 1] ?? "")) k--;
      if (!CHOICE_WORD.test(w[k] ?? "")) continue;
      // "used under", "available under", as a statement's own "under" needs
      for (let j = k - 1; j >= Math.max(1, k - CHOICE_REACH) && !under; j--)
        under = w[j] === "under" && (VERB.test(w[j - 1]!) || SUBJECT.test(w[j - 1]!));
    }
    if (!under) continue;
    const line = words[i]!.line;
    for (let l = line; l <= line + ITEM_LINES; l++) out.add(l);
  }
  return out;
}

/**
 * The lines of a list that prose introduces without putting anything under it ("Our policy forbids
 * dependencies under the following licenses:", "The scanner reports these licenses:"): its items,
 * names on lines of their own, are no headers' statements. A list a statement opens ("released
 * under the following licenses:") is a choice's (see choiceListLines).
 */
function mentionListLines(
  w: readonly string[],
  words: readonly { line: number }[],
  choices: ReadonlySet<number>,
  labelled: (line: number) => boolean,
): Set<number> {
  const out = new Set<number>();
  for (let i = 1; i < w.length; i++) {
    // "... under the following licenses:", "Some suggested licenses:" (prose, not a field label)
    if (!LICENSES_WORD.test(w[i]!) || (!LISTING.test(w[i - 1]!) && labelled(words[i]!.line))) continue;
    const line = words[i]!.line;
    // the introduction ends its line: the items follow
    if (words[i + 1]?.line === line || choices.has(line + 1)) continue;
    for (let l = line + 1; l <= line + ITEM_LINES; l++) out.add(l);
  }
  return out;
}

/** Whether at most `lead` words stand before word i on its line. */
function opensLineWithin(words: readonly { line: number }[], i: number, lead: number): boolean {
  const line = words[i]!.line;
  let k = i - 1;
  while (k >= 0 && words[k]!.line === line) k--;
  return i - k - 1 <= lead;
}

/** Words from a name to the "apply" of "the conditions of the X License apply". */
const APPLY_REACH = 8;
const TERMS_WORD = /^(?:terms|conditions|provisions)$/;
const APPLY = /^(?:apply|applies)$/;

/**
 * "The terms of the MPL 2.0 apply to this file", "both the conditions of the OpenSSL License and
 * the original SSLeay license apply to the toolkit": the name of the license whose terms the
 * sentence says apply. Not when denied ("... do not apply to the fonts").
 */
function termsApply(w: readonly string[], i: number, end: number): boolean {
  const k = w[i - 1] === "the" ? i - 2 : i - 1;
  if (w[k] !== "of" || !TERMS_WORD.test(w[k - 1] ?? "")) return false;
  for (let j = end + 1; j < w.length && j <= end + APPLY_REACH; j++)
    if (APPLY.test(w[j]!)) return !NEGATION.test(w[j - 1] ?? "") && !NEGATION.test(w[j - 2] ?? "");
  return false;
}

/** Whether the words before i are "the same license as", "the same terms as the". */
function sameTermsAs(w: readonly string[], i: number): boolean {
  const k = w[i - 1] === "the" ? i - 2 : i - 1;
  return w[k] === "as" && SAME_WHAT.test(w[k - 1] ?? "") && w[k - 2] === "same";
}
const SAME_WHAT = /^(?:license|licence|terms|conditions)$/;

/** The GNU family of an id (gpl-2.0, GPL-2.0-or-later, lgpl, LGPL-2.1-only), for grouping. */
function familyOf(id: string): string {
  const l = id.toLowerCase();
  return l.startsWith("lgpl")
    ? "lgpl"
    : l.startsWith("agpl")
      ? "agpl"
      : l.startsWith("gfdl")
        ? "gfdl"
        : "gpl";
}
