// The policy engine: every model of a lineage graph judged from its own license and its bases'
// summaries, in one pass from the roots down. A summary says what a model's subtree requires of
// every descendant; it is computed once per model and interned, and judgments are cached by what
// they read, so `check` (one lineage) and `audit` (millions of rows) run the same rules the same
// way, at any depth and fan-in. Most rules speak about one inherited license at a time (scope
// `inherited`): they are judged per license group of a summary, and each part is computed once
// per situation and shared by every model in it, so a new summary costs lookups, not rule runs.
// Cycles are cut order-independently: every model of a cycle is judged without the edges inside
// it and says so.
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import type { License, Relation } from "../kb/schema.js";
import type { Finding, Severity } from "../inspect/record.js";
import { OwnLicenses } from "./own-license.js";
import { OrderRanks, type Rank } from "./order-ranks.js";
import { grown } from "./grown.js";
import { IntLists } from "./int-lists.js";
import { IntPairMap } from "./int-pair-map.js";
import { LicenseTable, RelClass, SummaryTable, relClass, type Key } from "./summary.js";
import { sccOrder } from "./scc-order.js";
import type {
  CheckOptions,
  Inherited,
  LicenseRef,
  Mode,
  Obligation,
  Rule,
  RuleFinding,
  RuleObligation,
  RuleOutput,
  Subject,
  Verdict,
} from "./types.js";
import { startsWithName } from "./rules/naming.js";
import { nameTokens } from "../kb/names.js";
import { unknownInheritedLicenses, unknownOwnLicense } from "./rules/unknown-licenses.js";
import { noDerivatives } from "./rules/no-derivatives.js";
import { useRestrictionsFlowDown } from "./rules/use-restrictions-flow-down.js";
import { nonCommercial } from "./rules/non-commercial.js";
import { shareAlike } from "./rules/share-alike.js";
import { mergeConflicts } from "./rules/merge-conflicts.js";
import { naming } from "./rules/naming.js";
import { notices } from "./rules/notices.js";
import { outputUse } from "./rules/output-use.js";
import { thresholds } from "./rules/thresholds.js";
import { duties } from "./rules/duties.js";
import { trainingData } from "./rules/training-data.js";
import { intendedUseData, intendedUseInherited, intendedUseOwn } from "./rules/intended-use.js";
import { upstream } from "./rules/upstream.js";
import { licensorRelease } from "./rules/licensor-release.js";

export type { Verdict } from "./types.js";

export const RULES: readonly Rule[] = [
  unknownOwnLicense,
  unknownInheritedLicenses,
  noDerivatives,
  useRestrictionsFlowDown,
  nonCommercial,
  shareAlike,
  mergeConflicts,
  naming,
  notices,
  outputUse,
  thresholds,
  duties,
  trainingData,
  intendedUseOwn,
  intendedUseInherited,
  intendedUseData,
  upstream,
  licensorRelease,
];

/** A lineage graph as the engine reads it; node indices are 0..size-1. */
export interface GraphInput {
  readonly size: number;
  /** The model's id (Hub id when known), for messages and paths. */
  id(i: number): string;
  /** The name naming duties are judged on (DESIGN.md: the Hub id's name part, else the card's). */
  name(i: number): string;
  /** The Hub owner or organisation that publishes it, for licensor identity; null when unknown. */
  owner(i: number): string | null;
  /** The license expression; null for a base that could not be resolved. */
  license(i: number): string | null;
  /** False for catalogue models whose weights were never released. */
  weightsAvailable(i: number): boolean;
  baseCount(i: number): number;
  base(i: number, k: number): number;
  relation(i: number, k: number): Relation;
  /** Training datasets (judged as warnings at the model itself). */
  datasets(i: number): readonly { id: string; license: string | null; unresolved: boolean }[];
  /**
   * Licenses that bind whoever ships the model beyond what it declares: a LICENSE file holding a
   * license the card does not name. Their duties are the model's own, judged as if a base passed
   * them on (the file ships with the weights). Absent: none.
   */
  ownTerms?(i: number): readonly string[];
}

export interface Judgment {
  verdict: Verdict;
  findings: RuleFinding[];
  obligations: RuleObligation[];
  /** The own-license alternative judged (an index into the own license's alternatives). */
  choice: number;
}

export interface Evaluation {
  verdict: Verdict;
  findings: Finding[];
  obligations: Obligation[];
  /** The own-license alternative judged, as an expression, when the license offered a choice. */
  choice?: string;
}

const RANK: Record<Verdict, number> = { ok: 0, conditional: 1, unknown: 2, violation: 3 };

export function verdictOf(
  findings: readonly { severity: Severity }[],
  obligations: readonly unknown[],
): Verdict {
  if (findings.some((f) => f.severity === "violation")) return "violation";
  if (findings.some((f) => f.severity === "unknown")) return "unknown";
  return obligations.length ? "conditional" : "ok";
}

const NAMING_CAP = 29;
/** Whole-subject rules with inherited facts one engine tells apart (4 bits each). */
const FACT_SLOTS = 7;
const FLAGS_KNOWN = 1 << 31;
const FLAG_LICENSOR = 1 << 30;
/** A license that may ask something of a merge's other parents (share-alike, non-commercial). */
const FLAG_DEMANDS = 1 << 29;
const PREFIX_BITS = (1 << 29) - 1;

/**
 * Whether `name` can fold to tokens starting with `head` (a folded token): folding only lower-cases
 * and splits, so the name, past leading punctuation, must start with the head's letters. A name
 * with non-ASCII characters is left to the full folding.
 */
function mayStartWith(name: string, head: string): boolean {
  let k = 0;
  while (k < name.length) {
    const c = name.charCodeAt(k);
    if (c > 127) return true;
    const l = c | 32;
    if ((l >= 97 && l <= 122) || (c >= 48 && c <= 57) || c === 43) break;
    k++;
  }
  for (let j = 0; j < head.length; j++) {
    const c = name.charCodeAt(k + j);
    if (c > 127) return true;
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== head.charCodeAt(j)) return false;
  }
  return true;
}
const PROGRESS_STEP = 1 << 16;
/** Most summary keys `evaluate` makes room for before it starts (see SummaryTable.reserve). */
const RESERVED_KEYS = 1 << 26;

/** One model as `judge` reads it. */
export interface JudgeInput {
  own: number;
  inherited: number;
  bases: { relation: Relation; shape: number }[];
  /** The model's name, or how to get it (read only when a naming duty is in play). */
  name: string | (() => string);
  owner: string | null;
  /** The owner's licensor group when the caller has it already (`licensorGroup`). */
  group?: number;
  /** The inherited summary was made while this model's bases were read: no judgment can be memoised for it yet. */
  fresh?: boolean;
  datasets: Subject["datasets"];
  /** Judge under the user's options (the target of a check) rather than as published. */
  user?: boolean;
}

/** One engine per knowledge base and option set; its tables are shared by every graph it judges. */
const KIND_ORDER: Record<Inherited["type"], number> = {
  license: 0,
  problem: 1,
  "weights-unavailable": 2,
  special: 3,
};
const REACH_ORDER: Record<string, number> = { derivative: 0, outputs: 1, part: 2 };
const POS_ORDER: Record<string, number> = { direct: 0, up: 1, own: 2 };

function textOf(e: Inherited): string {
  return e.type === "license"
    ? e.id
    : e.type === "problem"
      ? `${e.id} ${e.code}`
      : e.type === "special"
        ? e.kind
        : "";
}

/**
 * A key's place in the order rules see a summary's keys in, which does not depend on the order
 * keys were first met: kind, license id, nearest position first, reach, then here.
 */
function orderOf(e: Inherited, key: Key): string {
  const rest =
    key.type === "license" ? `${POS_ORDER[key.pos]}${REACH_ORDER[key.reach]}${key.here ? 1 : 0}` : "";
  return `${KIND_ORDER[e.type]}\u0000${textOf(e)}\u0000${rest}`;
}

const NO_OBLIGATIONS: RuleObligation[] = [];
/** Group masks: one bit per (reach, position, here) of a license key. */
const GROUP_MASKS = 1 << 18;
/** Option sets one engine tells apart in its fragment keys (it uses two: as published, and the user's). */
const OPTION_SETS = 64;
/** Rules one engine can run (a scratch array per judgment is sized by it). */
const RULES_MAX = 64;

