import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { knowledgeBase, NOASSERTION } from "../../src/kb/knowledge-base.js";
import { ROOT, SHARED } from "../helpers.js";

// The Hub's 83 license ids; a copy travels with the tests so they run without ../shared.
const tsv = (() => {
  try {
    return readFileSync(join(SHARED, "reference", "hub-license-ids.tsv"), "utf8");
  } catch {
    return readFileSync(join(ROOT, "test", "fixtures", "hub-license-ids.txt"), "utf8");
  }
})();
const ids = tsv
  .split("\n")
  .slice(1)
  .map((l) => l.split("\t")[0]!.trim())
  .filter(Boolean);

test("the reference list has all 83 Hub license ids", () => assert.equal(ids.length, 83));

test("every Hub license id resolves to an entry, a family entry or NOASSERTION", () => {
  const kb = knowledgeBase();
  for (const id of ids) {
    const r = kb.fromHubId(id);
    if (id === "other" || id === "unknown") assert.equal(r, NOASSERTION, id);
    else {
      assert.ok(r && kb.license(r), `Hub id '${id}' resolves to nothing`);
      assert.equal(kb.license(r!)!.hub, id, `'${id}' resolves to ${r}, whose hub field differs`);
    }
  }
});
