// Known licenses with modifications: a paragraph of terms added or a clause removed makes another
// license, reported as an unknown license (NOASSERTION) resembling the known one, with the
// differing clauses; GPT-2's modified MIT is a license of its own. Also files holding two
// licenses, and a license's words in a scrambled order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { identifyText, type IdentifyResult } from "../../src/identify/identify.js";
import { NOASSERTION } from "../../src/kb/knowledge-base.js";
import { corpusText, NEEDS_CORPUS, paragraphs, rewrap, scramble, spdxText } from "./_texts.js";

const ADDED = [
  "The Licensee shall plant one tree in a public park for every thousand copies of",
  "the Model it distributes, and shall keep a written record of each tree so planted",
  "for inspection by the Licensor upon reasonable request.",
].join("\n");

function describe(r: IdentifyResult): string {
  return JSON.stringify(
    r.matches.map(({ id, method, confidence, lines, changes }) => ({
      id,
      method,
      confidence,
      lines,
      changes,
    })),
  );
}

/** The text with a paragraph inserted before paragraph `at`, and the 1-based lines it occupies. */
function insertParagraph(text: string, at: number, para: string): { text: string; lines: [number, number] } {
  const ps = paragraphs(text);
  const before = ps.slice(0, at).join("\n\n");
  const start = before.split("\n").length + 2;
  return {
    text: [...ps.slice(0, at), para, ...ps.slice(at)].join("\n\n"),
    lines: [start, start + para.split("\n").length - 1],
  };
}

/** Not named as the license: an unknown license resembling it, which says where it differs. */
function resembling(r: IdentifyResult, id: string) {
  assert.equal(r.matches[0]?.id, NOASSERTION, describe(r));
  assert.ok(!r.matches.some((m) => m.id === id), describe(r));
  assert.equal(r.modified, true, describe(r));
  const like = r.resembles?.find((x) => x.id === id);
  assert.ok(like, `resembles ${id}: ${JSON.stringify(r.resembles)}`);
  assert.ok(
    like.differences.every((d) => d.substantive),
    JSON.stringify(like.differences),
  );
  return like;
}

function assertAdded(r: IdentifyResult, id: string, lines: [number, number]): void {
  const like = resembling(r, id);
  const added = like.differences.filter((c) => c.kind === "added");
  const covering = added.find((c) => c.lines && c.lines[0] <= lines[0] && c.lines[1] >= lines[1]);
  assert.ok(covering, `no added change covers lines ${lines}: ${describe(r)}`);
  // the change is the paragraph, not the whole license, and shows its words
  assert.ok(covering.lines![1] - covering.lines![0] <= lines[1] - lines[0] + 4, describe(r));
  assert.match(covering.text ?? "", /plant one tree/);
}

test("Apache-2.0 with a paragraph of terms added: not Apache-2.0, resembling it, the added lines shown", () => {
  const apache = spdxText("Apache-2.0");
  const at = paragraphs(apache).findIndex((p) => p.startsWith("5. Submission of Contributions"));
  assert.ok(at > 0);
  const { text, lines } = insertParagraph(apache, at, ADDED);
  assertAdded(identifyText(text), "apache-2.0", lines);
});

for (const [id, rel] of [
  ["creativeml-openrail-m", "ml-licenses/creativeml-openrail-m.txt"],
  ["llama2", "ml-licenses/llama2.txt"],
  ["gemma", "ml-licenses/gemma.txt"],
] as const) {
  test(
    `${id} with a paragraph of terms added mid-way: resembling it, the added lines shown`,
    { skip: NEEDS_CORPUS },
    () => {
      const original = corpusText(rel);
      const { text, lines } = insertParagraph(original, Math.floor(paragraphs(original).length / 2), ADDED);
      assertAdded(identifyText(text), id, lines);
    },
  );
}

