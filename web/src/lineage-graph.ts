// The lineage of a checked model as an SVG graph: the target at the top, each base model one
// layer further down (the longest path decides the layer, so a shared grandparent sits below
// both parents), datasets under the model trained on them. Every node shows its license and is
// coloured by the worst finding about it; the target also carries the report's verdict.
import { h, s } from "./dom.js";
import { href } from "./router.js";
import type { Finding, LineageView, Severity, Verdict } from "./types.js";

export type NodeStatus = "violation" | "warning" | "unknown" | "conditional" | "ok";

export interface GraphNode {
  key: string;
  id: string;
  license: string | null;
  from: string;
  dataset: boolean;
  depth: number;
  status: NodeStatus;
  /** Finding messages about this node, for its tooltip. */
  notes: string[];
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
}

const RANK: Record<NodeStatus, number> = { ok: 0, conditional: 1, unknown: 2, warning: 3, violation: 4 };
const FROM_SEVERITY: Record<Severity, NodeStatus> = {
  violation: "violation",
  unknown: "unknown",
  warning: "warning",
  info: "ok",
};
const FROM_VERDICT: Record<Verdict, NodeStatus> = {
  violation: "violation",
  unknown: "unknown",
  conditional: "conditional",
  ok: "ok",
};
const worse = (a: NodeStatus, b: NodeStatus) => (RANK[b] > RANK[a] ? b : a);
const unknownLicense = (l: string | null) => !l || l === "NOASSERTION" || l === "NONE";

