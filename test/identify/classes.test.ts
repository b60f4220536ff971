// Identification by class of what real repositories carry beyond full license texts: notices,
// URLs, short references, mentions that are no statements, files of several texts, and strangers
// (licenses the knowledge base lacks that resemble one it has). Each class folder under
// test/fixtures/identify/<class>/ has a manifest.json: `files` are texts kept there, `generated`
// cases are built here from the SPDX texts and the corpus, so that no license text is committed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { identifyFiles, identifyText, type IdentifyResult } from "../../src/identify/identify.js";
import { NOASSERTION } from "../../src/kb/knowledge-base.js";
import { fixture } from "../helpers.js";
import { corpusText, NEEDS_CORPUS, spdxText } from "./_texts.js";

interface Expect {
  ids?: string[];
  anyOrder?: boolean;
  not?: string[];
  resembles?: string;
  /** The SPDX expression the result states (a license WITH an exception). */
  expression?: string;
}
interface Generated extends Expect {
  name: string;
  notice?: string;
  only?: boolean;
  comment?: "c" | "hash" | "none";
  copies?: string[];
  lesserOnly?: boolean;
  apacheWithoutAppendix?: boolean;
  corpus?: string;
  replace?: [string, string];
  append?: string;
  /** Appended to the `copies`: a passage of another SPDX text, from its first words to its last. */
  appendSpdx?: [string, string, string];
  /**
   * Appended to the `copies` as written: the SPDX text of a deprecated "<license>-with-<exception>"
   * id, which holds the exception alone after an "insert GPL text here" line.
   */
  appendException?: string;
  /** In the `copies`, every occurrence of the first string replaced by the second. */
  replaceAll?: [string, string][];
  /** Inserted into the `copies` before the first occurrence of the first string. */
  insert?: [string, string];
  /** The `copies` cut before the first occurrence of this string (a copy that leaves its end matter out). */
  cutAt?: string;
}
interface Manifest {
  files?: Record<string, Expect>;
  generated?: Generated[];
}

const CLASSES = ["notices", "urls", "mentions", "references", "strangers"];

function describe(r: IdentifyResult): string {
  return JSON.stringify({
    matches: r.matches.map((m) => `${m.id} (${m.method} ${m.confidence})`),
    resembles: r.resembles?.map((x) => x.id),
  });
}

function check(r: IdentifyResult, e: Expect): void {
  assert.equal(r.error, undefined);
  const got = r.matches.map((m) => m.id);
  if (e.ids) {
    if (e.anyOrder) assert.deepEqual([...got].sort(), [...e.ids].sort(), describe(r));
    else assert.deepEqual(got, e.ids, describe(r));
  }
  for (const n of e.not ?? []) {
    const hit = got.find((id) => (n.endsWith("*") ? id.startsWith(n.slice(0, -1)) : id === n));
    assert.equal(hit, undefined, `named ${hit}, which it is not: ${describe(r)}`);
  }
  if (e.resembles) {
    assert.ok(
      r.resembles?.some((x) => x.id === e.resembles),
      `resembles ${e.resembles}: ${describe(r)}`,
    );
    assert.equal(r.matches[0]?.id, NOASSERTION, describe(r));
    assert.equal(r.modified, true);
  }
  if (e.expression) assert.equal(r.expression?.expression, e.expression, describe(r));
  for (const m of r.matches) assert.ok(m.confidence > 0 && m.confidence <= 1, `confidence ${m.confidence}`);
}

/** The notice a license text recommends for files: its "How to Apply" paragraph, its appendix or exhibit. */
function recommendedNotice(spdxId: string): string {
  const text = spdxText(spdxId);
  const m =
    /(This (?:program|library) is free software[\s\S]*?(?:any later version|of the License)\.)/.exec(text) ??
    /(Licensed under the Apache License[\s\S]*?limitations under the License\.)/.exec(text) ??
    /(This Source Code Form is subject to[\s\S]*?\/MPL\/2\.0\/\.)/.exec(text);
  assert.ok(m, `${spdxId} recommends a notice`);
  return m[1]!.replace(/\s+/g, " ");
}