/** What rules say about one group (or the whole subject), in rule order, each with its rule index and dedup key. */
interface Fragment {
  findings: RuleFinding[];
  findingRules: number[];
  findingKeys: number[];
  /** Each finding's number (`findingNumber`), filled when the fragment is added. */
  findingNums: number[];
  obligations: RuleObligation[];
  obligationRules: number[];
  obligationKeys: number[];
  skipped: { license: string; duties: string[] }[];
  /** The summary of the problems its violations pass on (-1: not computed yet). */
  problems: number;
}

function emptyFragment(): Fragment {
  return {
    findings: [],
    findingRules: [],
    findingKeys: [],
    findingNums: [],
    obligations: [],
    obligationRules: [],
    obligationKeys: [],
    skipped: [],
    problems: -1,
  };
}

/** A fragment's severities as bits: what a judgment's verdict needs, without composing it. */
const SEV_VIOLATION = 1;
const SEV_UNKNOWN = 2;
const SEV_OBLIGATION = 4;

function severities(f: Fragment): number {
  let bits = f.obligations.length ? SEV_OBLIGATION : 0;
  for (const x of f.findings)
    if (x.severity === "violation") bits |= SEV_VIOLATION;
    else if (x.severity === "unknown") bits |= SEV_UNKNOWN;
  return bits;
}

function verdictOfBits(bits: number): Verdict {
  return bits & SEV_VIOLATION
    ? "violation"
    : bits & SEV_UNKNOWN
      ? "unknown"
      : bits & SEV_OBLIGATION
        ? "conditional"
        : "ok";
}

const VERDICTS: Verdict[] = ["ok", "conditional", "unknown", "violation"];
const V_VIOLATION = VERDICTS.indexOf("violation");
/** A judgment's note that its own license is too complex to judge (makes the verdict unknown). */
const J_TOO_COMPLEX = 1;
/** A judgment of one alternative of several (it says which, as an informational finding). */
const J_CHOICE = 2;
/** Judgments composed into objects kept at once (`judgment`): an audit composes few of its own. */
const COMPOSED = 16_384;

/** A relation code and a number below 2^26 as one 31-bit number. */
function pairCode(rel: number, x: number): number {
  if (x >= 1 << 26 || rel >= 1 << 4) throw new Error(`a merge key part out of range (${rel}, ${x})`);
  return rel * (1 << 26) + x;
}

/** Decoded summaries kept at once. */
const DECODED_SHAPES = 16_384;

export class PolicyEngine {
  readonly licenses: LicenseTable;
  readonly summaries = new SummaryTable();
  readonly own: OwnLicenses;
  // A judgment is the list of fragments it is composed of (the whole subject's first), with its
  // verdict, option set, chosen alternative and notes; its findings are composed only when asked
  // for. Kept as objects, a million judgments of ten findings each were most of an audit's heap.
  private judgmentCount = 0;
  private jVerdict = new Uint8Array(1 << 12);
  private jOpt = new Uint8Array(1 << 12);
  private jChoice = new Int32Array(1 << 12);
  private jOwn = new Int32Array(1 << 12);
  private jNotes = new Uint8Array(1 << 12);
  private jStart = new Int32Array(1 << 12);
  // fragment ids in 16 bits while there are few enough (an audit makes thousands of fragments and
  // millions of judgments of a dozen or more parts each); widened once when the fragments outgrow it
  private jParts: Uint16Array | Int32Array = new Uint16Array(1 << 14);
  private readonly composed = new Map<number, Judgment>();
  /** Every fragment, by id: what `fragments` and `wholeIds` hold. */
  private readonly frags: Fragment[] = [];
  private readonly fragSev: number[] = [];
  /** Judgments of merges whose bases could clash: by inherited summary and `mergeSituations` number. */
  private readonly mergeJudgments = new IntPairMap(1 << 10);
  /** (situation, bases) pairs of merges whose bases could clash, as small numbers. */
  private readonly mergeSituations = new IntPairMap(1 << 10);
  /** Judgments without datasets or clashing bases, by inherited summary and situation (`situation`). */
  private readonly flatJudgments = new IntPairMap(1 << 12);
  /**
   * The first flat judgment of each summary, by summary id: 1 + its situation, and the judgment.
   * Most summaries meet one situation, and an indexed slot of a recent summary is in cache where a
   * probe of the table of a million judgments is a miss to memory; the others go to the table.
   */
  private firstSituation = new Int32Array(1 << 12);
  private firstJudgment = new Int32Array(1 << 12);

  private flatJudgment(inherited: number, situation: number): number {
    if (inherited >= this.firstSituation.length) return -1;
    const first = this.firstSituation[inherited]!;
    if (first === situation + 1) return this.firstJudgment[inherited]!;
    return first === 0 ? -1 : this.flatJudgments.get(inherited, situation);
  }

  private setFlatJudgment(inherited: number, situation: number, id: number): void {
    this.firstSituation = grown(this.firstSituation, inherited + 1);
    this.firstJudgment = grown(this.firstJudgment, inherited + 1);
    if (this.firstSituation[inherited] === 0) {
      this.firstSituation[inherited] = situation + 1;
      this.firstJudgment[inherited] = id;
    } else this.flatJudgments.set(inherited, situation, id);
  }
  /** Situations (own license with naming bits, licensor group and options) as small numbers. */
  private readonly plainSituation: number[] = [];
  private readonly situations = new Map<number, Map<number, number>>();
  private situationCount = 0;
  private readonly problemShapes: number[] = [];
  private readonly prefixes: string[] = [];
  /** Each prefix's first folded token, for a cheap test before folding a name. */
  private readonly prefixHeads: string[];
  private readonly prefixTokens: string[][];
  private readonly licensorGroups = new Map<string, number>();
  /**
   * Length and first letter (folded) of each Hub org that is some license's licensor: an owner
   * whose length and first letter match none of them is in no group, told without a map lookup (millions of owners, nearly
   * all of them users).
   */
  private readonly orgHeads: Set<number>;
  private readonly groupLicenses: Set<string>[] = [new Set()];
  private readonly optionSets: (Required<Pick<CheckOptions, "mode">> & CheckOptions)[] = [];
  private readonly optionIds = new Map<string, number>();

  /**
   * `options` are the user's (intended use, mode, user count) for the models `evaluate` is asked
   * to judge under them; every other model is judged as published, in distribute mode.
   */
  constructor(
    readonly kb: KnowledgeBase,
    private readonly userOptions: CheckOptions = {},
    private readonly rules: readonly Rule[] = RULES,
    /**
     * Whether judgments keep their obligations. An audit reports verdicts and findings only, and
     * without obligations its memory grows with the distinct findings, not the distinct situations.
     */
    private readonly keepObligations = true,
  ) {
    this.licenses = new LicenseTable(kb);
    this.own = new OwnLicenses(this.licenses);
    this.orgHeads = new Set(
      kb.licenses.flatMap(
        (l) => l.licensor?.hub_orgs.map((h) => h.length * 128 + (h.toLowerCase().charCodeAt(0) | 0x20)) ?? [],
      ),
    );
    this.optionsId({});
    for (const l of kb.licenses)
      if (l.flow_down.naming?.prefix && !this.prefixes.includes(l.flow_down.naming.prefix))
        this.prefixes.push(l.flow_down.naming.prefix);
    if (this.prefixes.length > NAMING_CAP)
      throw new Error(`${this.prefixes.length} naming prefixes: a mask holds ${NAMING_CAP}`);
    this.prefixTokens = this.prefixes.map((p) => nameTokens(p));
    this.prefixHeads = this.prefixTokens.map((t) => t[0] ?? "");
    if (rules.length > RULES_MAX)
      throw new Error(`${rules.length} rules: an engine runs at most ${RULES_MAX}`);
    this.modelRules = rules.flatMap((r, i) => (r.scope === "model" ? [i] : []));
    this.factRules = this.modelRules.filter((i) => rules[i]!.inheritedFacts);
    if (this.factRules.length > FACT_SLOTS)
      throw new Error(`${this.factRules.length} rules with inherited facts: a fragment holds ${FACT_SLOTS}`);
  }

  /** The whole-subject rules that read inherited keys through facts (each a 4-bit slot). */
  private readonly factRules: number[];
  /** Per fragment: the facts of its keys, slot by slot (0 for whole-subject fragments). */
  private readonly fragFacts: number[] = [];
  /** Whole-subject fragments by own alternative, options and inherited facts, when nothing else is read. */
  private readonly wholeByFacts = new IntPairMap(1 << 8);

  /** Indices of the rules that read the whole subject. */
  private readonly modelRules: number[];

