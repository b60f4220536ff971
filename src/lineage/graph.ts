// The lineage graph: the target and, breadth first, every base and dataset it names, each
// resolved to a record. The walk is iterative (any depth), visits each model once (merges of
// merges share nodes), and keeps cycles as edges for the policy engine to report. Datasets made
// of a model's outputs become `uses-output-of` edges to the models that generated them.
import type { Relation } from "../kb/schema.js";
import type { Finding, ModelRecord } from "../inspect/record.js";
import type { Resolver, ResolvedFrom } from "./resolver.js";
import { thousands } from "../text/thousands.js";

/** At most this many models in one lineage: real ones are a handful; past this it is hostile. */
export const MAX_NODES = 50_000;

export interface LineageNode {
  id: string;
  record: ModelRecord | null;
  from: ResolvedFrom | "unresolved";
  /** The weights' license expression, NONE or NOASSERTION; null when unresolved. */
  license: string | null;
  bases: LineageEdge[];
  datasets: DatasetNode[];
}

export interface LineageEdge {
  relation: Relation;
  node: LineageNode;
  /** For `uses-output-of` edges found through training data: the dataset the outputs made. */
  via?: string;
}

export interface DatasetNode {
  id: string;
  license: string | null;
  from: ResolvedFrom | "unresolved";
  /** Models whose outputs made the dataset. */
  generatedBy: string[];
}

export interface Lineage {
  root: LineageNode;
  findings: Finding[];
}

export async function buildLineage(target: ModelRecord, resolver: Resolver): Promise<Lineage> {
  const findings: Finding[] = [];
  const nodes = new Map<string, LineageNode>();
  const make = (rec: ModelRecord, from: LineageNode["from"]): LineageNode => {
    const node: LineageNode = {
      id: rec.id,
      record: rec,
      from,
      license: rec.license.id,
      bases: [],
      datasets: [],
    };
    nodes.set(rec.id.toLowerCase(), node);
    return node;
  };
  const root = make(target, "target");
  const queue: LineageNode[] = [root];
  let cut = false;

  /** The node of a base id: known, resolved, or an unresolved stand-in carrying what the card said. */
  const nodeOf = async (id: string, license: string | undefined, from: LineageNode): Promise<LineageNode> => {
    const seen = nodes.get(id.toLowerCase());
    if (seen) return seen;
    if (nodes.size >= MAX_NODES) {
      if (!cut)
        findings.push({
          severity: "unknown",
          code: "lineage-too-large",
          message: `The lineage has more than ${thousands(MAX_NODES)} models; it was cut at ${id}, which is judged as unresolved.`,
          path: [root.id, from.id, id],
        });
      cut = true;
      return { id, record: null, from: "unresolved", license: license ?? null, bases: [], datasets: [] };
    }
    const r = await resolver.resolve(id);
    if (r) {
      const n = make(r.record, r.from);
      queue.push(n);
      return n;
    }
    const un: LineageNode = {
      id,
      record: null,
      from: "unresolved",
      license: license ?? null,
      bases: [],
      datasets: [],
    };
    nodes.set(id.toLowerCase(), un);
    return un;
  };

  while (queue.length) {
    const node = queue.shift()!;
    const rec = node.record!;
    for (const b of rec.bases)
      node.bases.push({ relation: b.relation, node: await nodeOf(b.id, b.license, node) });
    for (const d of rec.datasets) {
      const known = await resolver.resolve(d.id);
      const generatedBy = [
        ...new Set([
          ...(d.generatedBy ?? []),
          ...(known?.record.generatedBy ?? []),
          // a dataset's own bases are the models it was made from
          ...(known ? known.record.bases.map((b) => b.id) : []),
        ]),
      ];
      node.datasets.push({
        id: d.id,
        license: d.license ?? (known ? known.record.license.id : null),
        from: known?.from ?? (d.license ? "target" : "unresolved"),
        generatedBy,
      });
      for (const g of generatedBy)
        node.bases.push({ relation: "uses-output-of", node: await nodeOf(g, undefined, node), via: d.id });
    }
  }
  return { root, findings };
}

/** Every node of a lineage once, breadth first from the root (the root is first). */
export function lineageNodes(root: LineageNode): LineageNode[] {
  const out: LineageNode[] = [root];
  const seen = new Set<LineageNode>([root]);
  for (let at = 0; at < out.length; at++)
    for (const e of out[at]!.bases)
      if (!seen.has(e.node)) {
        seen.add(e.node);
        out.push(e.node);
      }
  return out;
}
