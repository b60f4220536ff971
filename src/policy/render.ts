// Findings and obligations of a judged model, rendered for people: the path from the model to the
// one a finding is about (the nearest, breadth first over the lineage), and the message with its
// placeholders filled. Judgments are shared by every model that reads the same; only this step is
// per model, and `audit` runs it only for what it writes out.
import type { Finding } from "../inspect/record.js";
import type { Evaluation, GraphEvaluation } from "./engine.js";
import { IntPairMap } from "./int-pair-map.js";
import { isPlain, quoted } from "./json-text.js";
import { pathsOf, type PathView } from "./paths.js";
import type { Obligation, RuleFinding } from "./types.js";

export interface RenderOptions {
  /** Longest path written; longer ones keep their ends around a "…" marker. */
  maxPath?: number;
}

/** A path's model ids, a clipped one with a "… N more …" marker where models were left out. */
function ids(ev: GraphEvaluation, v: PathView): string[] {
  const out = v.nodes.map((x) => ev.graph.id(x));
  if (v.hidden > 0) out.splice(v.head, 0, `… ${v.hidden} more …`);
  return out;
}

/** The path from model `i` for summary key `ref` (`[i]` for a finding about the model itself). */
function pathOf(ev: GraphEvaluation, i: number, ref: number, opts: RenderOptions): PathView {
  return ref < 0 ? { nodes: [i], hidden: 0, head: 1 } : pathsOf(ev).path(i, ref, opts.maxPath);
}

/** The placeholders a message may hold, in a template's slots. */
const SELF = 0;
const NAME = 1;
const ORIGIN = 2;
const PROBLEM = 3;
const PLACEHOLDERS: Record<string, number> = { self: SELF, name: NAME, origin: ORIGIN, problem: PROBLEM };

/** A message split at its placeholders: `texts[0]`, slot 0, `texts[1]`, ... `texts[slots.length]`. */
interface Template {
  texts: string[];
  slots: number[];
  /** Whether every text is plain JSON (`isPlain`). */
  plain: boolean;
}

/** Distinct message texts kept split at once; messages come from a few thousand finding kinds. */
const TEMPLATES = 4096;
const templates = new Map<string, Template>();

function templateOf(text: string): Template {
  let t = templates.get(text);
  if (t) return t;
  t = { texts: [], slots: [], plain: true };
  let at = 0;
  for (const m of text.matchAll(/\{(self|name|origin|problem)\}/g)) {
    t.texts.push(text.slice(at, m.index));
    t.slots.push(PLACEHOLDERS[m[1]!]!);
    at = m.index + m[0].length;
  }
  t.texts.push(text.slice(at));
  t.plain = t.texts.every(isPlain);
  if (templates.size >= TEMPLATES) templates.clear();
  templates.set(text, t);
  return t;
}

/**
 * Fills `{self}`, `{name}`, `{origin}` and, for an upstream problem, `{problem}`. Split once per
 * text, not replaced in turn: a model id is written as it is, even one holding `{name}` or `$&`
 * (which `replaceAll` would have read as a placeholder or a replacement pattern).
 */
function fill(
  ev: GraphEvaluation,
  i: number,
  text: string,
  origin: number,
  problem?: { key: number; code: string; license?: string },
): string {
  const t = templateOf(text);
  let plain = t.plain;
  let out = t.texts[0]!;
  for (let s = 0; s < t.slots.length; s++) {
    const slot = t.slots[s]!;
    let x: string;
    if (slot === SELF) {
      x = ev.graph.id(i);
      plain &&= idPlain(ev, i);
    } else if (slot === ORIGIN) {
      x = ev.graph.id(origin);
      plain &&= idPlain(ev, origin);
    } else if (slot === NAME) {
      x = ev.graph.name(i);
      plain &&= isPlain(x);
    } else if (problem) {
      x = problemText(ev, origin, problem);
      plain &&= problemPlain;
    } else x = "";
    out += x + t.texts[s + 1]!;
  }
  filledPlain = plain;
  return out;
}

/**
 * Whether the text `fill` (or `problemText`) returned last is plain JSON: a second result kept
 * beside the string, as an object per message would be garbage made for every finding written.
 */
let filledPlain = false;
let problemPlain = false;

/** Per graph evaluation and model: 0 not known yet, 1 its id is plain JSON, 2 it is not. */
const plainIds = new WeakMap<GraphEvaluation, Uint8Array>();

function idPlain(ev: GraphEvaluation, n: number): boolean {
  let p = plainIds.get(ev);
  if (!p) plainIds.set(ev, (p = new Uint8Array(ev.graph.size)));
  if (p[n] === 0) p[n] = isPlain(ev.graph.id(n)) ? 1 : 2;
  return p[n] === 1;
}

/** Upstream problems' messages kept per graph evaluation, by (origin, problem key), at once. */
const PROBLEM_TEXTS = 1 << 16;
const problemTexts = new WeakMap<GraphEvaluation, { at: IntPairMap; texts: string[]; plain: boolean[] }>();

/**
 * The message of the violation an upstream model commits, as that model's own check states it.
 * Every model downstream of a breach repeats it: it is made once per origin and problem.
 */