  /** The id of an option set (0: as published, distribute mode, no intended use). */
  private optionsId(o: CheckOptions): number {
    const full = { ...o, mode: o.mode ?? "distribute" };
    const key = JSON.stringify([full.mode, [...(o.use ?? [])].sort(), Boolean(o.commercial), o.mau ?? null]);
    let id = this.optionIds.get(key);
    if (id === undefined) {
      id = this.optionSets.length;
      this.optionSets.push(full);
      this.optionIds.set(key, id);
    }
    return id;
  }

  /** A judgment with its findings (and, unless an audit's, obligations) composed. */
  judgment(id: number): Judgment {
    let j = this.composed.get(id);
    if (j) return j;
    const parts: Fragment[] = [];
    for (let p = this.jStart[id]!, end = this.jStart[id + 1]!; p < end; p++)
      parts.push(this.frags[this.jParts[p]!]!);
    const options = this.optionSets[this.jOpt[id]!]!;
    j = this.compose(options, parts, this.jChoice[id]!, !this.keepObligations);
    const own = this.own.list[this.jOwn[id]!]!;
    const notes = this.jNotes[id]!;
    if (notes & J_TOO_COMPLEX)
      j.findings.unshift({
        severity: "unknown",
        code: "license-expression-too-complex",
        message: `The license expression of {self} has too many alternatives to judge.`,
        ref: -1,
      });
    if (notes & J_CHOICE)
      j.findings.push({
        severity: "info",
        code: "license-choice",
        message: `The license of {self} is a choice (${own.expr}); it was judged under the most favourable alternative, ${own.alternatives[j.choice]!.map((c) => this.licenses.ids[c]).join(" AND ")}.`,
        ref: -1,
      });
    j.verdict = verdictOf(j.findings, j.obligations);
    if (!this.keepObligations) j.obligations = NO_OBLIGATIONS;
    if (this.composed.size >= COMPOSED) this.composed.clear();
    this.composed.set(id, j);
    return j;
  }

  /** A judgment's verdict, without composing it. */
  verdictAt(id: number): Verdict {
    return VERDICTS[this.jVerdict[id]!]!;
  }

  /**
   * Calls `visit` with each finding of a judgment except the informational ones, in no particular
   * order, without composing the judgment: the first of each dedup key in rule order, as
   * `judgment(id).findings` holds it.
   */
  visitFindings(id: number, visit: (f: RuleFinding) => void): void {
    const n = this.firstFindings(id);
    if (n < 0) {
      for (const f of this.judgment(id).findings) if (f.severity !== "info") visit(f);
      return;
    }
    for (let q = 0; q < n; q++) {
      const f = this.findingList[this.visitNum[this.visitSeen[q]!]!]!;
      if (f.severity !== "info") visit(f);
    }
  }

  /**
   * The findings of judgments `0 .. weights.length - 1` (as `visitFindings` visits them), each
   * counted `weights[j]` times per judgment j that holds it. An audit counts millions of
   * (judgment, finding) pairs: a slot per shared finding, not a map lookup per pair.
   */
  countFindings(weights: Uint32Array): Map<RuleFinding, number> {
    const counts = new Float64Array(this.findingList.length);
    const out = new Map<RuleFinding, number>();
    for (let j = 0; j < weights.length; j++) {
      const w = weights[j]!;
      if (!w) continue;
      const n = this.firstFindings(j);
      if (n < 0) {
        for (const f of this.judgment(j).findings)
          if (f.severity !== "info") out.set(f, (out.get(f) ?? 0) + w);
        continue;
      }
      for (let q = 0; q < n; q++) counts[this.visitNum[this.visitSeen[q]!]!]! += w;
    }
    counts.forEach((c, n) => {
      const f = this.findingList[n]!;
      if (c && f.severity !== "info") out.set(f, (out.get(f) ?? 0) + c);
    });
    return out;
  }

  /**
   * Without composing judgment `id`: the first finding of each dedup key in rule order, as
   * `judgment(id).findings` holds it. Leaves the keys in visitSeen and each key's finding number
   * in visitNum, and returns how many keys; -1 when only composing tells (notes, or an expression
   * too complex). Reads the fragments' findings from flat arrays (`fStart` ...): this runs over
   * every part of a million judgments, and objects and their lists there were most of its time.
   */
  private firstFindings(id: number): number {
    const from = this.jStart[id]!;
    const end = this.jStart[id + 1]!;
    const parts = this.jParts;
    if (this.jNotes[id]! & J_TOO_COMPLEX) return -1;
    for (let p = from; p < end; p++) if (this.fSkipped[parts[p]!]) return -1;
    const keys = this.keyIds.size;
    if (this.visitStamp.length < keys) {
      this.visitStamp = grown(this.visitStamp, keys);
      this.visitRule = grown(this.visitRule, keys);
      this.visitNum = grown(this.visitNum, keys);
      this.visitSeen = grown(this.visitSeen, keys);
    }
    const stamp = ++this.visitNow;
    const { visitStamp, visitRule, visitNum, visitSeen, fStart, fKey, fRule, fNum } = this;
    let n = 0;
    for (let p = from; p < end; p++) {
      const f = parts[p]!;
      for (let x = fStart[f]!, e = fStart[f + 1]!; x < e; x++) {
        const k = fKey[x]!;
        if (visitStamp[k] !== stamp) {
          visitStamp[k] = stamp;
          visitRule[k] = fRule[x]!;
          visitNum[k] = fNum[x]!;
          visitSeen[n++] = k;
        } else if (fRule[x]! < visitRule[k]!) {
          // an earlier rule's finding comes first in the composed list; within a rule, the earlier part's
          visitRule[k] = fRule[x]!;
          visitNum[k] = fNum[x]!;
        }
      }
    }
    return n;
  }

  /** Scratch for `firstFindings`, by finding key. */
  private visitStamp = new Int32Array(256);
  private visitRule = new Int32Array(256);
  private visitNum = new Int32Array(256);
  private visitSeen = new Int32Array(256);
  private visitNow = 0;
  /**
   * Every fragment's findings, fragment by fragment: fragment f's are fStart[f] .. fStart[f + 1]
   * of fKey (dedup key), fRule (rule) and fNum (`findingNumber`). fSkipped: whether it has duties
   * it did not trigger (then only composing tells the findings).
   */
  private fStart = new Int32Array(1 << 10);
  private fKey = new Int32Array(1 << 12);
  private fRule = new Int32Array(1 << 12);
  private fNum = new Int32Array(1 << 12);
  private fSkipped = new Uint8Array(1 << 10);

  /** The licenses a Hub owner is the licensor of, as a small group number (0: none). */
  licensorGroup(owner: string | null): number {
    if (!owner) return 0;
    const c = owner.charCodeAt(0);
    if (c < 128 && !this.orgHeads.has(owner.length * 128 + (c | 0x20))) return 0;
    const exact = this.licensorGroups.get(owner);
    if (exact !== undefined) return exact;
    const o = owner.toLowerCase();
    let g = this.licensorGroups.get(o);
    if (g === undefined) {
      const ids = this.kb.licenses
        .filter((l) => l.licensor?.hub_orgs.some((h) => h.toLowerCase() === o))
        .map((l) => l.id)
        .sort();
      g = ids.length ? this.groupLicenses.findIndex((s) => [...s].sort().join() === ids.join()) : 0;
      if (g < 0) {
        g = this.groupLicenses.length;
        this.groupLicenses.push(new Set(ids));
      }
      this.licensorGroups.set(o, g);
    }
    this.licensorGroups.set(owner, g);
    return g;
  }

  /**
   * Per summary: bit 31 set once computed, bit 30 when it holds a license some Hub org is the
   * licensor of (else the owner cannot matter), bit 29 when it holds one a merge conflict could
   * come from, bits 0..28 the naming prefixes its licenses impose. One small number per summary: a map per summary was much of an audit's memory.
   */
  private shapeFlags = new Int32Array(1 << 12);
  /** Per key: the same bits for the key alone. */
  private readonly keyFlags: number[] = [];

  private flagsOf(shape: number): number {
    this.shapeFlags = grown(this.shapeFlags, shape + 1, 2);
    // 0: not computed yet (a computed value has FLAGS_KNOWN set)
    let f = this.shapeFlags[shape]!;
    if (f === 0) {
      f = FLAGS_KNOWN;
      const S = this.summaries;
      for (let i = S.from(shape), end = S.to(shape); i < end; i++) {
        const k = S.keyAt(i);
        let kf = this.keyFlags[k];
        if (kf === undefined) {
          kf = 0;
          const key = this.summaries.keys[k]!;
          if (key.type === "license") {
            const lic = this.licenses.entries[key.lic];
            if (lic?.licensor?.hub_orgs.length) kf |= FLAG_LICENSOR;
            if (
              lic &&
              (lic.flow_down.same_license ||
                lic.flow_down.non_commercial ||
                lic.terms.commercial.value === "forbidden")
            )
              kf |= FLAG_DEMANDS;
            const prefix = lic?.flow_down.naming?.prefix;
            if (prefix) kf |= 1 << this.prefixes.indexOf(prefix);
          }
          this.keyFlags[k] = kf;
        }
        f |= kf;
      }
      this.shapeFlags[shape] = f;
    }
    return f;
  }

