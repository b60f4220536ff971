// Models derived from a given model, among checked models: every report whose lineage reaches
// the model, with the chain of relations that leads there. Ids match case-insensitively, as the
// Hub matches them.
import type { LineageView } from "./check.js";

export interface DerivedModel {
  id: string;
  name: string;
  license: string;
  verdict: string;
  /** 1 for a direct child, 2 for a grandchild, ... */
  depth: number;
  /** Model ids from the derived model up to the given one. */
  via: string[];
  /** The relations along `via`, derived model first. */
  relations: string[];
}

export interface CheckedModel {
  id: string;
  name: string;
  license: string;
  verdict: string;
  lineage: LineageView;
}

/** The shortest chain from `view` up to `id`, or null when the lineage does not reach it. */
function chain(view: LineageView, id: string, seen = new Set<LineageView>()): LineageView[] | null {
  if (seen.has(view)) return null;
  seen.add(view);
  let best: LineageView[] | null = null;
  for (const b of view.bases) {
    const up = b.id.toLowerCase() === id ? [b] : chain(b, id, seen);
    if (up && (!best || up.length < best.length)) best = up;
  }
  return best ? [view, ...best] : null;
}

export function derivedFrom(id: string, models: CheckedModel[]): DerivedModel[] {
  const key = id.toLowerCase();
  const out: DerivedModel[] = [];
  for (const m of models) {
    if (m.id.toLowerCase() === key) continue;
    const path = chain(m.lineage, key);
    if (!path) continue;
    out.push({
      id: m.id,
      name: m.name,
      license: m.license,
      verdict: m.verdict,
      depth: path.length - 1,
      via: [m.id, ...path.slice(1).map((v) => v.id)],
      relations: path.slice(1).map((v) => v.relation ?? "unknown"),
    });
  }
  return out.sort((a, b) => a.depth - b.depth || a.id.localeCompare(b.id));
}
