// The policy engine: every model of a lineage graph judged from its own license and its bases'
// summaries, in one pass from the roots down. A summary says what a model's subtree requires of
// every descendant; it is computed once per model and interned, and judgments are cached by what
// they read, so `check` (one lineage) and `audit` (millions of rows) run the same rules the same
// way, at any depth and fan-in. Cycles are cut order-independently: every model of a cycle is
// judged without the edges inside it and says so.
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import type { Relation } from "../kb/schema.js";
import type { Finding, Severity } from "../inspect/record.js";
import { OwnLicenses } from "./own-license.js";
import { LicenseTable, RelClass, SummaryTable, relClass, type Key } from "./summary.js";
import type {
  CheckOptions,
  Inherited,
  Obligation,
  Rule,
  RuleFinding,
  RuleObligation,
  Subject,
  Verdict,
} from "./types.js";
import { startsWithName } from "./rules/naming.js";
import { nameTokens } from "../kb/names.js";
import { unknownLicenses } from "./rules/unknown-licenses.js";
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
import { intendedUse } from "./rules/intended-use.js";
import { upstream } from "./rules/upstream.js";
import { licensorRelease } from "./rules/licensor-release.js";

export type { Verdict } from "./types.js";

export const RULES: readonly Rule[] = [
  unknownLicenses,
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
  intendedUse,
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

const NAMING_CAP = 31;

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
/** Decoded summaries kept at once. */
const DECODED_SHAPES = 16_384;

export class PolicyEngine {
  readonly licenses: LicenseTable;
  readonly summaries = new SummaryTable();
  readonly own: OwnLicenses;
  private readonly judgments: Judgment[] = [];
  private readonly judgmentIds = new Map<number, Map<number, Map<string, number>>>();
  private readonly simpleJudgments = new Map<number, number>();
  private readonly problemShapes: number[] = [];
  private readonly prefixes: string[] = [];
  /** Each prefix's first folded token, for a cheap test before folding a name. */
  private readonly prefixHeads: string[];
  private readonly prefixOfShape = new Map<number, number[]>();
  private readonly licensorGroups = new Map<string, number>();
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
    this.optionsId({});
    for (const l of kb.licenses)
      if (l.flow_down.naming?.prefix && !this.prefixes.includes(l.flow_down.naming.prefix))
        this.prefixes.push(l.flow_down.naming.prefix);
    if (this.prefixes.length > NAMING_CAP)
      throw new Error(`${this.prefixes.length} naming prefixes: a mask holds ${NAMING_CAP}`);
    this.prefixHeads = this.prefixes.map((p) => nameTokens(p)[0] ?? "");
  }

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

  judgment(id: number): Judgment {
    return this.judgments[id]!;
  }

  /** The licenses a Hub owner is the licensor of, as a small group number (0: none). */
  licensorGroup(owner: string | null): number {
    if (!owner) return 0;
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

  private readonly licensorShapes = new Map<number, boolean>();

  /** Whether a summary holds a license some Hub org is the licensor of (else the owner cannot matter). */
  private hasLicensorLicense(shape: number): boolean {
    let r = this.licensorShapes.get(shape);
    if (r === undefined) {
      r = this.summaries.sets[shape]!.some((k) => {
        const key = this.summaries.keys[k]!;
        return key.type === "license" && Boolean(this.licenses.entries[key.lic]?.licensor?.hub_orgs.length);
      });
      this.licensorShapes.set(shape, r);
    }
    return r;
  }

  /** Indices into the naming prefixes that a summary's licenses impose (memoised per summary). */
  private prefixesOf(shape: number): number[] {
    let p = this.prefixOfShape.get(shape);
    if (!p) {
      const set = new Set<number>();
      for (const k of this.summaries.sets[shape]!) {
        const key = this.summaries.keys[k]!;
        if (key.type !== "license") continue;
        const prefix = this.licenses.entries[key.lic]?.flow_down.naming?.prefix;
        if (prefix) set.add(this.prefixes.indexOf(prefix));
      }
      p = [...set].sort((a, b) => a - b);
      this.prefixOfShape.set(shape, p);
    }
    return p;
  }

  /** Bit k: the name meets prefix k, for the prefixes the summary imposes. */
  nameBits(shape: number, name: string | (() => string)): number {
    const ks = this.prefixesOf(shape);
    if (!ks.length) return 0;
    const n = typeof name === "string" ? name : name();
    let bits = 0;
    for (const k of ks)
      if (mayStartWith(n, this.prefixHeads[k]!) && startsWithName(n, this.prefixes[k]!)) bits |= 1 << k;
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
    const out = this.summaries.sets[shape]!.map((k) => this.decodeKey(k));
    out.sort((a, b) => {
      const x = this.keyOrder[a.ref]!;
      const y = this.keyOrder[b.ref]!;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    // a bounded cache: merges decode every base's summary, but one entry per summary of a
    // million-row audit was a third of its memory
    if (this.decodedShapes.size >= DECODED_SHAPES) this.decodedShapes.clear();
    this.decodedShapes.set(shape, out);
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
  judge(input: {
    own: number;
    inherited: number;
    bases: { relation: Relation; shape: number }[];
    /** The model's name, or how to get it (read only when a naming duty is in play). */
    name: string | (() => string);
    owner: string | null;
    datasets: Subject["datasets"];
    /** Judge under the user's options (the target of a check) rather than as published. */
    user?: boolean;
  }): number {
    const opt = input.user ? this.optionsId(this.userOptions) : 0;
    const options = this.optionSets[opt]!;
    const bits = this.nameBits(input.inherited, input.name);
    const group = this.hasLicensorLicense(input.inherited) ? this.licensorGroup(input.owner) : 0;
    const baseKey =
      input.bases.length > 1
        ? input.bases
            .map((b) => `${b.relation}:${b.shape}`)
            .sort()
            .join(";")
        : "";
    // cache: by (inherited, own) first, then (name bits, licensor group, options), then the
    // bases of a merge; numbers, not strings, on the path every model takes
    let inner: Map<string, number> | undefined;
    const k1 = input.inherited * 2_097_152 + input.own;
    const k2 = (bits >>> 0) * 4096 + group * 16 + opt;
    // the common case (no naming bits, licensor group, options or merge) in one flat map: a
    // nested map per distinct summary is most of an audit's memory
    const simple = !input.datasets.length && k2 === 0 && baseKey === "";
    if (simple) {
      const hit = this.simpleJudgments.get(k1);
      if (hit !== undefined) return hit;
    } else if (!input.datasets.length) {
      let byInherited = this.judgmentIds.get(k1);
      if (!byInherited) this.judgmentIds.set(k1, (byInherited = new Map()));
      inner = byInherited.get(k2);
      if (!inner) byInherited.set(k2, (inner = new Map()));
      const hit = inner.get(baseKey);
      if (hit !== undefined) return hit;
    }
    const licensorOf = this.groupLicenses[group]!;
    const own = this.own.list[input.own]!;
    const subjectFor = (alt: number[]): Subject => ({
      kb: this.kb,
      options,
      own: alt.map((c) => ({
        id: this.licenses.ids[c]!,
        ...(this.licenses.entries[c] ? { lic: this.licenses.entries[c] } : {}),
      })),
      inherited: this.decode(input.inherited),
      bases:
        input.bases.length > 1
          ? input.bases.map((b) => ({ relation: b.relation, inherited: this.decode(b.shape) }))
          : [],
      datasets: input.datasets,
      nameMeets: (prefix) => {
        const k = this.prefixes.indexOf(prefix);
        return k >= 0
          ? (bits & (1 << k)) !== 0
          : startsWithName(typeof input.name === "string" ? input.name : input.name(), prefix);
      },
      isLicensor: (lic) => licensorOf.has(lic.id),
    });
    let best: Judgment | undefined;
    own.alternatives.forEach((alt, choice) => {
      // an audit judging a single alternative needs to know only whether there are obligations
      const j = this.run(subjectFor(alt), choice, !this.keepObligations && own.alternatives.length === 1);
      if (
        !best ||
        RANK[j.verdict] < RANK[best.verdict] ||
        (RANK[j.verdict] === RANK[best.verdict] &&
          j.findings.length + j.obligations.length < best.findings.length + best.obligations.length)
      )
        best = j;
    });
    const j = best!;
    if (own.tooComplex)
      j.findings.unshift({
        severity: "unknown",
        code: "license-expression-too-complex",
        message: `The license expression of {self} has too many alternatives to judge.`,
        ref: -1,
      });
    if (own.alternatives.length > 1)
      j.findings.push({
        severity: "info",
        code: "license-choice",
        message: `The license of {self} is a choice (${own.expr}); it was judged under the most favourable alternative, ${own.alternatives[j.choice]!.map((c) => this.licenses.ids[c]).join(" AND ")}.`,
        ref: -1,
      });
    j.verdict = verdictOf(j.findings, j.obligations);
    if (!this.keepObligations) j.obligations = NO_OBLIGATIONS;
    const id = this.judgments.length;
    this.judgments.push(j);
    if (simple) this.simpleJudgments.set(k1, id);
    else inner?.set(baseKey, id);
    return id;
  }

  /** With `countOnly`, obligations are not collected: the judgment holds one marker if there are any. */
  private run(s: Subject, choice: number, countOnly = false): Judgment {
    const findings: RuleFinding[] = [];
    const obligations: RuleObligation[] = [];
    const fkeys = new Set<string>();
    const okeys = new Set<string>();
    const skipped = new Map<string, Set<string>>();
    for (const rule of this.rules)
      rule.judge(s, {
        finding: (f) => {
          const k = `${f.code}\u0000${f.license ?? ""}\u0000${f.message}`;
          if (fkeys.has(k)) return;
          fkeys.add(k);
          findings.push(this.keepObligations ? f : this.shared(k, f));
        },
        obligation: (o) => {
          if (o.trigger === "distribute" && s.options.mode === "internal") return;
          if (countOnly) {
            if (!obligations.length) obligations.push(o);
            return;
          }
          const k = `${o.license}\u0000${o.text}`;
          if (okeys.has(k)) return;
          okeys.add(k);
          obligations.push(o);
        },
        skipped: (license, duty) => {
          const set = skipped.get(license) ?? new Set();
          set.add(duty);
          skipped.set(license, set);
        },
      });
    for (const [license, set] of skipped)
      findings.push({
        severity: "info",
        code: "duty-not-triggered",
        message: `In ${s.options.mode} mode these duties of ${this.kb.license(license)?.name ?? license} do not apply yet; they do once you distribute: ${[...set].join("; ")}.`,
        license,
        ref: -1,
      });
    return { verdict: verdictOf(findings, obligations), findings, obligations, choice };
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
        this.summaries.sets[shape]!.filter((k) => {
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

  /** The keys a judgment adds to its model's summary: its violations, as problems for descendants. */
  problemShape(judgment: number): number {
    const memo = this.problemShapes[judgment];
    if (memo !== undefined) return memo;
    const j = this.judgments[judgment]!;
    const keys: number[] = [];
    for (const f of j.findings)
      if (f.severity === "violation")
        keys.push(
          this.summaries.key({ type: "problem", code: f.code, lic: this.licenses.code(f.license ?? "") }),
        );
    return (this.problemShapes[judgment] = this.summaries.of(keys));
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
    const inherited = new Int32Array(n);
    const summary = new Int32Array(n);
    const ownShape = new Int32Array(n);
    const judgment = new Int32Array(n);
    const cyclic = new Uint8Array(n);
    const componentOf = new Int32Array(n);
    let components = 0;
    let done = 0;
    let next = PROGRESS_STEP;
    const order = sccOrder(g, (comp) => {
      const c = components++;
      for (const i of comp) componentOf[i] = c;
      if (opts.onProgress && (done += comp.length) >= next) {
        opts.onProgress(done, n);
        next = done + PROGRESS_STEP;
      }
      const single = comp.length === 1;
      const inComp = single ? null : new Set(comp);
      for (const i of comp) {
        const parts: number[] = [];
        const bases: { relation: Relation; shape: number }[] = [];
        let selfLoop = false;
        for (let k = 0; k < g.baseCount(i); k++) {
          const b = g.base(i, k);
          if (b === i || inComp?.has(b)) {
            selfLoop = true;
            continue;
          }
          const rel = g.relation(i, k);
          const t = this.summaries.transform(summary[b]!, relClass(rel));
          parts.push(t);
          bases.push({ relation: rel, shape: t });
        }
        if (selfLoop || !single) {
          cyclic[i] = 1;
          parts.push(this.summaries.of([this.summaries.key({ type: "special", kind: "cycle" })]));
        }
        const terms = g.ownTerms?.(i);
        if (terms?.length)
          parts.push(
            this.summaries.of(
              terms.map((t) =>
                this.summaries.key({
                  type: "license",
                  lic: this.licenses.code(t),
                  reach: "derivative",
                  pos: "direct",
                  here: false,
                }),
              ),
            ),
          );
        const inh = this.summaries.union(parts);
        inherited[i] = inh;
        const lic = g.license(i);
        const ownId = this.own.of(lic ?? "NOASSERTION");
        ownShape[i] = this.ownShapeOf(ownId, lic === null, g.weightsAvailable(i));
        const as = opts.judgeAs?.(i);
        const owner = g.owner(i);
        const j = this.judge({
          own: as !== undefined ? this.own.of(as) : ownId,
          inherited: inh,
          bases,
          name: () => g.name(i),
          owner,
          datasets: g.datasets(i),
          user: opts.user?.(i) ?? false,
        });
        judgment[i] = j;
        // a licensor's own release discharges its own licenses: what Meta publishes under
        // Llama 3.2 is not bound, downstream, by the Llama 3.1 terms Meta itself granted
        const group = this.hasLicensorLicense(inh) ? this.licensorGroup(owner) : 0;
        const passed = group ? this.discharge(inh, group) : inh;
        summary[i] = this.summaries.union([ownShape[i]!, passed, this.problemShape(j)]);
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
  summary: Int32Array;
  ownShape: Int32Array;
  judgment: Int32Array;
  cyclic: Uint8Array;
  /** Per node, its strongly connected component; edges inside one are left out of every summary. */
  component: Int32Array;
  /** Nodes in evaluation order (bases before the models built on them). */
  order: Int32Array;
}

/**
 * Strongly connected components of the base graph (iterative Tarjan: no recursion, any depth),
 * each handed to `visit` after every component it reaches, so bases are summarised before the
 * models built on them. Returns the nodes in that order.
 */
function sccOrder(g: GraphInput, visit: (component: number[]) => void): Int32Array {
  const n = g.size;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const order = new Int32Array(n);
  let at = 0;
  let counter = 0;
  const callNode: number[] = [];
  const callEdge: number[] = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    callNode.push(root);
    callEdge.push(0);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (callNode.length) {
      const v = callNode[callNode.length - 1]!;
      const e = callEdge[callEdge.length - 1]!;
      if (e < g.baseCount(v)) {
        callEdge[callEdge.length - 1] = e + 1;
        const w = g.base(v, e);
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          callNode.push(w);
          callEdge.push(0);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      callNode.pop();
      callEdge.pop();
      if (callNode.length) {
        const parent = callNode[callNode.length - 1]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        // members of a cycle in a fixed order, whatever order the rows came in
        if (comp.length > 1) comp.sort((a, b) => (g.id(a) < g.id(b) ? -1 : g.id(a) > g.id(b) ? 1 : 0));
        visit(comp);
        for (const c of comp) order[at++] = c;
      }
    }
  }
  return order;
}

export { RelClass };