  private hasLicensorLicense(shape: number): boolean {
    return (this.flagsOf(shape) & FLAG_LICENSOR) !== 0;
  }

  /** Bit k: the name meets prefix k, for the prefixes the summary imposes. */
  nameBits(shape: number, name: string | (() => string)): number {
    const ks = this.flagsOf(shape) & PREFIX_BITS;
    if (!ks) return 0;
    const n = typeof name === "string" ? name : name();
    let bits = 0;
    // startsWithName, with the name's tokens made once and the prefixes' once per engine
    let tokens: string[] | undefined;
    for (let k = 0; k < this.prefixes.length; k++) {
      if (!(ks & (1 << k)) || !mayStartWith(n, this.prefixHeads[k]!)) continue;
      tokens ??= nameTokens(n);
      const p = this.prefixTokens[k]!;
      let meets = p.length > 0;
      for (let t = 0; meets && t < p.length; t++) meets = tokens[t] === p[t];
      if (meets) bits |= 1 << k;
    }
    return bits;
  }

  /**
   * A summary's keys for rules, in an order that does not depend on the order keys were first
   * met (a rule reports a license once, at the first key it finds, and the path shown leads to
   * that key's origin): by kind, license id, nearest position first, reach, then here.
   */
  decode(shape: number): Inherited[] {
    const hit = this.decodedShapes.get(shape);
    if (hit) return hit;
    const out = this.decodeKeys(this.summaries.keysOf(shape));
    // a bounded cache: merges decode every base's summary, but one entry per summary of a
    // million-row audit was a third of its memory
    if (this.decodedShapes.size >= DECODED_SHAPES) this.decodedShapes.clear();
    this.decodedShapes.set(shape, out);
    return out;
  }

  /**
   * A base's license keys with share-alike or non-commercial terms, decoded: all of its summary a
   * merge conflict can come from (`Subject.bases`). Decoding the whole summary of every base of
   * every merge was a tenth of a large audit's evaluation.
   */
  private demandingOf(shape: number): Inherited[] {
    this.flagsOf(shape);
    const keys = this.demandingScratch;
    keys.length = 0;
    const S = this.summaries;
    for (let i = S.from(shape), end = S.to(shape); i < end; i++) {
      const k = S.keyAt(i);
      if (this.keyFlags[k]! & FLAG_DEMANDS) keys.push(k);
    }
    return this.decodeKeys(keys);
  }

  private readonly demandingScratch: number[] = [];

  /** Keys decoded, in the fixed order rules see them in. */
  private decodeKeys(keys: Iterable<number>): Inherited[] {
    const out = Array.from(keys, (k) => this.decodeKey(k));
    if (out.length > 1)
      out.sort((a, b) => {
        const x = this.keyOrder[a.ref]!;
        const y = this.keyOrder[b.ref]!;
        return x < y ? -1 : x > y ? 1 : 0;
      });
    return out;
  }

  private readonly decodedShapes = new Map<number, Inherited[]>();
  /** Per key: its decoded form (shared; rules never change it) and its place in the fixed order. */
  private readonly decodedKeys: Inherited[] = [];
  private readonly keyOrder: string[] = [];

  private decodeKey(k: number): Inherited {
    let e = this.decodedKeys[k];
    if (e) return e;
    const key = this.summaries.keys[k]!;
    switch (key.type) {
      case "license": {
        const lic = this.licenses.entries[key.lic];
        e = {
          type: "license",
          id: this.licenses.ids[key.lic]!,
          ...(lic ? { lic } : {}),
          reach: key.reach,
          direct: key.pos === "direct",
          here: key.here,
          ref: k,
        };
        break;
      }
      case "special":
        e = { type: "special", kind: key.kind, ref: k };
        break;
      case "weights-unavailable":
        e = { type: "weights-unavailable", ref: k };
        break;
      case "problem":
        e = { type: "problem", code: key.code, id: this.licenses.ids[key.lic]!, ref: k };
        break;
    }
    this.decodedKeys[k] = e;
    this.keyOrder[k] = orderOf(e, key);
    return e;
  }

  /**
   * Judges one model. Cached by everything a rule may read: the own license, the inherited
   * summary, each base's summary when there are several (merge conflicts), the name against the
   * naming prefixes in play, the licensor group; datasets make a judgment uncachable.
   */
  judge(input: JudgeInput): number {
    const opt = input.user ? this.optionsId(this.userOptions) : 0;
    const options = this.optionSets[opt]!;
    const bits = this.nameBits(input.inherited, input.name);
    const group =
      input.group ?? (this.hasLicensorLicense(input.inherited) ? this.licensorGroup(input.owner) : 0);
    // the bases matter only to the merge-conflict rule, and only when two of them could clash
    let demanding = 0;
    if (input.bases.length > 1)
      for (const b of input.bases) if (this.flagsOf(b.shape) & FLAG_DEMANDS) demanding++;
    const clashing = demanding > 1;
    // cache: numbers, not strings
    let mergeAt = -1;
    const k2 = (bits >>> 0) * 4096 + group * 16 + opt;
    // without datasets or bases that could clash, one flat map by (summary, situation): a nested
    // map per distinct summary was most of an audit's memory, and a string key per model most of
    // the time of those with a naming duty or a licensor
    const flat = !input.datasets.length && !clashing;
    const situation = flat ? this.situation(input.own, k2) : -1;
    if (flat) {
      const hit = input.fresh ? -1 : this.flatJudgment(input.inherited, situation);
      if (hit >= 0) return hit;
    } else if (!input.datasets.length) {
      // by the inherited summary, and the situation with the bases (in any order) as one number
      const sit = this.situation(input.own, k2);
      const bases = this.basesId(input.bases);
      mergeAt = this.mergeSituations.get(sit, bases);
      if (mergeAt < 0) this.mergeSituations.set(sit, bases, (mergeAt = this.mergeSituations.size));
      else if (!input.fresh) {
        const hit = this.mergeJudgments.get(input.inherited, mergeAt);
        if (hit >= 0) return hit;
      }
    }
    const licensorOf = this.groupLicenses[group]!;
    const own = this.own.list[input.own]!;
    const groupCount = this.groupsOf(input.inherited);
    const several = own.alternatives.length > 1;
    // a merge's whole-subject fragment: besides the above, only the merge-conflict rule reads the
    // bases, and only their demanding licenses and how each is reached
    const demands = !input.datasets.length && clashing ? this.demandsId(group, input.bases) : -1;
    let best = this.bestIds;
    let ids = this.altIds;
    let bestRank = 0;
    let bestCount = 0;
    let bestBits = 0;
    let bestChoice = -1;
    // the lists' lengths apart from the arrays': shortening an array drops its storage
    const len = 1 + groupCount;
    for (let choice = 0; choice < own.alternatives.length; choice++) {
      const altId = this.altId(input.own, choice);
      // rules never change a subject's own refs: one list per alternative serves every model
      const ownRefs = (this.ownRefs[altId] ??= this.refsOf(own.alternatives[choice]!));
      let bits2 = 0;
      let facts = 0;
      for (let q = 0; q < groupCount; q++) {
        const g = this.gIdx[q]!;
        const f = this.fragment(
          input.inherited,
          this.gKey[g]!,
          this.gLic[g]!,
          this.gOnly[g]!,
          altId,
          opt,
          ownRefs,
          options,
          bits,
          licensorOf,
        );
        ids[q + 1] = f;
        bits2 |= this.fragSev[f]!;
        facts |= this.fragFacts[f]!;
      }
      // without datasets or bases to tell apart, the whole-subject rules read nothing but the own
      // license, the options and the inherited facts; a merge's, those and its bases' demands
      const ctx = altId * OPTION_SETS + opt;
      let table: IntPairMap | undefined;
      let x = ctx;
      let y = facts;
      if (flat) table = this.wholeByFacts;
      else if (demands >= 0) {
        x = this.mergeContexts.get(ctx, facts);
        if (x < 0) this.mergeContexts.set(ctx, facts, (x = this.mergeContexts.size));
        y = demands;
        table = this.wholeByMerge;
      }
      let w = table ? table.get(x, y) : -1;
      if (w < 0) {
        w = this.wholeFragment(this.wholeSubject(input, ownRefs, options, bits, clashing, licensorOf));
        table?.set(x, y, w);
      }
      ids[0] = w;
      bits2 |= this.fragSev[ids[0]]!;
      const rank = RANK[verdictOfBits(bits2)];
      // between alternatives, the most favourable verdict, then the fewest findings and duties
      const count = several ? this.composedCount(ids, len) : 0;
      if (bestChoice < 0 || rank < bestRank || (rank === bestRank && count < bestCount)) {
        // the two scratch lists trade places: the best so far is kept, the other is refilled
        const t = best;
        best = ids;
        ids = t;
        bestRank = rank;
        bestCount = count;
        bestBits = bits2;
        bestChoice = choice;
      }
    }
    this.bestIds = best;
    this.altIds = ids;
    const id = this.judgmentCount++;
    if (own.tooComplex) bestBits |= SEV_UNKNOWN;
    const need = id + 2;
    if (need > this.jVerdict.length) {
      this.jVerdict = grown(this.jVerdict, need);
      this.jOpt = grown(this.jOpt, need);
      this.jChoice = grown(this.jChoice, need);
      this.jOwn = grown(this.jOwn, need);
      this.jNotes = grown(this.jNotes, need);
      this.jStart = grown(this.jStart, need);
    }
    this.jVerdict[id] = VERDICTS.indexOf(verdictOfBits(bestBits));
    this.jOpt[id] = opt;
    this.jChoice[id] = bestChoice;
    this.jOwn[id] = input.own;
    this.jNotes[id] = (own.tooComplex ? J_TOO_COMPLEX : 0) | (several ? J_CHOICE : 0);
    const at = this.jStart[id]!;
    this.jParts = grown(this.jParts, at + len);
    for (let p = 0; p < len; p++) this.jParts[at + p] = best[p]!;
    this.jStart[id + 1] = at + len;
    if (flat) this.setFlatJudgment(input.inherited, situation, id);
    else if (mergeAt >= 0) this.mergeJudgments.set(input.inherited, mergeAt, id);
    return id;
  }