test("Apache-2.0 with clause 4(d) removed: resembling Apache-2.0, the removed clause shown", () => {
  const apache = spdxText("Apache-2.0");
  const cut = apache.replace(
    /\n\s*\(d\) If the Work includes a "NOTICE"[\s\S]*?modifying the License\.\n/,
    "\n",
  );
  assert.ok(cut.length < apache.length - 500, "clause 4(d) was cut");
  const r = identifyText(cut);
  const like = resembling(r, "apache-2.0");
  const removed = like.differences.find((c) => c.kind === "removed" && c.words > 50);
  assert.ok(removed, JSON.stringify(like.differences));
  // the SPDX text is at hand: the missing words are shown
  assert.match(removed.text ?? "", /notice text file/i);
});

test(
  "CreativeML OpenRAIL-M without its use-restriction paragraph: resembling it",
  { skip: NEEDS_CORPUS },
  () => {
    // one line per section in this file
    const lines = corpusText("ml-licenses/creativeml-openrail-m.txt").split("\n");
    const at = lines.findIndex((l) => /^5\. Use-based restrictions/.test(l));
    assert.ok(at > 0, "section 5 found");
    const r = identifyText(lines.filter((_, i) => i !== at).join("\n"));
    const like = resembling(r, "creativeml-openrail-m");
    assert.ok(
      like.differences.some((c) => c.kind === "removed"),
      JSON.stringify(like.differences),
    );
  },
);

test("a sentence added to a license's end matter, after words its terms use too, changes no terms", () => {
  // the sample notice of "How to Apply These Terms" holds words the terms use as well ("any later
  // version"): the added sentence is placed by the end matter's own words before it, not by those
  const text = spdxText("GPL-3.0-only");
  const at = text.indexOf("any later version.", text.indexOf("How to Apply These Terms"));
  assert.ok(at > 0);
  const end = at + "any later version.".length;
  const edited = `${text.slice(0, end)}\nThe Licensee must plant one tree for every copy distributed.${text.slice(end)}`;
  const r = identifyText(edited);
  assert.equal(r.matches[0]?.id, "gpl-3.0", describe(r));
  assert.equal(r.modified, false, describe(r));
});

test("GPT-2's modified MIT is gpt2-modified-mit, modified, not MIT", { skip: NEEDS_CORPUS }, () => {
  const r = identifyText(corpusText("ml-licenses/gpt2-modified-mit.txt"));
  assert.equal(r.matches[0]?.id, "gpt2-modified-mit", describe(r));
  assert.equal(r.modified, true);
  assert.ok(!r.matches.some((m) => m.id === "mit"), describe(r));
});

test(
  "GPT-2's modified MIT re-wrapped to any width from 40 to 120 columns is still itself",
  { skip: NEEDS_CORPUS },
  () => {
    const gpt2 = corpusText("ml-licenses/gpt2-modified-mit.txt");
    const wrong: string[] = [];
    for (let width = 40; width <= 120; width += 4) {
      const r = identifyText(rewrap(gpt2, width));
      if (r.matches[0]?.id !== "gpt2-modified-mit") wrong.push(`${width} columns: ${describe(r)}`);
    }
    assert.deepEqual(wrong, []);
  },
);

test("plain MIT is not reported as GPT-2's modified MIT", () => {
  const r = identifyText(spdxText("MIT"));
  assert.equal(r.matches[0]?.id, "mit");
  assert.equal(r.modified, false);
});