function wrap(words: string, prefix: string): string {
  const lines: string[] = [];
  let line = "";
  for (const w of words.split(" ")) {
    if (line && line.length + w.length > 72) {
      lines.push(prefix + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(prefix + line);
  return lines.join("\n");
}

function build(g: Generated): string {
  if (g.notice) {
    let n = recommendedNotice(g.notice).replace(/<[^>]*>/g, "Walrus");
    if (g.only)
      n = n
        .replace(
          /;? ?either version ([\d.]+) of the License, or \(at your option\) any later version/,
          "; version $1 of the License",
        )
        .replace(/, or \(at your option\) any later version/, "");
    const head = "Copyright (C) 2024 Jane Doe";
    if (g.comment === "c")
      return `/*\n * ${head}\n *\n${wrap(n, " * ")}\n */\nint main(void) { return 0; }\n`;
    if (g.comment === "hash") return `# ${head}\n#\n${wrap(n, "# ")}\n\nimport os\n`;
    return `${head}\n\n${wrap(n, "")}\n`;
  }
  if (g.copies) {
    let text = g.copies.map(spdxText).join("\n\n\n");
    for (const [a, b] of g.replaceAll ?? []) {
      assert.ok(text.includes(a), `the copies hold "${a}"`);
      text = text.split(a).join(b);
    }
    if (g.cutAt) {
      const at = text.indexOf(g.cutAt);
      assert.ok(at >= 0, `the copies hold "${g.cutAt}"`);
      text = text.slice(0, at);
    }
    if (g.insert) {
      const at = text.indexOf(g.insert[0]);
      assert.ok(at >= 0, `the copies hold "${g.insert[0]}"`);
      text = `${text.slice(0, at)}${wrap(g.insert[1], "")}\n\n${text.slice(at)}`;
    }
    if (g.appendSpdx) {
      const [id, from, to] = g.appendSpdx;
      const src = spdxText(id);
      const a = src.indexOf(from);
      const b = src.indexOf(to, a);
      assert.ok(a >= 0 && b > a, `${id} holds "${from} ... ${to}"`);
      text += `\n\n${wrap(src.slice(a, b + to.length).replace(/\s+/g, " "), "")}\n`;
    }
    if (g.appendException) {
      const src = spdxText(g.appendException);
      assert.match(
        src,
        /^insert GPL v\d[^\n]*\n/,
        `${g.appendException} is an exception after a placeholder`,
      );
      text += `\n\n${src.replace(/^insert GPL v\d[^\n]*\n/, "")}\n`;
    }
    if (g.append) text += `\n\n${g.append}\n`;
    return text;
  }
  if (g.lesserOnly) {
    // the usual COPYING.LESSER: the LGPL's own permissions, without the GPL text SPDX appends
    const lgpl = spdxText("LGPL-3.0-only");
    const cut = lgpl.search(/GNU GENERAL PUBLIC LICENSE\s+Version 3/);
    assert.ok(cut > 1000, "the GPL part of the SPDX LGPL-3.0 text was found");
    return lgpl.slice(0, cut);
  }
  if (g.apacheWithoutAppendix) {
    const apache = spdxText("Apache-2.0");
    return apache.slice(0, apache.indexOf("END OF TERMS AND CONDITIONS"));
  }
  let text = corpusText(g.corpus!);
  if (g.replace) {
    assert.ok(text.includes(g.replace[0]), `${g.corpus} holds "${g.replace[0]}"`);
    text = text.replace(g.replace[0], g.replace[1]);
  }
  if (g.append) text = `${text.trimEnd()}\n\n${g.append}\n`;
  return text;
}

for (const cls of CLASSES) {
  const manifest = JSON.parse(readFileSync(fixture("identify", cls, "manifest.json"), "utf8")) as Manifest;
  for (const [file, e] of Object.entries(manifest.files ?? {}))
    test(`${cls}/${file} → ${e.ids?.length ? e.ids.join(", ") : "no match"}`, () => {
      const [r] = identifyFiles([fixture("identify", cls, file)]);
      check(r!, e);
    });
  for (const g of manifest.generated ?? [])
    test(`${cls}: ${g.name}`, { skip: g.corpus ? NEEDS_CORPUS : false }, () => {
      check(identifyText(build(g)), g);
    });
}

test("every class folder has cases, and the notices cover the GNU or-later forms", () => {
  let n = 0;
  for (const cls of CLASSES) {
    const m = JSON.parse(readFileSync(fixture("identify", cls, "manifest.json"), "utf8")) as Manifest;
    const k = Object.keys(m.files ?? {}).length + (m.generated?.length ?? 0);
    assert.ok(k >= 4, `${cls} has ${k} cases`);
    n += k;
  }
  assert.ok(n >= 40, `${n} cases`);
});
