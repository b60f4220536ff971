// Finds license names in free text: "released under the Llama 3 Community License",
// "License: CC BY-NC 4.0", "Apache 2", "openrail++". Names come from the knowledge base (names,
// aliases, ids, SPDX and Hub ids), folded to tokens; the longest name at a position wins.
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import { nameTokens, nameTokensByLine } from "../kb/names.js";

export interface NameMatch {
  id: string;
  name: string;
  confidence: number;
  method: "name";
  /** 1-based line of the mention. */
  lines: [number, number];
  /** The words that matched, as written. */
  text: string;
}

interface Alias {
  tokens: string[];
  id: string;
}

// A name only counts in a license statement: "released under the X", "licensed under X",
// "License: X", "SPDX-License-Identifier: X", "subject to the X". Prose that merely mentions a
// license ("classic licenses such as MIT", a changelog naming a university) is not a statement.
const STATEMENT_BEFORE = /^(license|licence|identifier)$/;
/** "License: X", "**License:** X", "| License | X |", "SPDX-License-Identifier: X": a field label. */
const LABEL = /\b(?:licen[cs]e|identifier)\W{0,3}[:|=]/i;
const UNDER = /^(under|subject|pursuant)$/;
/** Words that may stand between "under" and the name: "under the terms of the X". */
const FILLER = /^(the|a|an|to|terms|of|conditions|and|its|this|same|license|licence|version)$/;
const STATEMENT_WINDOW = 6;
/** The words some cue needs: a label or "license" word, or "under", "subject", "pursuant". */
const CUE_WORDS = /licen[cs]|identifier|under|subject|pursuant/i;
const VERB =
  /^(licensed|licenced|released|distributed|available|provided|published|offered|shared|covered|governed|made|is|are)$/;
/** "with a CreativeML OpenRAIL-M license", "an Apache 2.0 license": the name followed by "license". */
const ARTICLE = /^(a|an)$/;
const LICENSE_WORD = /^(license|licence|licensed)$/;

export class NameMatcher {
  private readonly byFirst = new Map<string, Alias[]>();

  constructor(kb: KnowledgeBase) {
    for (const l of kb.licenses) {
      const seen = new Set<string>();
      for (const n of [l.name, l.id, l.spdx, l.hub, ...l.aliases]) {
        if (!n) continue;
        const tokens = nameTokens(n);
        const key = tokens.join(" ");
        if (!tokens.length || seen.has(key)) continue;
        // single generic words would match ordinary prose
        if (tokens.length === 1 && /^(other|unknown|license|open|none|free|public)$/.test(tokens[0]!))
          continue;
        seen.add(key);
        const list = this.byFirst.get(tokens[0]!) ?? [];
        list.push({ tokens, id: l.id });
        this.byFirst.set(tokens[0]!, list);
      }
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  match(text: string, kb: KnowledgeBase): NameMatch[] {
    // every cue below needs one of these words; most source files and changelogs have none
    if (!CUE_WORDS.test(text)) return [];
    const lines = text.split(/\r\n|\r|\n/);
    // folded with the same tokenizer as the names
    const words = nameTokensByLine(text);
    const found = new Map<string, NameMatch>();
    for (let i = 0; i < words.length; i++) {
      const cands = this.byFirst.get(words[i]!.w);
      if (!cands) continue;
      for (const a of cands) {
        if (i + a.tokens.length > words.length) continue;
        let ok = true;
        for (let k = 1; k < a.tokens.length && ok; k++) ok = words[i + k]!.w === a.tokens[k];
        if (!ok) continue;
        // a name followed by more version digits is a different name ("llama 3" in "llama 3.1")
        const next = words[i + a.tokens.length]?.w;
        if (
          next &&
          /^\d/.test(next) &&
          /^\d/.test(a.tokens[a.tokens.length - 1]!) === false &&
          /^\d+(\.\d+)*$/.test(next) &&
          a.tokens.length === 1
        )
          break;
        if (next === "+" && a.tokens[a.tokens.length - 1] !== "+") continue;
        const prev = words[i - 1]?.w ?? "";
        let cue =
          STATEMENT_BEFORE.test(prev) &&
          words[i - 1]!.line === words[i]!.line &&
          LABEL.test(lines[words[i]!.line - 1]!);
        // "under" counts only when the words up to the name are fillers: "released under the X"
        // and only after a verb of licensing ("licensed under", "released under", "subject to"):
        // a scrambled license text has "under" next to a name by chance, never the whole phrase
        for (let k = i - 1; k >= Math.max(0, i - STATEMENT_WINDOW) && !cue; k--) {
          if (UNDER.test(words[k]!.w)) cue = words[k]!.w !== "under" || VERB.test(words[k - 1]?.w ?? "");
          else if (!FILLER.test(words[k]!.w)) break;
        }
        if (!cue && ARTICLE.test(prev) && LICENSE_WORD.test(next ?? "")) cue = true;
        if (!cue) break;
        const lic = kb.license(a.id)!;
        if (!found.has(a.id))
          found.set(a.id, {
            id: a.id,
            name: lic.name,
            // a multi-word name is strong evidence; a bare acronym near "license" a little less
            confidence: a.tokens.length >= 2 ? 0.9 : 0.75,
            method: "name",
            lines: [words[i]!.line, words[i + a.tokens.length - 1]!.line],
            text: a.tokens.join(" "),
          });
        i += a.tokens.length - 1;
        break;
      }
    }
    return [...found.values()];
  }
}