test(
  "MIT for the code and CreativeML OpenRAIL-M for the weights in one file: both, each in its half",
  { skip: NEEDS_CORPUS },
  () => {
    const mit = spdxText("MIT").trim();
    const rail = corpusText("ml-licenses/creativeml-openrail-m.txt").trim();
    const head = `# Licenses\n\n## Code\n\n${mit}\n\n## Model weights\n\n`;
    const text = head + rail + "\n";
    const split = head.split("\n").length - 2; // last line of the MIT half
    const r = identifyText(text);
    const byId = new Map(r.matches.map((m) => [m.id, m]));
    assert.deepEqual([...byId.keys()].sort(), ["creativeml-openrail-m", "mit"], describe(r));
    const m = byId.get("mit")!.lines!;
    const c = byId.get("creativeml-openrail-m")!.lines!;
    assert.ok(m[1] < c[0] || c[1] < m[0], `ranges overlap: mit ${m}, openrail ${c}`);
    assert.ok(m[0] >= 1 && m[1] <= split, `mit at ${m}, its half is 1-${split}`);
    assert.ok(
      c[0] > split && c[1] <= text.split("\n").length,
      `openrail at ${c}, its half starts at ${split + 1}`,
    );
    assert.equal(r.modified, false, describe(r));
  },
);

test("the same two licenses in the other order: each still in its half", { skip: NEEDS_CORPUS }, () => {
  const rail = corpusText("ml-licenses/creativeml-openrail-m.txt").trim();
  const text = `${rail}\n\n${spdxText("MIT").trim()}\n`;
  const split = rail.split("\n").length;
  const r = identifyText(text);
  const mit = r.matches.find((m) => m.id === "mit")?.lines;
  const cre = r.matches.find((m) => m.id === "creativeml-openrail-m")?.lines;
  assert.ok(mit && cre, describe(r));
  assert.ok(cre[1] <= split && mit[0] > split, `openrail ${cre}, mit ${mit}, split after ${split}`);
});

// Three-word shingles keep word order: the same words in another order are not the license, and a
// name matched in word soup is not a license statement. Three seeds per text, so that no single lucky
// order decides the outcome.
const SCRAMBLED: [string, () => string, string | false][] = [
  ["MIT", () => spdxText("MIT"), false],
  ["Apache-2.0", () => spdxText("Apache-2.0"), false],
  ["GPL-3.0", () => spdxText("GPL-3.0-only"), false],
  ["CreativeML OpenRAIL-M", () => corpusText("ml-licenses/creativeml-openrail-m.txt"), NEEDS_CORPUS],
  ["Llama 3", () => corpusText("ml-licenses/llama3.txt"), NEEDS_CORPUS],
  ["Gemma", () => corpusText("ml-licenses/gemma.txt"), NEEDS_CORPUS],
];
for (const [name, load, skip] of SCRAMBLED)
  test(`${name} with its words shuffled matches nothing`, { skip }, () => {
    const text = load();
    const found: string[] = [];
    for (const seed of [1, 2, 3]) {
      const r = identifyText(scramble(text, seed));
      if (r.matches.length) found.push(`seed ${seed}: ${describe(r)}`);
    }
    assert.deepEqual(found, []);
  });

test("an option passed as undefined takes its default (the CLI passes every option it parsed)", () => {
  const text = insertParagraph(spdxText("Apache-2.0"), 3, ADDED).text;
  const given = identifyText(text, {
    minContainment: undefined,
    minConfidence: undefined,
    maxMatches: undefined,
  });
  assert.equal(given.resembles?.[0]?.id, "apache-2.0");
  assert.equal(describe(given), describe(identifyText(text)));
});

test('MIT with a time limit inserted ("for 2 years"): a change of terms, not MIT; a list\'s number is not', () => {
  const mit = spdxText("MIT");
  const limited = mit.replace(
    "to deal in the Software without",
    "to deal in the Software for 2 years without",
  );
  assert.notEqual(limited, mit);
  const like = resembling(identifyText(limited), "mit");
  assert.ok(
    like.differences.some((d) => /for 2 years/.test(d.text ?? "")),
    JSON.stringify(like.differences),
  );
  // a number inserted alone (a footnote's, a list's) changes no term
  const footnote = mit.replace("to deal in the Software without", "to deal in the Software 2 without");
  assert.equal(identifyText(footnote).matches[0]?.id, "mit");
});