  /** License codes as the refs a subject's own licenses are (a closure in `judge` would make it allocate a context per call). */
  private refsOf(codes: readonly number[]): LicenseRef[] {
    return codes.map((c) => ({
      id: this.licenses.ids[c]!,
      ...(this.licenses.entries[c] ? { lic: this.licenses.entries[c] } : {}),
    }));
  }

  /**
   * The subject as a whole, for the whole-subject rules: made only when their fragment is new (a
   * closure made in every `judge` call was most of an audit's garbage), decoded only if a rule asks.
   */
  private wholeSubject(
    input: JudgeInput,
    ownRefs: LicenseRef[],
    options: Subject["options"],
    bits: number,
    clashing: boolean,
    licensorOf: Set<string>,
  ): Subject {
    let inherited: Inherited[] | undefined;
    let bases: Subject["bases"] | undefined;
    const decode = (shape: number) => this.decode(shape);
    const demanding = (shape: number) => this.demandingOf(shape);
    return {
      kb: this.kb,
      options,
      own: ownRefs,
      get inherited() {
        return (inherited ??= decode(input.inherited));
      },
      get bases() {
        return (bases ??= clashing
          ? input.bases.map((b) => ({ relation: b.relation, inherited: demanding(b.shape) }))
          : []);
      },
      datasets: input.datasets,
      nameMeets: (prefix: string) => {
        const k = this.prefixes.indexOf(prefix);
        return k >= 0
          ? (bits & (1 << k)) !== 0
          : startsWithName(typeof input.name === "string" ? input.name : input.name(), prefix);
      },
      isLicensor: (lic: License) => licensorOf.has(lic.id),
    };
  }

  /** Whole-subject fragments of merges, by `mergeContexts` number (own alternative, options, facts) and `demandsId`. */
  private readonly wholeByMerge = new IntPairMap(1 << 10);
  /** (own alternative and options, inherited facts) pairs of those fragments, as small numbers. */
  private readonly mergeContexts = new IntPairMap(1 << 8);
  /** Lists of numbers as numbers: a merge's bases, each base's demanding licenses. */
  private readonly lists = new IntLists();
  private listScratch = new Int32Array(16);
  private readonly relationCodes = new Map<Relation, number>();

  /** A relation as a small number (for the lists above). */
  private relationCode(r: Relation): number {
    let c = this.relationCodes.get(r);
    if (c === undefined) this.relationCodes.set(r, (c = this.relationCodes.size));
    return c;
  }

  /** Room for `n` items in the list scratch, keeping what it holds. */
  private scratchFor(n: number): Int32Array {
    return (this.listScratch = grown(this.listScratch, n, 2));
  }

  /** The bases as a number: their (relation, summary) pairs, sorted (the same bases in any order are one). */
  private basesId(bases: readonly { relation: Relation; shape: number }[]): number {
    const n = bases.length;
    const items = this.scratchFor(n);
    for (let i = 0; i < n; i++) items[i] = pairCode(this.relationCode(bases[i]!.relation), bases[i]!.shape);
    items.subarray(0, n).sort();
    return this.lists.of(items, n);
  }

  /** Per key: lic * 2 + (1 when reached through outputs) for a demanding license key, else -1. */
  private readonly keyDemand: number[] = [];

  /**
   * The bases as the merge-conflict rule reads them, as a number, with the licensor group: per
   * base in order, its relation and the licenses with demanding terms it holds, with whether they
   * reach it as a derivative or through outputs (their position upstream does not matter to it).
   * Equal numbers, equal findings.
   */
  private demandsId(group: number, bases: readonly { relation: Relation; shape: number }[]): number {
    const S = this.summaries;
    const seq: number[] = [group];
    for (const b of bases) {
      let n = 0;
      for (let i = S.from(b.shape), end = S.to(b.shape); i < end; i++) {
        const k = S.keyAt(i);
        let d = this.keyDemand[k];
        // keyFlags is filled: judge asked every base's flags before it looked at the bases
        if (d === undefined) {
          const key = S.keys[k]!;
          d =
            key.type === "license" && this.keyFlags[k]! & FLAG_DEMANDS && key.reach !== "part"
              ? key.lic * 2 + (key.reach === "outputs" ? 1 : 0)
              : -1;
          this.keyDemand[k] = d;
        }
        if (d < 0) continue;
        const items = this.scratchFor(n + 1);
        let seen = false;
        for (let x = 0; x < n && !seen; x++) seen = items[x] === d;
        if (!seen) items[n++] = d;
      }
      const items = this.listScratch;
      items.subarray(0, n).sort();
      seq.push(pairCode(this.relationCode(b.relation), this.lists.of(items, n)));
    }
    return this.lists.of(seq, seq.length);
  }

  /** A number for an own license with the rest of what a judgment depends on (`k2`). */
  private situation(own: number, k2: number): number {
    if (k2 === 0) {
      const s = this.plainSituation[own];
      if (s !== undefined) return s;
      return (this.plainSituation[own] = this.situationCount++);
    }
    let byOwn = this.situations.get(k2);
    if (!byOwn) this.situations.set(k2, (byOwn = new Map()));
    let s = byOwn.get(own);
    if (s === undefined) byOwn.set(own, (s = this.situationCount++));
    return s;
  }

  /** Scratch for `judge`: the fragments of the best alternative so far, and of the one being judged. */
  private bestIds: number[] = [0];
  private altIds: number[] = [0];

  /**
   * How many findings and duties a judgment composed of these fragments holds (before its notes):
   * each dedup key once, and one note per license with duties not triggered.
   */
  private composedCount(ids: number[], len: number): number {
    const stamp = ++this.stampNow;
    let n = 0;
    const skipped = new Set<string>();
    for (let p = 0; p < len; p++) {
      const f = this.frags[ids[p]!]!;
      for (const k of f.findingKeys)
        if (this.stamps[k] !== stamp) {
          this.stamps[k] = stamp;
          n++;
        }
      for (const { license } of f.skipped) skipped.add(license);
    }
    // obligation keys are numbered apart from finding keys only by their text: a second stamp
    const stamp2 = ++this.stampNow;
    for (let p = 0; p < len; p++)
      for (const k of this.frags[ids[p]!]!.obligationKeys)
        if (this.stamps[k] !== stamp2) {
          this.stamps[k] = stamp2;
          n++;
        }
    return n + skipped.size;
  }