/** Flattens the report's tree into nodes (one per model id) and edges, and lays out layers. */
export function layoutLineage(
  root: LineageView,
  findings: Finding[],
  verdict: Verdict,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const add = (key: string, id: string, license: string | null, from: string, dataset: boolean) => {
    if (!nodes.has(key))
      nodes.set(key, { key, id, license, from, dataset, depth: 0, status: "ok", notes: [] });
    const n = nodes.get(key)!;
    // a repeated model comes back from the server without its bases; keep the richer facts
    if (n.license === null && license !== null) n.license = license;
    return n;
  };
  const walk = (v: LineageView) => {
    add(`m:${v.id}`, v.id, v.license, v.from, false);
    for (const b of v.bases) {
      edges.set(`m:${v.id}>m:${b.id}`, { from: `m:${v.id}`, to: `m:${b.id}`, label: b.relation ?? "base" });
      walk(b);
    }
    for (const d of v.datasets) {
      add(`d:${d.id}`, d.id, d.license, d.from, true);
      edges.set(`m:${v.id}>d:${d.id}`, { from: `m:${v.id}`, to: `d:${d.id}`, label: "trained on" });
    }
  };
  walk(root);

  // longest-path layering; the server cuts cycles, the bound guards against a malformed report
  for (let i = 0; i < nodes.size; i++) {
    let changed = false;
    for (const e of edges.values()) {
      const a = nodes.get(e.from)!,
        b = nodes.get(e.to)!;
      if (b.depth < a.depth + 1) {
        b.depth = a.depth + 1;
        changed = true;
      }
    }
    if (!changed) break;
  }

  for (const n of nodes.values()) if (unknownLicense(n.license)) n.status = "unknown";
  for (const f of findings) {
    const about = f.path[f.path.length - 1] ?? root.id;
    const n = nodes.get(`m:${about}`) ?? nodes.get(`d:${about}`);
    if (!n) continue;
    n.status = worse(n.status, FROM_SEVERITY[f.severity]);
    n.notes.push(f.message);
  }
  const top = nodes.get(`m:${root.id}`)!;
  top.status = worse(top.status, FROM_VERDICT[verdict]);
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

const W = 250,
  H = 54,
  GAP_X = 28,
  GAP_Y = 62,
  PAD = 16;

const clip = (t: string, n: number) => (t.length > n ? `${t.slice(0, n - 1)}…` : t);

const STATUS_WORDS: Record<NodeStatus, string> = {
  violation: "violation",
  warning: "warning",
  unknown: "license unknown",
  conditional: "conditional",
  ok: "no problem found",
};

export function lineageGraph(root: LineageView, findings: Finding[], verdict: Verdict): HTMLElement {
  const { nodes, edges } = layoutLineage(root, findings, verdict);
  const layers: GraphNode[][] = [];
  for (const n of nodes) (layers[n.depth] ??= []).push(n);
  const widest = Math.max(...layers.map((l) => l?.length ?? 0));
  const width = PAD * 2 + widest * W + (widest - 1) * GAP_X;
  const height = PAD * 2 + layers.length * H + (layers.length - 1) * GAP_Y;
  const pos = new Map<string, { x: number; y: number }>();
  layers.forEach((layer, d) => {
    const total = layer.length * W + (layer.length - 1) * GAP_X;
    const x0 = (width - total) / 2;
    layer.forEach((n, i) => pos.set(n.key, { x: x0 + i * (W + GAP_X), y: PAD + d * (H + GAP_Y) }));
  });

  const titleId = `lg-title-${Math.random().toString(36).slice(2, 8)}`;
  const svg = s(
    "svg",
    {
      class: "lineage-graph",
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: "img",
      "aria-labelledby": titleId,
    },
    s(
      "title",
      { id: titleId },
      `Lineage of ${root.id}: ${nodes.length} node${nodes.length === 1 ? "" : "s"}. ` +
        nodes.map((n) => `${n.id} (${n.license ?? "no license"}, ${STATUS_WORDS[n.status]})`).join("; "),
    ),
    s(
      "defs",
      {},
      s(
        "marker",
        {
          id: "lg-arrow",
          viewBox: "0 0 10 10",
          refX: 10,
          refY: 5,
          markerWidth: 7,
          markerHeight: 7,
          orient: "auto-start-reverse",
        },
        s("path", { d: "M0,0 L10,5 L0,10 z", class: "lg-arrowhead" }),
      ),
    ),
  );

  for (const e of edges) {
    const a = pos.get(e.from)!,
      b = pos.get(e.to)!;
    const x1 = a.x + W / 2,
      y1 = a.y + H,
      x2 = b.x + W / 2,
      y2 = b.y;
    const my = (y1 + y2) / 2;
    const lx = (x1 + x2) / 2,
      ly = my;
    const lw = e.label.length * 6.6 + 12;
    svg.append(
      s(
        "g",
        // parts shipped side by side and outputs learnt from are not the base's weights: drawn dashed
        { class: `lg-edge lg-edge-${e.label.replace(/[^a-z-]/g, "-")}` },
        s("path", {
          d: `M${x1},${y1} C${x1},${my} ${x2},${my} ${x2},${y2}`,
          "marker-end": "url(#lg-arrow)",
        }),
        s("rect", { x: lx - lw / 2, y: ly - 9, width: lw, height: 18, rx: 9, class: "lg-edge-label-bg" }),
        s("text", { x: lx, y: ly + 4, "text-anchor": "middle", class: "lg-edge-label" }, e.label),
      ),
    );
  }

  for (const n of nodes) {
    const p = pos.get(n.key)!;
    const lic = n.license ?? "no license found";
    const licText = s("text", { x: p.x + 12, y: p.y + 40, class: "lg-license" }, clip(lic, 34));
    const tip = [
      `${n.dataset ? "Dataset" : "Model"} ${n.id}`,
      `License: ${lic}`,
      `Found in: ${n.from}`,
      `Status: ${STATUS_WORDS[n.status]}`,
      ...n.notes,
    ].join("\n");
    svg.append(
      s(
        "g",
        {
          class: `lg-node status-${n.status}${n.dataset ? " dataset" : ""}${n.depth === 0 ? " target" : ""}`,
          "data-id": n.id,
          "data-license": n.license ?? "",
          "data-status": n.status,
        },
        s("title", {}, tip),
        s("rect", { x: p.x, y: p.y, width: W, height: H, rx: n.dataset ? 18 : 6 }),
        s("text", { x: p.x + 12, y: p.y + 20, class: "lg-id" }, clip(n.id, 32)),
        unknownLicense(n.license)
          ? licText
          : s("a", { href: href(`/licenses/${encodeURIComponent(n.license!)}`) }, licText),
      ),
    );
  }

  const legend = h(
    "ul",
    { class: "lg-legend", "aria-label": "Colours" },
    (["violation", "warning", "unknown", "conditional", "ok"] as NodeStatus[]).map((st) =>
      h("li", {}, h("span", { class: `swatch status-${st}`, "aria-hidden": "true" }), STATUS_WORDS[st]),
    ),
  );
  return h("figure", { class: "lineage" }, h("div", { class: "graph-scroll" }, svg), legend);
}

/** The same lineage as nested lists, for readers who cannot use the picture. */
export function lineageList(root: LineageView): HTMLElement {
  const item = (v: LineageView): HTMLElement =>
    h(
      "li",
      {},
      v.relation ? h("span", { class: "relation" }, `${v.relation}: `) : null,
      h("strong", {}, v.id),
      ` — ${v.license ?? "no license found"} (from ${v.from})`,
      v.bases.length || v.datasets.length
        ? h(
            "ul",
            {},
            v.bases.map(item),
            v.datasets.map((d) =>
              h(
                "li",
                {},
                h("span", { class: "relation" }, "trained on: "),
                d.id,
                ` — ${d.license ?? "no license found"}`,
              ),
            ),
          )
        : null,
    );
  return h("ul", { class: "lineage-list" }, item(root));
}
