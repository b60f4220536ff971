// "Derived from this": which checked models' lineages reach a given model, and by which chain.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { LineageView } from "../../src/check.js";
import { derivedFrom, type CheckedModel } from "../../src/derived.js";

const node = (id: string, bases: LineageView[] = [], relation?: string): LineageView => ({
  id,
  license: null,
  relation,
  from: "target",
  bases,
  datasets: [],
});
const model = (id: string, lineage: LineageView): CheckedModel => ({
  id,
  name: id,
  license: "mit",
  verdict: "ok",
  lineage,
});

test("children and grandchildren, shortest chain, case-insensitive ids, the model itself left out", () => {
  const models = [
    model("org/base", node("org/base")),
    model("a/child", node("a/child", [node("org/base", [], "finetune")])),
    model("a/gguf", node("a/gguf", [node("a/child", [node("org/base", [], "finetune")], "quantized")])),
    model(
      "a/merge",
      node("a/merge", [
        node("x/y", [node("org/base", [], "finetune")], "merge"),
        node("org/base", [], "merge"),
      ]),
    ),
    model("z/other", node("z/other", [node("q/r", [], "finetune")])),
  ];
  const d = derivedFrom("ORG/BASE", models);
  assert.deepEqual(
    d.map((x) => [x.id, x.depth, x.via.join(">"), x.relations.join(",")]),
    [
      ["a/child", 1, "a/child>org/base", "finetune"],
      ["a/merge", 1, "a/merge>org/base", "merge"],
      ["a/gguf", 2, "a/gguf>a/child>org/base", "quantized,finetune"],
    ],
  );
  assert.deepEqual(derivedFrom("nobody/none", models), []);
});

test("a lineage that refers back to itself ends", () => {
  const a = node("a/a");
  const b = node("b/b", [a], "finetune");
  a.bases.push(b);
  assert.deepEqual(derivedFrom("c/c", [model("a/a", a)]), []);
  assert.equal(derivedFrom("b/b", [model("a/a", a)])[0]?.depth, 1);
});
