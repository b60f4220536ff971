// One test walks test/fixtures/models/manifest.json: each case is a folder laid out like a Hub
// repo, copied to a temp dir (with any real license texts written in at test time) and inspected.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inspectFolder } from "../../src/inspect/inspect.js";
import { spdxTexts } from "../../src/kb/reference-texts.js";
import { fixture, SHARED } from "../helpers.js";
import { tempDir } from "./binary-writers.js";

interface Expect {
  license: string;
  name: string;
  nameSource: string;
  components: { kind: string; license: string; sources: string[] }[];
  bases: { id: string; relation: string }[];
  datasets: string[];
  findings: string[];
}
interface Case {
  description: string;
  generate?: Record<string, string>;
  expect: Expect;
}

const MODELS = fixture("models");
const manifest = JSON.parse(readFileSync(join(MODELS, "manifest.json"), "utf8")) as {
  cases: Record<string, Case>;
};
const CORPUS = join(SHARED, "corpus");

/** The text a `generate` entry names, or null when its source is absent on this machine. */
function generated(source: string): string | null {
  const [kind, ref] = [source.slice(0, source.indexOf(":")), source.slice(source.indexOf(":") + 1)];
  if (kind === "spdx") {
    const e = spdxTexts()[ref];
    if (!e) throw new Error(`manifest: no SPDX text for ${ref}`);
    return e.licenseText;
  }
  if (kind === "corpus") {
    const p = join(CORPUS, ref);
    return existsSync(p) ? readFileSync(p, "utf8") : null;
  }
  throw new Error(`manifest: unknown source ${source}`);
}

test("every fixture folder has a manifest entry and every entry a folder", () => {
  const folders = readdirSync(MODELS)
    .filter((n) => statSync(join(MODELS, n)).isDirectory())
    .sort();
  assert.deepEqual(folders, Object.keys(manifest.cases).sort());
});

test("fixture model folders inspect as the manifest says", async (t) => {
  const tmp = tempDir("mlicense-models-");
  t.after(() => tmp.done());
  for (const [name, c] of Object.entries(manifest.cases)) {
    const texts = Object.entries(c.generate ?? {}).map(([file, src]) => [file, generated(src)] as const);
    const missing = texts.filter(([, text]) => text === null);
    await t.test(
      name,
      { skip: missing.length ? `corpus text for ${missing.map(([f]) => f).join(", ")} not present` : false },
      () => {
        // the folder keeps its name: the name rules fall back to it
        const dir = join(tmp.dir, name);
        cpSync(join(MODELS, name), dir, { recursive: true });
        for (const [file, text] of texts) {
          assert.ok(!existsSync(join(dir, file)), `${name}/${file} is generated; do not commit it`);
          writeFileSync(join(dir, file), text!);
        }
        const r = inspectFolder(dir);
        const e = c.expect;
        const got: Expect = {
          license: r.license.id,
          name: r.name,
          nameSource: r.nameSource,
          components: r.components
            .map((x) => ({
              kind: x.kind,
              license: x.license,
              sources: [...new Set(x.evidence.map((ev) => ev.source))].sort(),
            }))
            .sort((a, b) => a.kind.localeCompare(b.kind)),
          bases: r.bases.map((b) => ({ id: b.id, relation: b.relation })),
          datasets: r.datasets.map((d) => d.id),
          findings: [...new Set(r.findings.map((f) => f.code))].sort(),
        };
        const want: Expect = {
          ...e,
          components: e.components
            .map((x) => ({ ...x, sources: [...x.sources].sort() }))
            .sort((a, b) => a.kind.localeCompare(b.kind)),
          findings: [...e.findings].sort(),
        };
        assert.deepEqual(got, want, `${name}: ${c.description}`);
        // every finding says what is wrong in words, and every fact keeps its evidence
        for (const f of r.findings) assert.ok(f.message.length > 10, `${name}: ${f.code} has no message`);
        for (const x of [...r.components, ...r.bases, ...r.datasets])
          assert.ok(x.evidence.length > 0, `${name}: a fact without evidence`);
        if (r.license.id !== "NONE") assert.ok(r.license.evidence.length > 0, `${name}: license evidence`);
      },
    );
  }
});