  /** Whole-subject fragments an audit shares, by what they hold. */
  private readonly wholeIds = new Map<string, number>();
  /** Per shared finding object, a number, for telling whole-subject fragments apart. */
  private readonly findingNumbers = new Map<RuleFinding, number>();

  /**
   * The whole-subject rules run on a subject, as a fragment. An audit's findings are shared
   * objects, so fragments with the same findings in the same rules are one (most models say the
   * same few things about themselves); with obligations kept, each judgment has its own.
   */
  private wholeFragment(s: Subject): number {
    const f = emptyFragment();
    let at = 0;
    const out = this.collector(f, s.options.mode, () => at);
    for (const r of this.modelRules) {
      at = r;
      this.rules[r]!.judge(s, out);
    }
    if (this.keepObligations) return this.addFragment(f);
    let sig = f.obligations.length ? "o" : "";
    for (let i = 0; i < f.findings.length; i++)
      sig += `${f.findingRules[i]}.${this.findingNumber(f.findings[i]!)},`;
    if (f.skipped.length) sig += JSON.stringify(f.skipped);
    let id = this.wholeIds.get(sig);
    if (id === undefined) this.wholeIds.set(sig, (id = this.addFragment(f)));
    return id;
  }

  /** A number per finding object (shared ones in an audit), numbered as they are met. */
  private findingNumber(x: RuleFinding): number {
    let n = this.findingNumbers.get(x);
    if (n === undefined) {
      this.findingNumbers.set(x, (n = this.findingList.length));
      this.findingList.push(x);
    }
    return n;
  }

  private readonly findingList: RuleFinding[] = [];

  private addFragment(f: Fragment, facts = 0): number {
    const id = this.frags.length;
    for (let i = f.findingNums.length; i < f.findings.length; i++)
      f.findingNums.push(this.findingNumber(f.findings[i]!));
    this.fStart = grown(this.fStart, id + 2);
    this.fSkipped = grown(this.fSkipped, id + 1);
    const at = this.fStart[id]!;
    const end = at + f.findings.length;
    this.fKey = grown(this.fKey, end);
    this.fRule = grown(this.fRule, end);
    this.fNum = grown(this.fNum, end);
    for (let i = 0; i < f.findings.length; i++) {
      this.fKey[at + i] = f.findingKeys[i]!;
      this.fRule[at + i] = f.findingRules[i]!;
      this.fNum[at + i] = f.findingNums[i]!;
    }
    this.fStart[id + 1] = end;
    this.fSkipped[id] = f.skipped.length ? 1 : 0;
    if (id > 0xffff && this.jParts instanceof Uint16Array) this.jParts = Int32Array.from(this.jParts);
    this.frags.push(f);
    this.fragSev.push(severities(f));
    this.fragFacts.push(facts);
    return id;
  }

  private readonly altBase = new Map<number, number>();
  private readonly ownRefs: LicenseRef[][] = [];
  private altCount = 0;

  /** A number for one alternative of an own license. */
  private altId(own: number, choice: number): number {
    let b = this.altBase.get(own);
    if (b === undefined) {
      b = this.altCount;
      this.altCount += this.own.list[own]!.alternatives.length;
      this.altBase.set(own, b);
    }
    return b + choice;
  }

  /** Per key: its license code (-1 for other kinds) and, for a license key, its bit in a group's mask. */
  private readonly keyLic: number[] = [];
  private readonly keyBit: number[] = [];

  private keyInfo(k: number): void {
    const key = this.summaries.keys[k]!;
    this.decodeKey(k);
    if (key.type !== "license") {
      this.keyLic[k] = -1;
      this.keyBit[k] = 0;
      return;
    }
    this.keyLic[k] = key.lic;
    this.keyBit[k] = 1 << (REACH_ORDER[key.reach]! * 6 + POS_ORDER[key.pos]! * 2 + (key.here ? 1 : 0));
    this.decodeKey(k);
  }

  /**
   * A summary cut into what the rules judge separately: all keys of one license, and each key of
   * another kind. Ordered like `decode`: licenses by id, then the other keys in the fixed order.
   */
  private groupsOf(shape: number): number {
    // into scratch arrays, not an object per group: a judgment cuts one summary of ten or more
    const at = this.groupAt;
    const S = this.summaries;
    const gKey = this.gKey;
    const gLic = this.gLic;
    const gOnly = this.gOnly;
    const gOrder = this.gOrder;
    let n = 0;
    for (let i = S.from(shape), end = S.to(shape); i < end; i++) {
      const k = S.keyAt(i);
      if (this.keyLic[k] === undefined) this.keyInfo(k);
      const lic = this.keyLic[k]!;
      if (lic < 0) {
        gKey[n] = -1 - k;
        gLic[n] = -1;
        gOnly[n] = k;
        gOrder[n++] = this.keyRank[k] ??= this.ranks.rank(this.keyOrder[k]!);
        continue;
      }
      const gi = at[lic];
      if (gi !== undefined && gi >= 0) gKey[gi] = gKey[gi]! + this.keyBit[k]!;
      else {
        at[lic] = n;
        gKey[n] = this.keyBit[k]!;
        gLic[n] = lic;
        gOnly[n] = -1;
        gOrder[n++] = this.licRank[lic] ??= this.ranks.rank(`0\u0000${this.licenses.ids[lic]}`);
      }
    }
    const idx = this.gIdx;
    const gR = this.gR;
    for (let g = 0; g < n; g++) {
      const lic = gLic[g]!;
      if (lic >= 0) {
        gKey[g] = gKey[g]! + lic * GROUP_MASKS;
        at[lic] = -1;
      }
      // insertion sort by the fixed order: a dozen groups, and no comparator closure. The ranks
      // are read only now (one met above may have renumbered the others), and once each
      const o = (gR[g] = gOrder[g]!.r);
      let j = g;
      while (j > 0 && gR[idx[j - 1]!]! > o) {
        idx[j] = idx[j - 1]!;
        j--;
      }
      idx[j] = g;
    }
    return n;
  }

  /** Scratch for `groupsOf`: each group's key, license code (-1: another kind), only key, order string, and the groups in order. */
  private readonly gKey: number[] = [];
  private readonly gLic: number[] = [];
  private readonly gOnly: number[] = [];
  private readonly gOrder: Rank[] = [];
  private readonly gIdx: number[] = [];
  private readonly gR: number[] = [];

  /** Scratch for `groupsOf`: per license code, its group's index while a summary is cut (else -1). */
  private readonly groupAt: number[] = [];
  /** Per license code: its group's place in the order (licenses by id, before other kinds of key). */
  private readonly licRank: Rank[] = [];
  /** Per key of another kind than a license: its place in the same order. */
  private readonly keyRank: Rank[] = [];
  /** Places in the fixed order, as numbers. */
  private readonly ranks = new OrderRanks();
  /** Per license code: the index of its naming prefix, or -1. */
  private readonly licPrefix: number[] = [];

  /** The fragments judged so far, by situation (`ctx` in `fragment`) and group key. */
  private readonly flatFragments = new IntPairMap(1 << 12);
  /** The same for group keys beyond 32 bits: per situation, by group. */
  private readonly fragments = new Map<number, Map<number, number>>();

  /**
   * What the inherited-scope rules say about one group, for a model under one own alternative:
   * computed once and shared by every model in the same situation. The situation is all such a
   * rule may read: the own licenses, the options, and, for the group's license, whether its
   * licensor publishes the model and whether the name meets its naming prefix.
   */
  private fragment(
    shape: number,
    gKey: number,
    gLic: number,
    gOnly: number,
    alt: number,
    opt: number,
    own: LicenseRef[],
    options: Subject["options"],
    bits: number,
    licensorOf: Set<string>,
  ): number {
    const lic = gLic >= 0 ? this.licenses.entries[gLic] : undefined;
    let prefix = -1;
    if (lic) {
      prefix = this.licPrefix[gLic] ?? -2;
      if (prefix === -2) {
        const p = lic.flow_down.naming?.prefix;
        this.licPrefix[gLic] = prefix = p ? this.prefixes.indexOf(p) : -1;
      }
    }
    const nameBit = prefix >= 0 ? (bits >>> prefix) & 1 : 0;
    const licensorBit = lic && licensorOf.size && licensorOf.has(lic.id) ? 1 : 0;
    const ctx = ((alt * OPTION_SETS + opt) * 2 + licensorBit) * 2 + nameBit;
    // one flat table while the keys are 32-bit integers (fewer than 8,192 license codes)
    const flat = gKey >= -0x80000000 && gKey <= 0x7fffffff && ctx <= 0x7fffffff;
    let byGroup: Map<number, number> | undefined;
    if (flat) {
      const hit = this.flatFragments.get(ctx, gKey);
      if (hit >= 0) return hit;
    } else {
      byGroup = this.fragments.get(ctx);
      if (!byGroup) this.fragments.set(ctx, (byGroup = new Map()));
      const hit = byGroup.get(gKey);
      if (hit !== undefined) return hit;
    }
    if (opt >= OPTION_SETS) throw new Error(`more than ${OPTION_SETS} option sets in one engine`);
    const id = this.newFragment(shape, gLic, gOnly, own, options, nameBit === 1, licensorBit === 1);
    if (byGroup) byGroup.set(gKey, id);
    else this.flatFragments.set(ctx, gKey, id);
    return id;
  }

