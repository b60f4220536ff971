// The lineage graph: the target and, recursively, its bases and datasets, each resolved to a
// record. Cycles, unresolved bases and very deep chains become findings; the walk always ends.
import type { Relation } from "../kb/schema.js";
import type { Finding, ModelRecord } from "../inspect/record.js";
import type { Resolver, ResolvedFrom } from "./resolver.js";

/** Real lineages are a handful deep; past this something is wrong (or hostile). */
export const MAX_DEPTH = 32;
/** At most this many nodes in one lineage (merges of merges grow fast). */
export const MAX_NODES = 2000;

export interface LineageNode {
  id: string;
  record: ModelRecord | null;
  from: ResolvedFrom | "unresolved";
  /** Weights license id, NONE or NOASSERTION; null when unresolved. */
  license: string | null;
  bases: LineageEdge[];
  datasets: DatasetNode[];
}

export interface LineageEdge {
  relation: Relation;
  node: LineageNode;
}

export interface DatasetNode {
  id: string;
  license: string | null;
  from: ResolvedFrom | "unresolved";
}

export interface Lineage {
  root: LineageNode;
  findings: Finding[];
}

export async function buildLineage(target: ModelRecord, resolver: Resolver): Promise<Lineage> {
  const findings: Finding[] = [];
  const nodes = new Map<string, LineageNode>();
  let count = 0;

  const datasetsOf = async (rec: ModelRecord): Promise<DatasetNode[]> => {
    const out: DatasetNode[] = [];
    for (const d of rec.datasets) {
      const known = d.license ? null : await resolver.resolve(d.id);
      out.push({
        id: d.id,
        license: d.license ?? known?.record.license.id ?? null,
        from: known?.from ?? (d.license ? "target" : "unresolved"),
      });
    }
    return out;
  };

  const visit = async (rec: ModelRecord, from: LineageNode["from"], path: string[]): Promise<LineageNode> => {
    const node: LineageNode = {
      id: rec.id,
      record: rec,
      from,
      license: rec.license.id,
      bases: [],
      datasets: await datasetsOf(rec),
    };
    nodes.set(rec.id.toLowerCase(), node);
    count++;
    for (const b of rec.bases) {
      const childPath = [...path, b.id];
      if (path.some((p) => p.toLowerCase() === b.id.toLowerCase())) {
        findings.push({
          severity: "unknown",
          code: "lineage-cycle",
          message: `The lineage loops back to ${b.id}; the cycle was cut there.`,
          path: childPath,
        });
        continue;
      }
      if (childPath.length > MAX_DEPTH) {
        findings.push({
          severity: "unknown",
          code: "lineage-too-deep",
          message: `The lineage is deeper than ${MAX_DEPTH} levels; it was cut at ${b.id}.`,
          path: childPath,
        });
        continue;
      }
      const seen = nodes.get(b.id.toLowerCase());
      if (seen) {
        node.bases.push({ relation: b.relation, node: seen });
        continue;
      }
      if (count >= MAX_NODES) {
        findings.push({
          severity: "unknown",
          code: "lineage-too-large",
          message: `The lineage has more than ${MAX_NODES} models; it was cut at ${b.id}.`,
          path: childPath,
        });
        continue;
      }
      const r = await resolver.resolve(b.id);
      if (!r) {
        const un: LineageNode = {
          id: b.id,
          record: null,
          from: "unresolved",
          license: b.license ?? null,
          bases: [],
          datasets: [],
        };
        nodes.set(b.id.toLowerCase(), un);
        node.bases.push({ relation: b.relation, node: un });
        if (!b.license)
          findings.push({
            severity: "unknown",
            code: "base-unresolved",
            message: `The base model ${b.id} could not be found (not in the folder, the registry or the catalogue${resolver ? "" : ""}), so its license is unknown.`,
            path: childPath,
          });
        continue;
      }
      node.bases.push({ relation: b.relation, node: await visit(r.record, r.from, childPath) });
    }
    return node;
  };

  const root = await visit(target, "target", [target.id]);
  return { root, findings };
}
