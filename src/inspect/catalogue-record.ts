// Reader of the knowledge base's model catalogue: a catalogue model (or dataset) as a record, for
// lineage resolution and `inspect gpt-3`. Its licenses are expressions already.
import { catalogueLicense, knowledgeBase, type KnowledgeBase } from "../kb/knowledge-base.js";
import { parseExprString } from "../kb/expression.js";
import { expressionName } from "../kb/resolve-expression.js";
import type { Component } from "../kb/schema.js";
import { RECORD_SCHEMA, assertion, type ComponentRecord, type Evidence, type ModelRecord } from "./record.js";

export function recordFromCatalogue(query: string, kb: KnowledgeBase = knowledgeBase()): ModelRecord | null {
  const m = kb.findModel(query);
  if (!m) return null;
  const weights = catalogueLicense(m);
  const ev: Evidence = {
    source: "catalogue",
    field: m.kind === "dataset" ? "licenses.data" : "licenses.weights",
    value: `${m.id}: ${weights}`,
  };
  const components: ComponentRecord[] = Object.entries(m.licenses).map(([kind, lic]) => ({
    kind: kind as Component,
    license: lic!,
    evidence: [{ source: "catalogue", field: `licenses.${kind}`, value: lic! }],
  }));
  const expr = parseExprString(weights);
  return {
    schema: RECORD_SCHEMA,
    id: m.id,
    name: m.id.split("/").pop()!,
    nameSource: "catalogue",
    target: { kind: "catalogue", path: m.id },
    license: assertion({ id: weights, name: expr ? expressionName(kb, expr) : weights, evidence: [ev] }),
    components,
    bases: m.bases.map((x) => ({
      id: x.id,
      relation: x.relation,
      evidence: [{ source: "catalogue", value: x.id }],
    })),
    datasets: [],
    findings: [],
    weightsAvailable: m.weights_available,
    ...(m.generated_by.length ? { generatedBy: [...m.generated_by] } : {}),
  };
}
