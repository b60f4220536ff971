// The audit's HTML report: one self-contained page (inline CSS and SVG, no scripts, no network)
// that opens offline.
import type { AuditSummary } from "./audit.js";

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const COLOURS: Record<string, string> = {
  ok: "#2e7d32",
  conditional: "#f9a825",
  violation: "#c62828",
  unknown: "#757575",
};

function barChart(title: string, data: [string, number][], colour = "#1565c0"): string {
  const max = Math.max(1, ...data.map((d) => d[1]));
  const h = 22;
  const rows = data
    .map(([k, v], i) => {
      const w = Math.round((v / max) * 420);
      return `<text x="0" y="${i * h + 15}" font-size="12">${esc(k)}</text><rect x="200" y="${i * h + 4}" width="${w}" height="14" fill="${colour}"/><text x="${206 + w}" y="${i * h + 15}" font-size="12">${v.toLocaleString("en-US")}</text>`;
    })
    .join("");
  return `<figure><figcaption>${esc(title)}</figcaption><svg width="720" height="${data.length * h + 8}" role="img" aria-label="${esc(title)}">${rows}</svg></figure>`;
}

function verdictBar(v: AuditSummary["verdicts"]): string {
  const total = Math.max(
    1,
    Object.values(v).reduce((a, b) => a + b, 0),
  );
  let x = 0;
  const parts = (Object.entries(v) as [string, number][])
    .map(([k, n]) => {
      const w = (n / total) * 700;
      const r = `<rect x="${x}" y="0" width="${w}" height="28" fill="${COLOURS[k]}"><title>${k}: ${n}</title></rect>`;
      x += w;
      return r;
    })
    .join("");
  const legend = Object.entries(v)
    .map(
      ([k, n]) =>
        `<span class="chip" style="background:${COLOURS[k]}">${k} ${n.toLocaleString("en-US")} (${((100 * n) / total).toFixed(1)}%)</span>`,
    )
    .join(" ");
  return `<svg width="700" height="28" role="img" aria-label="verdicts">${parts}</svg><p>${legend}</p>`;
}

function transitionMatrix(s: AuditSummary): string {
  const parents = [...new Set(s.transitions.map((t) => t.parent))].slice(0, 12);
  const children = [...new Set(s.transitions.map((t) => t.child))].slice(0, 12);
  const max = Math.max(1, ...s.transitions.map((t) => t.count));
  const cell = (p: string, c: string) => {
    const t = s.transitions.find((x) => x.parent === p && x.child === c);
    if (!t) return "<td></td>";
    const bad = (t.verdicts.violation ?? 0) / t.count;
    const alpha = 0.15 + 0.85 * (t.count / max);
    const colour = bad > 0.5 ? `rgba(198,40,40,${alpha})` : `rgba(46,125,50,${alpha})`;
    return `<td style="background:${colour}" title="${t.count} models, ${t.verdicts.violation ?? 0} violations">${t.count}</td>`;
  };
  return `<table class="matrix"><tr><th>parent ↓ / child →</th>${children.map((c) => `<th>${esc(c)}</th>`).join("")}</tr>${parents
    .map((p) => `<tr><th>${esc(p)}</th>${children.map((c) => cell(p, c)).join("")}</tr>`)
    .join(
      "",
    )}</table><p class="note">Cells: models whose base has the row's license and who declare the column's license; red where most of them violate.</p>`;
}

export function renderAuditReport(s: AuditSummary, meta: { source: string; seconds: number }): string {
  const depth = Object.entries(s.depth).sort((a, b) => a[0].localeCompare(b[0]));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mlicense audit</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:980px;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}
.chip{color:#fff;padding:2px 8px;border-radius:10px;font-size:12px}
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ddd;padding:3px 6px;text-align:right}
th{background:#f5f5f5;text-align:left}.note{color:#666;font-size:12px}
.warning{background:#fff4e5;border-left:4px solid #e65100;padding:.5rem .8rem}
</style></head><body>
<h1>License audit of ${esc(meta.source)}</h1>
<p>${s.models.toLocaleString("en-US")} models, ${s.derived.toLocaleString("en-US")} derived from another model; ${s.distinct_lineages.toLocaleString("en-US")} distinct lineages evaluated in ${meta.seconds.toFixed(1)} s.
${
  Object.keys(s.skipped).length
    ? `Skipped rows: ${Object.entries(s.skipped)
        .map(([k, v]) => `${esc(k)} ${v}`)
        .join(", ")}.`
    : ""
}</p>
${s.warnings.map((w) => `<p class="warning" role="alert">Warning: ${esc(w)}</p>`).join("\n")}
<h2>Verdicts</h2>${verdictBar(s.verdicts)}
<h2>License families over the graph</h2>${barChart(
    "Models by license family",
    Object.entries(s.families).sort((a, b) => b[1] - a[1]),
  )}
<h2>Transitions</h2>${transitionMatrix(s)}
<h2>Violations by base family</h2>${barChart(
    "Violating models by the family of their bases' licenses (a merge counts once per family)",
    Object.entries(s.violations_by_base_family).sort((a, b) => b[1] - a[1]),
    "#c62828",
  )}
<h2>Depth of lineage</h2>${barChart("Models by lineage depth", depth, "#6a1b9a")}
<h2>Top findings</h2><table><tr><th>count</th><th>finding</th><th>license</th></tr>${s.top_findings
    .map(
      (f) =>
        `<tr><td>${f.count.toLocaleString("en-US")}</td><th>${esc(f.code)}</th><td>${esc(f.license ?? "")}</td></tr>`,
    )
    .join("")}</table>
<h2>Roots with the most violating descendants</h2><table><tr><th>model</th><th>license</th><th>violating descendants</th></tr>${s.worst_roots
    .map(
      (r) =>
        `<tr><th>${esc(r.id)}</th><td>${esc(r.license)}</td><td>${r.violating_descendants.toLocaleString("en-US")}</td></tr>`,
    )
    .join("")}</table>
<p class="note">Generated by mlicense. It reports what license texts and model cards say; it is not legal advice.</p>
</body></html>
`;
}
