// Terms files beside LICENSE (USE_POLICY.md, GEMMA_TERMS_OF_USE.md, LICENSE-MODEL, NOTICE, ...):
// every license identified in the weights' terms files binds, so the weights' license is their
// AND; a policy part of a license already present adds nothing; a file that identifies as
// nothing adds NOASSERTION and a finding.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inspectFolder } from "../../src/inspect/inspect.js";
import { termsFileKind } from "../../src/inspect/license-files.js";
import { spdxTexts } from "../../src/kb/reference-texts.js";
import { SHARED } from "../helpers.js";
import { tempDir } from "./binary-writers.js";
import { materialise, missingTexts } from "./model-fixtures.js";

const tmp = tempDir("mlicense-terms-");
test.after(() => tmp.done());
const corpus = (f: string): string | null => {
  const p = join(SHARED, "corpus", "ml-licenses", f);
  return existsSync(p) ? readFileSync(p, "utf8") : null;
};
const skipWithout = (...files: string[]) =>
  files.some((f) => corpus(f) === null) ? `corpus text ${files.join(", ")} not present` : false;

function folder(name: string, files: Record<string, string>): string {
  const dir = join(tmp.dir, name);
  mkdirSync(dir);
  for (const [f, t] of Object.entries(files)) writeFileSync(join(dir, f), t);
  return dir;
}

test("termsFileKind: which names are terms files", () => {
  const terms = [
    "LICENSE",
    "LICENSE.md",
    "LICENCE.txt",
    "LICENSE-MODEL",
    "LICENSE_MODEL",
    "LICENSE.apache",
    "COPYING",
    "MODEL_LICENSE",
    "MODEL_LICENSE_AGREEMENT.txt",
    "USE_POLICY.md",
    "ACCEPTABLE_USE_POLICY.md",
    "GEMMA_TERMS_OF_USE.md",
    "TERMS.txt",
    "Tongyi Qianwen LICENSE AGREEMENT",
  ];
  for (const n of terms) assert.equal(termsFileKind(n), "terms", n);
  for (const n of ["NOTICE", "NOTICE.md", "notice.txt"]) assert.equal(termsFileKind(n), "notice", n);
  for (const n of [
    "README.md",
    "config.json",
    "license_utils.py",
    "LICENSE.json",
    "terms.py",
    "model.safetensors",
  ])
    assert.equal(termsFileKind(n), null, n);
});

test(
  "a Llama repo: LICENSE and USE_POLICY.md (the policy part of the license present) give the card's license",
  { skip: missingTexts("llama-use-policy").length ? "corpus absent" : false },
  () => {
    const r = inspectFolder(materialise(tmp.dir, "llama-use-policy"));
    assert.equal(r.license.id, "llama3.1");
    assert.deepEqual(r.findings, []);
    const files = r.license.evidence.filter((e) => e.source === "license-file");
    assert.deepEqual(
      files.map((e) => [e.file!.split("/").pop(), e.line]),
      [
        ["LICENSE", 5],
        ["USE_POLICY.md", 3],
      ],
    );
  },
);

test(
  "a Gemma-derived repo: GEMMA_TERMS_OF_USE.md beside an Apache LICENSE binds too",
  { skip: missingTexts("gemma-terms-beside-license").length ? "corpus absent" : false },
  () => {
    const r = inspectFolder(materialise(tmp.dir, "gemma-terms-beside-license"));
    assert.equal(r.license.id, "apache-2.0 AND gemma");
    assert.deepEqual(r.license.ids, ["apache-2.0", "gemma"]);
    assert.deepEqual(r.findings, [], "no card license, so nothing to contradict");
  },
);

test(
  "an acceptable-use policy whose license the card does not declare adds that license, with a mismatch",
  { skip: skipWithout("llama3.1-aup.txt") },
  () => {
    const dir = folder("aup-only", {
      "README.md": "---\nlicense: apache-2.0\n---\n# aup-only\n",
      "USE_POLICY.md": corpus("llama3.1-aup.txt")!,
    });
    const r = inspectFolder(dir);
    assert.equal(r.license.id, "apache-2.0 AND llama3.1");
    const m = r.findings.find((f) => f.code === "license-mismatch");
    assert.ok(m);
    assert.match(m.message, /USE_POLICY\.md is the acceptable-use policy of Llama 3\.1/);
    assert.equal(m.line, 3);
  },
);

test(
  "a Gemma card with the Gemma terms and a NOTICE naming them: one license, every file evidence",
  { skip: skipWithout("gemma.txt") },
  () => {
    const dir = folder("gemma-notice", {
      "README.md": "---\nlicense: gemma\n---\n# gemma-notice\n",
      "GEMMA_TERMS_OF_USE.md": corpus("gemma.txt")!,
      NOTICE: "The Gemma model weights in this repository are provided under the Gemma Terms of Use.\n",
    });
    const r = inspectFolder(dir);
    assert.equal(r.license.id, "gemma");
    assert.deepEqual(r.findings, []);
    assert.equal(r.license.evidence.filter((e) => e.source === "license-file").length, 2);
  },
);

test("a NOTICE that names no license is an attribution notice: no terms, no finding", () => {
  const dir = folder("plain-notice", {
    "README.md": "---\nlicense: apache-2.0\n---\n# plain-notice\n",
    NOTICE: "Plain Notice Model\nCopyright 2024 Example Labs\n",
  });
  const r = inspectFolder(dir);
  assert.equal(r.license.id, "apache-2.0");
  assert.deepEqual(r.findings, []);
});

test(
  "software licenses in a file that also holds a model license speak for the code",
  { skip: skipWithout("creativeml-openrail-m.txt") },
  () => {
    const dir = folder("mixed-license", {
      LICENSE: `${spdxTexts().MIT!.licenseText}\n\n${corpus("creativeml-openrail-m.txt")}`,
    });
    const r = inspectFolder(dir);
    assert.equal(r.license.id, "creativeml-openrail-m");
    assert.deepEqual(
      r.components.map((c) => [c.kind, c.license]),
      [
        ["weights", "creativeml-openrail-m"],
        ["code", "mit"],
      ],
    );
  },
);

test("LICENSE-CODE speaks for the code, LICENSE-MODEL for the weights; two software texts alone both bind", () => {
  const spdx = spdxTexts();
  const r = inspectFolder(
    folder("by-name", {
      "LICENSE-CODE": spdx.MIT!.licenseText,
      "LICENSE-MODEL": spdx["CC-BY-4.0"]!.licenseText,
    }),
  );
  assert.deepEqual(
    r.components.map((c) => [c.kind, c.license]),
    [
      ["weights", "cc-by-4.0"],
      ["code", "mit"],
    ],
  );
  const both = inspectFolder(
    folder("two-software", { LICENSE: `${spdx.MIT!.licenseText}\n\n${spdx["Apache-2.0"]!.licenseText}` }),
  );
  assert.equal(both.license.id.split(" AND ").sort().join(" AND "), "apache-2.0 AND mit");
});

test("a second terms file that identifies as nothing: NOASSERTION in the conjunction and a finding naming it", () => {
  const r = inspectFolder(materialise(tmp.dir, "terms-file-unrecognised"));
  assert.equal(r.license.id, "apache-2.0 AND NOASSERTION");
  const f = r.findings.find((x) => x.code === "license-file-not-recognised");
  assert.ok(f?.file?.endsWith("MODEL_LICENSE.md"));
});