  /**
   * `fragment` for a situation met for the first time. Apart from it: closures over a function's
   * locals make the function allocate their context on every call, and `fragment` runs for every
   * group of every judgment.
   */
  private newFragment(
    shape: number,
    gLic: number,
    gOnly: number,
    own: LicenseRef[],
    options: Subject["options"],
    nameMeets: boolean,
    isLicensor: boolean,
  ): number {
    const keys =
      gLic < 0 ? [gOnly] : [...this.summaries.keysOf(shape)].filter((k) => this.keyLic[k] === gLic);
    const inherited = this.decodeKeys(keys);
    const s: Subject = {
      kb: this.kb,
      options,
      own,
      inherited,
      bases: [],
      datasets: [],
      nameMeets: () => nameMeets,
      isLicensor: () => isLicensor,
    };
    const f = emptyFragment();
    let at = 0;
    const out = this.collector(f, options.mode, () => at);
    this.rules.forEach((rule, r) => {
      if (rule.scope !== "inherited") return;
      at = r;
      rule.judge(s, out);
    });
    let facts = 0;
    this.factRules.forEach((r, slot) => (facts |= (this.rules[r]!.inheritedFacts!(s) & 15) << (4 * slot)));
    return this.addFragment(f, facts);
  }

  /**
   * One alternative's judgment: the rules in their order, each rule that reads the whole subject
   * run on it, each inherited-scope rule's part taken from every group's fragment. With
   * `countOnly`, obligations are not collected: the judgment holds one marker if there are any.
   */
  private compose(
    options: Subject["options"],
    all: Fragment[],
    choice: number,
    countOnly: boolean,
  ): Judgment {
    const findings = this.merged<RuleFinding>(all, false);
    let obligations: RuleObligation[];
    if (countOnly) {
      const any = all.find((p) => p.obligations.length)?.obligations[0];
      obligations = any ? [any] : NO_OBLIGATIONS;
    } else obligations = this.merged<RuleObligation>(all, true);
    const skipped = new Map<string, Set<string>>();
    for (const p of all)
      for (const { license, duties } of p.skipped) {
        const set = skipped.get(license) ?? new Set();
        for (const d of duties) set.add(d);
        skipped.set(license, set);
      }
    for (const [license, set] of skipped) {
      const f: RuleFinding = {
        severity: "info",
        code: "duty-not-triggered",
        message: `In ${options.mode} mode these duties of ${this.kb.license(license)?.name ?? license} do not apply yet; they do once you distribute: ${[...set].join("; ")}.`,
        license,
        ref: -1,
      };
      findings.push(this.keepObligations ? f : this.shared(`${f.code}\u0000${license}\u0000${f.message}`, f));
    }
    return { verdict: verdictOf(findings, obligations), findings, obligations, choice };
  }

  /**
   * An output that fills `f` for the rule `rule()` names: in an audit each finding is the shared
   * one, distribution duties do not count in internal mode, and only the first of each key is
   * kept (a later duplicate in one list can never be the first of its key in a judgment).
   */
  /** Per finding object a rule handed over: its dedup key and the object kept (shared in an audit). */
  private readonly collected = new WeakMap<RuleFinding, { id: number; kept: RuleFinding }>();

  private collector(f: Fragment, mode: Mode, rule: () => number): RuleOutput {
    return {
      finding: (x) => {
        // a rule may hand the same finding object again (merge conflicts do, per license pair):
        // its key and shared form are then made once
        let known = this.collected.get(x);
        if (!known) {
          const k = `${x.code}\u0000${x.license ?? ""}\u0000${x.message}`;
          known = { id: this.keyId(k), kept: this.keepObligations ? x : this.shared(k, x) };
          this.collected.set(x, known);
        }
        if (f.findingKeys.includes(known.id)) return;
        f.findings.push(known.kept);
        f.findingRules.push(rule());
        f.findingKeys.push(known.id);
      },
      obligation: (o) => {
        if (o.trigger === "distribute" && mode === "internal") return;
        const id = this.keyId(`${o.license}\u0000${o.text}`);
        if (f.obligationKeys.includes(id)) return;
        f.obligations.push(o);
        f.obligationRules.push(rule());
        f.obligationKeys.push(id);
      },
      skipped: (license, duty) => {
        const got = f.skipped.find((x) => x.license === license);
        if (!got) f.skipped.push({ license, duties: [duty] });
        else if (!got.duties.includes(duty)) got.duties.push(duty);
      },
    };
  }