function problemText(
  ev: GraphEvaluation,
  origin: number,
  problem: { key: number; code: string; license?: string },
): string {
  let memo = problemTexts.get(ev);
  if (!memo || memo.texts.length >= PROBLEM_TEXTS)
    problemTexts.set(ev, (memo = { at: new IntPairMap(), texts: [], plain: [] }));
  const at = memo.at.get(origin, problem.key);
  if (at >= 0) {
    problemPlain = memo.plain[at]!;
    return memo.texts[at]!;
  }
  const j = ev.engine.judgment(ev.judgment[origin]!);
  const v = j.findings.find(
    (f) =>
      f.severity === "violation" && f.code === problem.code && (f.license ?? "") === (problem.license ?? ""),
  );
  let text = "";
  let plain = true;
  if (v) {
    text = fill(ev, origin, v.message, v.ref < 0 ? origin : pathsOf(ev).origin(origin, v.ref));
    plain = filledPlain;
  }
  memo.at.set(origin, problem.key, memo.texts.length);
  memo.texts.push(text);
  memo.plain.push(plain);
  problemPlain = plain;
  return text;
}

/** A finding of model `i` as people read it: its message filled in, and its path's model ids. */
export interface FindingText {
  message: string;
  path: string[];
}

export function findingText(
  ev: GraphEvaluation,
  i: number,
  f: RuleFinding,
  opts: RenderOptions,
): FindingText {
  const path = pathOf(ev, i, f.ref, opts);
  return { message: messageOf(ev, i, f, path), path: ids(ev, path) };
}

function messageOf(ev: GraphEvaluation, i: number, f: RuleFinding, path: PathView): string {
  const k = f.ref >= 0 ? ev.engine.summaries.keys[f.ref] : undefined;
  return fill(
    ev,
    i,
    f.message,
    path.nodes[path.nodes.length - 1]!,
    k?.type === "problem" ? { key: f.ref, code: k.code, license: f.license } : undefined,
  );
}

/**
 * `findingText` as JSON text: the message as a JSON string and the path as a JSON array, the
 * bytes JSON.stringify writes for them, without its scan of what is known to be plain.
 */
export function findingJson(
  ev: GraphEvaluation,
  i: number,
  f: RuleFinding,
  opts: RenderOptions,
): { message: string; path: string } {
  const path = pathOf(ev, i, f.ref, opts);
  const message = quoted(messageOf(ev, i, f, path), filledPlain);
  // as `ids` lists them: the marker of hidden models goes before the node at `head`
  const marker = path.hidden > 0 ? `"… ${path.hidden} more …"` : "";
  let json = "[";
  for (let n = 0; n < path.nodes.length; n++) {
    if (n) json += ",";
    if (n === path.head && marker) json += marker + ",";
    const x = path.nodes[n]!;
    json += quoted(ev.graph.id(x), idPlain(ev, x));
  }
  if (marker && path.head >= path.nodes.length) json += (path.nodes.length ? "," : "") + marker;
  return { message, path: json + "]" };
}

/**
 * Model `i`'s findings as its judgment lists them (the same objects for every model in the same
 * situation); `skipInfo` leaves out the informational ones.
 */
export function judgedFindings(ev: GraphEvaluation, i: number, skipInfo = false): RuleFinding[] {
  const all = ev.engine.judgment(ev.judgment[i]!).findings;
  return skipInfo ? all.filter((f) => f.severity !== "info") : all;
}

/** Model `i`'s findings with their paths and messages; `skipInfo` leaves out the informational ones. */
export function renderFindings(
  ev: GraphEvaluation,
  i: number,
  opts: RenderOptions & { skipInfo?: boolean } = {},
): Finding[] {
  return judgedFindings(ev, i, opts.skipInfo).map((f) => {
    const { message, path } = findingText(ev, i, f, opts);
    return {
      severity: f.severity,
      code: f.code,
      message,
      ...(f.license !== undefined ? { license: f.license } : {}),
      ...(f.clause ? { clause: f.clause } : {}),
      path,
    };
  });
}

/** Model `i`'s judgment with paths and messages, in the shape `check` reports. */
export function render(ev: GraphEvaluation, i: number, opts: RenderOptions = {}): Evaluation {
  const j = ev.engine.judgment(ev.judgment[i]!);
  const findings = renderFindings(ev, i, opts);
  const obligations: Obligation[] = j.obligations.map((o) => {
    const path = pathOf(ev, i, o.ref, opts);
    return {
      license: o.license,
      text: fill(ev, i, o.text, path.nodes[path.nodes.length - 1]!),
      ...(o.clause ? { clause: o.clause } : {}),
      trigger: o.trigger,
      path: ids(ev, path),
    };
  });
  const own = ev.engine.own;
  const lic = ev.graph.license(i);
  const o = lic !== null ? own.list[own.of(lic)] : undefined;
  return {
    verdict: j.verdict,
    findings,
    obligations,
    ...(o && o.alternatives.length > 1
      ? { choice: o.alternatives[j.choice]!.map((c) => ev.engine.licenses.ids[c]).join(" AND ") }
      : {}),
  };
}
