// Every license identifies as itself: each knowledge-base license's reference texts (corpus and
// SPDX) as they are, re-wrapped, and wrapped in markdown with a title and a copyright line, are
// identified as that license; Llama licenses with their acceptable use policy appended too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import { referenceTexts, type ReferenceText } from "../../src/kb/reference-texts.js";
import type { License } from "../../src/kb/schema.js";
import { identifyText, type IdentifyResult } from "../../src/identify/identify.js";
import { tokenize } from "../../src/identify/normalize.js";
import { exactHash } from "../../src/identify/shingles.js";
import { corpusTitles, referencePart } from "../../src/identify/reference-part.js";
import { asMarkdown, CORPUS, corpusText, HAVE_CORPUS, NEEDS_CORPUS, rewrap } from "./_texts.js";

const kb = knowledgeBase();

/**
 * A text that several entries name can identify as one of them only; this says which. gpt-3 cites
 * the OpenAI Terms of Use for its clauses (GPT-3 has no license text of its own: it was licensed
 * exclusively to Microsoft, the public only reaches it through the API under those terms), so the
 * text itself is openai-tou's.
 */
const OWNER: Record<string, string> = {
  "corpus:scancode-ml/openai-tou-20230314.LICENSE": "openai-tou",
};

const texts = new Map<string, ReferenceText[]>(kb.licenses.map((l) => [l.id, referenceTexts(l, CORPUS)]));
const ownerOf = (source: string, lic: License) => OWNER[source] ?? lic.id;
/** A license whose entry warns that it is a modified license is reported as modified even unchanged. */
const isModifiedLicense = (id: string) =>
  Boolean(kb.license(id)?.warnings.some((w) => w.code === "modified-license"));
const titles = corpusTitles(CORPUS);
/** The part a reference text is, by the builder's rule (a policy entry's own text is its license part). */
const partOf = (source: string, lic: License) =>
  referencePart(lic, titles.get(source.replace(/^corpus:/, "")) ?? "");

function describe(r: IdentifyResult): string {
  if (r.error) return `error ${r.error.code}`;
  if (!r.matches.length) return "no match";
  return r.matches
    .map(
      (m) =>
        `${m.id} (${m.method} ${m.confidence}${m.part ? ` ${m.part}` : ""}${m.modified ? " modified" : ""})`,
    )
    .join(", ");
}

const VARIANTS: [string, (text: string, lic: License) => string, { layoutKept: boolean }][] = [
  ["as is", (t) => t, { layoutKept: true }],
  ["re-wrapped to 60 columns", (t) => rewrap(t, 60), { layoutKept: false }],
  ["re-wrapped to 80 columns", (t) => rewrap(t, 80), { layoutKept: false }],
  ["in markdown with a title and a copyright line", (t, l) => asMarkdown(l.name, t), { layoutKept: true }],
];

test("texts that several knowledge-base entries name have a declared owner", () => {
  const byHash = new Map<string, Set<string>>();
  const sourcesByHash = new Map<string, Set<string>>();
  for (const [id, list] of texts)
    for (const t of list) {
      const h = exactHash(tokenize(t.text));
      byHash.set(h, (byHash.get(h) ?? new Set()).add(id));
      sourcesByHash.set(h, (sourcesByHash.get(h) ?? new Set()).add(t.source));
    }
  const undeclared: string[] = [];
  for (const [h, ids] of byHash) {
    if (ids.size < 2) continue;
    const sources = [...sourcesByHash.get(h)!];
    if (!sources.every((s) => OWNER[s] && ids.has(OWNER[s])))
      undeclared.push(`${[...ids].join(" / ")} share ${sources.join(", ")}`);
  }
  assert.deepEqual(undeclared, []);
  for (const [source, owner] of Object.entries(OWNER))
    assert.ok(kb.license(owner), `OWNER names ${owner} for ${source}, which is not in the knowledge base`);
});