  /**
   * The parts' items in rule order (within a rule: part by part), the first of each dedup key kept.
   */
  private merged<T extends RuleFinding | RuleObligation>(parts: Fragment[], obligations: boolean): T[] {
    let n = 0;
    for (const p of parts) n += (obligations ? p.obligations : p.findings).length;
    if (n === 0) return [];
    // a counting sort by rule: within a rule each part's items in part order, each list in its
    // own order (every list is in rule order already)
    const R = this.rules.length;
    const count = this.ruleCount;
    count.fill(0, 0, R + 1);
    for (const p of parts) for (const r of obligations ? p.obligationRules : p.findingRules) count[r + 1]!++;
    for (let r = 1; r <= R; r++) count[r]! += count[r - 1]!;
    const items = this.sortItems as T[];
    const keys = this.sortKeys;
    const place = (item: T, key: number, r: number) => {
      const at = count[r]!++;
      items[at] = item;
      keys[at] = key;
    };
    for (const p of parts) {
      const list = (obligations ? p.obligations : p.findings) as T[];
      const ks = obligations ? p.obligationKeys : p.findingKeys;
      const rs = obligations ? p.obligationRules : p.findingRules;
      for (let i = 0; i < list.length; i++) place(list[i]!, ks[i]!, rs[i]!);
    }
    // the first of each key is kept; a stamp per key id tells, without a set per judgment
    const stamp = ++this.stampNow;
    const out: T[] = [];
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      if (this.stamps[k] === stamp) continue;
      this.stamps[k] = stamp;
      out.push(items[i]!);
    }
    items.length = 0;
    return out;
  }

  /** Scratch for `merged`. */
  private readonly ruleCount = new Int32Array(RULES_MAX + 1);
  private readonly sortItems: (RuleFinding | RuleObligation)[] = [];
  private readonly sortKeys: number[] = [];
  private readonly stamps: number[] = [];
  private stampNow = 0;
  /** Dedup keys of findings and obligations, as numbers. */
  private readonly keyIds = new Map<string, number>();

  private keyId(k: string): number {
    let id = this.keyIds.get(k);
    if (id === undefined) this.keyIds.set(k, (id = this.keyIds.size));
    return id;
  }

  // An audit keeps a judgment per distinct situation, hundreds of thousands of them, which mostly
  // say the same few things: there each finding is kept once and shared. The key is the one the
  // judgment already tells findings apart by (its hash is computed once per string).
  private readonly sharedFindings = new Map<string, Map<number, RuleFinding[]>>();

  private shared(key: string, f: RuleFinding): RuleFinding {
    let byRef = this.sharedFindings.get(key);
    if (!byRef) this.sharedFindings.set(key, (byRef = new Map()));
    const same = byRef.get(f.ref);
    const hit = same?.find((x) => x.severity === f.severity && x.clause === f.clause);
    if (hit) return hit;
    if (same) same.push(f);
    else byRef.set(f.ref, [f]);
    return f;
  }

  private readonly ownShapes = new Map<number, number>();

  /** What a model's own license (and state) puts into its summary; memoised per kind of model. */
  private ownShapeOf(own: number, unresolved: boolean, weightsAvailable: boolean): number {
    const memoKey = own * 4 + (unresolved ? 1 : 0) + (weightsAvailable ? 0 : 2);
    let s = this.ownShapes.get(memoKey);
    if (s === undefined) {
      const keys: number[] = [];
      if (unresolved) keys.push(this.summaries.key({ type: "special", kind: "unresolved" }));
      else {
        const o = this.own.list[own]!;
        for (const c of o.alternatives[o.inherited]!) keys.push(this.summaries.ownKey(c));
      }
      if (!weightsAvailable) keys.push(this.summaries.key({ type: "weights-unavailable" }));
      s = this.summaries.of(keys);
      this.ownShapes.set(memoKey, s);
    }
    return s;
  }

  private readonly dischargeMemo = new Map<string, number>();

  /** A summary without the licenses (and problems about them) whose licensor is `group`. */
  private discharge(shape: number, group: number): number {
    const memoKey = `${shape}|${group}`;
    let out = this.dischargeMemo.get(memoKey);
    if (out === undefined) {
      const ids = this.groupLicenses[group]!;
      out = this.summaries.of(
        [...this.summaries.keysOf(shape)].filter((k) => {
          const key = this.summaries.keys[k]!;
          return !(
            (key.type === "license" || key.type === "problem") &&
            ids.has(this.licenses.ids[key.lic]!)
          );
        }),
      );
      this.dischargeMemo.set(memoKey, out);
    }
    return out;
  }

  private readonly problemKeys = new Map<RuleFinding, number>();

  /** The keys a judgment adds to its model's summary: its violations, as problems for descendants. */
  problemShape(judgment: number): number {
    // problems are what violations pass on: a judgment that is not a violation has none
    if (this.jVerdict[judgment] !== V_VIOLATION) return 0;
    const memo = this.problemShapes[judgment];
    if (memo !== undefined) return memo;
    // the parts' problems in one union: pair by pair, each partial union was interned for good
    const list = this.problemScratch;
    let n = 0;
    for (let p = this.jStart[judgment]!, end = this.jStart[judgment + 1]!; p < end; p++) {
      const f = this.frags[this.jParts[p]!]!;
      if (f.problems < 0) f.problems = this.fragmentProblems(f);
      if (f.problems) list[n++] = f.problems;
    }
    return (this.problemShapes[judgment] = this.summaries.union(list, n));
  }

  private readonly problemScratch: number[] = [];

  private fragmentProblems(f: Fragment): number {
    const keys: number[] = [];
    for (const x of f.findings)
      if (x.severity === "violation") {
        // findings are shared across an audit's fragments: each one's key is made once
        let k = this.problemKeys.get(x);
        if (k === undefined) {
          k = this.summaries.key({ type: "problem", code: x.code, lic: this.licenses.code(x.license ?? "") });
          this.problemKeys.set(x, k);
        }
        keys.push(k);
      }
    return keys.length ? this.summaries.of(keys) : 0;
  }

  /**
   * Summaries and judgments of every model of a graph. `own(i)` may replace a model's license for
   * judging it (check --as); its summary keeps the declared one.
   */
  evaluate(
    g: GraphInput,
    opts: {
      /** A license to judge model i under instead of its own (check --as); its summary keeps its own. */
      judgeAs?: (i: number) => string | undefined;
      /** The models judged under the user's options (check's target); others as published. */
      user?: (i: number) => boolean;
      onProgress?: (done: number, total: number) => void;
    } = {},
  ): GraphEvaluation {
    const n = g.size;
    // a large graph's summaries fill a pool of tens of millions of keys: room made once, where
    // growing it by half again each time copied it over and over (a dump whose licenses change at
    // every link makes about 0.7 summaries of 18 keys per model). At most 256 MB of it at once:
    // address space is not free everywhere, and past that the pool grows as it always did.
    this.summaries.reserve(n, Math.min(16 * n, RESERVED_KEYS));
    const inherited = new Int32Array(n);
    const summary = new Int32Array(n);
    const ownShape = new Int32Array(n);
    const judgment = new Int32Array(n);
    const cyclic = new Uint8Array(n);
    const componentOf = new Int32Array(n);
    const isBase = new Uint8Array(n);
    for (let i = 0; i < n; i++) for (let k = 0; k < g.baseCount(i); k++) isBase[g.base(i, k)] = 1;
    let components = 0;
    let done = 0;
    let next = PROGRESS_STEP;
    // one input, parts list and set of base slots, refilled for every model. Scratch lists are
    // filled by index and never shortened: setting an array's length to 0 drops its storage, and a
    // new one per model was much of an audit's garbage
    let cur = 0;
    const parts: number[] = [];
    const basePool: { relation: Relation; shape: number }[] = [];
    /** Per base count c: a list of the first c slots of basePool. */
    const basesBy: { relation: Relation; shape: number }[][] = [[]];
    const three = [0, 0, 0];
    const input: JudgeInput = {
      own: 0,
      inherited: 0,
      bases: basesBy[0]!,
      name: () => g.name(cur),
      owner: null,
      group: 0,
      fresh: false,
      datasets: [],
      user: false,
    };
    const order = sccOrder(g, (comp) => {
      const c = components++;
      for (let x = 0; x < comp.length; x++) componentOf[comp[x]!] = c;
      if (opts.onProgress && (done += comp.length) >= next) {
        opts.onProgress(done, n);
        next = done + PROGRESS_STEP;
      }
      const single = comp.length === 1;
      const inComp = single ? null : new Set(comp);
      for (let x = 0; x < comp.length; x++) {
        const i = comp[x]!;
        cur = i;
        let np = 0;
        let nb = 0;
        const known = this.summaries.count;
        let selfLoop = false;
        for (let k = 0; k < g.baseCount(i); k++) {
          const b = g.base(i, k);
          if (b === i || inComp?.has(b)) {
            selfLoop = true;
            continue;
          }
          const rel = g.relation(i, k);
          const t = this.summaries.transform(summary[b]!, relClass(rel));
          parts[np++] = t;
          const slot = (basePool[nb++] ??= { relation: rel, shape: t });
          slot.relation = rel;
          slot.shape = t;
        }
        input.bases = basesBy[nb] ??= basePool.slice(0, nb);
        if (selfLoop || !single) {
          cyclic[i] = 1;
          parts[np++] = this.summaries.of([this.summaries.key({ type: "special", kind: "cycle" })]);
        }
        const terms = g.ownTerms?.(i);
        if (terms?.length)
          parts[np++] = this.summaries.of(
            terms.map((t) =>
              this.summaries.key({
                type: "license",
                lic: this.licenses.code(t),
                reach: "derivative",
                pos: "direct",
                here: false,
              }),
            ),
          );
        const inh = this.summaries.union(parts, np);
        // a summary made just now has no judgment yet: the lookup would be a sure miss, and at
        // millions of judgments a miss is a cache miss
        input.fresh = inh >= known;
        inherited[i] = inh;
        const lic = g.license(i);
        const ownId = this.own.of(lic ?? "NOASSERTION");
        ownShape[i] = this.ownShapeOf(ownId, lic === null, g.weightsAvailable(i));
        const as = opts.judgeAs?.(i);
        // who publishes the model matters only beside a license some Hub org is the licensor of
        const owner = this.hasLicensorLicense(inh) ? g.owner(i) : null;
        const group = this.licensorGroup(owner);
        input.own = as !== undefined ? this.own.of(as) : ownId;
        input.inherited = inh;
        input.owner = owner;
        input.group = group;
        input.datasets = g.datasets(i);
        input.user = opts.user?.(i) ?? false;
        const j = this.judge(input);
        judgment[i] = j;
        if (!isBase[i]) {
          summary[i] = -1;
          continue;
        }
        // a licensor's own release discharges its own licenses: what Meta publishes under
        // Llama 3.2 is not bound, downstream, by the Llama 3.1 terms Meta itself granted
        const passed = group ? this.discharge(inh, group) : inh;
        three[0] = ownShape[i]!;
        three[1] = passed;
        three[2] = this.problemShape(j);
        summary[i] = this.summaries.union(three);
      }
    });
    return {
      engine: this,
      graph: g,
      inherited,
      summary,
      ownShape,
      judgment,
      cyclic,
      component: componentOf,
      order,
    };
  }
}

export interface GraphEvaluation {
  engine: PolicyEngine;
  graph: GraphInput;
  inherited: Int32Array;
  /**
   * What each model requires of the models built on it; -1 for a model nothing in the graph is
   * built on (its summary would never be read, and at millions of leaves it is a large share of
   * the work).
   */
  summary: Int32Array;
  ownShape: Int32Array;
  judgment: Int32Array;
  cyclic: Uint8Array;
  /** Per node, its strongly connected component; edges inside one are left out of every summary. */
  component: Int32Array;
  /** Nodes in evaluation order (bases before the models built on them). */
  order: Int32Array;
}

export { RelClass };
