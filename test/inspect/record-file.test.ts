// Saved ModelRecords: a record written by `inspect --json` loads back as it was; a record of the
// earlier schema (@1, single-id licenses) loads in the current one; malformed ones are InputErrors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError } from "../../src/errors.js";
import { inspect, inspectFiles, validateRecord } from "../../src/inspect/inspect.js";
import { RECORD_SCHEMA } from "../../src/inspect/record.js";
import { tempDir } from "./binary-writers.js";

const tmp = tempDir("mlicense-records-");
test.after(() => tmp.done());

test("a record saved as JSON loads back unchanged", () => {
  const r = inspectFiles({
    "README.md":
      "---\nlicense: [llama3.1, gemma]\nbase_model: [a/b, c/d]\nbase_model_relation: combination\n---\n",
  });
  const p = tmp.file("saved.json", JSON.stringify(r));
  assert.deepEqual(inspect(p), JSON.parse(JSON.stringify(r)));
});

test("an @1 record loads as @2, its ids filled from the id", () => {
  const v1 = {
    schema: "mlicense/model-record@1",
    id: "org/m",
    name: "m",
    nameSource: "hub-id",
    target: { kind: "folder", path: "x" },
    license: { id: "llama3.1", name: "Llama 3.1", evidence: [] },
    components: [],
    bases: [{ id: "meta-llama/Llama-3.1-8B", relation: "finetune", evidence: [] }],
    datasets: [],
    findings: [],
  };
  const r = validateRecord(v1);
  assert.equal(r.schema, RECORD_SCHEMA);
  assert.deepEqual(r.license.ids, ["llama3.1"]);
  const expr = validateRecord({
    ...v1,
    schema: RECORD_SCHEMA,
    license: { id: "mit OR apache-2.0", name: "x", evidence: [] },
  });
  assert.deepEqual(expr.license.ids, ["mit", "apache-2.0"]);
});

test("malformed records are InputErrors naming the field", () => {
  const good = JSON.parse(JSON.stringify(inspectFiles({ "README.md": "---\nlicense: mit\n---\n" })));
  const cases: [unknown, string | undefined][] = [
    [null, undefined],
    [{ ...good, schema: "mlicense/model-record@9" }, "schema"],
    [{ ...good, license: { ...good.license, ids: "mit" } }, "license.ids"],
    [{ ...good, bases: [{ id: "a/b", relation: "sideways" }] }, "bases.0.relation"],
  ];
  for (const [doc, field] of cases) {
    let err: unknown;
    try {
      validateRecord(doc, "rec.json");
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof InputError, String(err));
    assert.equal(err.file, "rec.json");
    assert.equal(err.field, field);
  }
});