for (const lic of kb.licenses) {
  const own = (texts.get(lic.id) ?? []).filter((t) => ownerOf(t.source, lic) === lic.id);
  const skip = own.length
    ? false
    : lic.reference_text?.corpus.length && !HAVE_CORPUS
      ? NEEDS_CORPUS
      : "no reference text of its own";
  test(`${lic.id} identifies as itself`, { skip }, () => {
    const failures: string[] = [];
    for (const { source, text } of own)
      for (const [variant, make, { layoutKept }] of VARIANTS) {
        const r = identifyText(make(text, lic));
        const best = r.matches[0];
        // a family's entry whose reference is one version's text is that version, based on it
        if (best?.id !== lic.id && best?.base !== lic.id) {
          failures.push(`${source} ${variant}: ${describe(r)}`);
          continue;
        }
        // only the layout of the lines changed: the text is the reference, not a modified copy
        if (layoutKept && r.modified !== isModifiedLicense(lic.id))
          failures.push(`${source} ${variant}: modified is ${r.modified}: ${describe(r)}`);
        if (layoutKept && best.part !== partOf(source, lic))
          failures.push(`${source} ${variant}: part is ${best.part}, expected ${partOf(source, lic)}`);
      }
    assert.deepEqual(failures, []);
  });
}

test("a license that is only re-wrapped is not reported as modified", () => {
  const failures: string[] = [];
  let checked = 0;
  for (const lic of kb.licenses) {
    if (isModifiedLicense(lic.id)) continue;
    for (const { source, text } of texts.get(lic.id) ?? []) {
      if (ownerOf(source, lic) !== lic.id) continue;
      for (const width of [60, 80]) {
        checked++;
        const r = identifyText(rewrap(text, width));
        if (r.matches[0]?.id === lic.id && r.modified) {
          const changes = r.matches[0].changes?.map((c) => `${c.kind} ${c.words}`).join(", ");
          failures.push(`${source} at ${width} columns: modified (${changes})`);
        }
      }
    }
  }
  assert.ok(checked > 100, `only ${checked} texts checked`);
  assert.deepEqual(failures, []);
});

// Llama releases ship LICENSE and USE_POLICY.md; people paste both into one file.
const isPolicyOf = (lic: License, rel: string) =>
  referencePart(lic, titles.get(rel) ?? "") === "acceptable-use-policy";
const withPolicy = kb.licenses.filter((l) => l.reference_text?.corpus.some((c) => isPolicyOf(l, c)));

test("the Llama licenses with an acceptable use policy are all checked", () => {
  assert.deepEqual(withPolicy.map((l) => l.id).sort(), [
    "llama2",
    "llama3",
    "llama3.1",
    "llama3.2",
    "llama3.3",
    "llama4",
  ]);
});

for (const lic of withPolicy) {
  test(`${lic.id} with its acceptable use policy appended is that license`, { skip: NEEDS_CORPUS }, () => {
    const rels = lic.reference_text!.corpus;
    const license = corpusText(rels.find((c) => !isPolicyOf(lic, c))!);
    const policy = corpusText(rels.find((c) => isPolicyOf(lic, c))!);
    const text = `${license.trimEnd()}\n\n${policy}`;
    const policyStart = license.trimEnd().split("\n").length + 2;
    const r = identifyText(text);
    assert.equal(r.matches[0]?.id, lic.id, describe(r));
    assert.equal(r.matches[0]?.part, "license", describe(r));
    assert.equal(r.modified, false, `license + its own policy is not a modified license: ${describe(r)}`);
    const aup = r.matches.find((m) => m.part === "acceptable-use-policy");
    assert.ok(aup, `the appended policy is reported: ${describe(r)}`);
    assert.equal(aup.id, lic.id);
    assert.ok(
      aup.lines && aup.lines[0] >= policyStart - 1,
      `policy found at ${aup.lines} (starts ${policyStart})`,
    );
    assert.ok(
      r.matches.every((m) => m.id === lic.id),
      describe(r),
    );
  });
}

test(
  "a policy entry's own text is its license part; a license's policy file is its acceptable-use-policy part",
  {
    skip: NEEDS_CORPUS,
  },
  () => {
    const policies = kb.licenses.filter((l) => l.family === "policy" && l.reference_text?.corpus.length);
    assert.ok(policies.length >= 2, policies.map((l) => l.id).join(", "));
    for (const l of policies)
      for (const rel of l.reference_text!.corpus)
        assert.equal(referencePart(l, titles.get(rel) ?? ""), "license", rel);
    const llama3 = kb.license("llama3")!;
    assert.equal(
      referencePart(llama3, titles.get("ml-licenses/llama3-aup.txt") ?? ""),
      "acceptable-use-policy",
    );
    assert.equal(referencePart(llama3, titles.get("ml-licenses/llama3.txt") ?? ""), "license");
  },
);
