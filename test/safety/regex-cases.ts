// Every regular expression in the store, server, readers and format parsers that sees user text,
// reached through the function that applies it, on 100 kB adversarial lines: long runs of the
// characters each pattern repeats over, ending in the character that makes it fail (the shape
// that makes a backtracking pattern take exponential or quadratic time). Run by
// regex-safety.test.ts in a worker under a hang bound.
import assert from "node:assert/strict";
import { InputError } from "../../src/errors.js";
import { splitFrontMatter } from "../../src/inspect/front-matter.js";
import { expressionIds, parseModelInput, parseRecord } from "../../src/inspect/record-schema.js";
import { checkEntryId, entryId, isEntryId } from "../../src/store/entry-id.js";
import { isJsonType, tokenMatches } from "../../src/server/guard.js";
import { createApp } from "../../src/server/app.js";
import { Inventory } from "../../src/store/inventory.js";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import { resolveLicenseName } from "../../src/kb/resolve-license-name.js";
import { normaliseLicenseUrl } from "../../src/kb/license-urls.js";
import { identifyText } from "../../src/identify/identify.js";
import { readDump } from "../../src/audit/readers.js";
import { recordFromCatalogue } from "../../src/inspect/inspect.js";
import { tempDir } from "../inspect/binary-writers.js";

const N = 100_000;
/** Runs of what the patterns repeat over, each ended by what breaks the match. */
const PIECES = [
  " ",
  "\t",
  "-",
  "- ",
  "-\t",
  "?",
  ": ",
  "a",
  "a.",
  ".",
  "..",
  "/",
  "_",
  "(",
  ")",
  "a(",
  "%",
  "\r\n",
  "\n",
  "---",
  "--- \n",
  "...\n",
  "\\",
  '"',
  "0",
  "Bearer ",
];
const ENDS = ["", "!", "\u0000", "/", "\n", "#"];

export function adversarial(): string[] {
  const out: string[] = [];
  for (const p of PIECES)
    for (const end of ENDS) out.push(p.repeat(Math.ceil(N / p.length)).slice(0, N) + end);
  return out;
}

const swallow = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
  }
};

/** Header values cannot hold control characters or non-Latin-1: keep the run, drop those. */
const headerSafe = (s: string) => s.replace(/[^\x20-\x7e]/g, "x");

export const CASES: Record<string, () => unknown> = {
  "front matter: opening, closing and nesting patterns"() {
    for (const s of adversarial()) {
      swallow(() => splitFrontMatter(s));
      swallow(() => splitFrontMatter(`---\n${s}`));
      swallow(() => splitFrontMatter(`---\nlicense: mit\n${s}\n---\n# x`));
    }
  },
  "record schema: license expressions, ids, upload file names"() {
    const kb = knowledgeBase();
    const model = recordFromCatalogue("meta-llama/Llama-3.1-8B", kb)!;
    for (const s of adversarial()) {
      assert.ok(Array.isArray(expressionIds(s)));
      swallow(() => parseRecord({ id: s, license: { id: s }, bases: [{ id: s }] }));
      swallow(() => parseModelInput({ files: { [s.slice(0, 200)]: "x", [s]: s }, name: s }));
      swallow(() => checkEntryId(s));
      isEntryId(s);
      assert.match(entryId({ ...model, id: s, name: s, target: { kind: "folder", path: s } }), /^[\w.-]+$/);
    }
  },
  "license_name and license_link resolution, and license URL keys"() {
    const kb = knowledgeBase();
    for (const s of adversarial()) {
      resolveLicenseName(kb, { name: s, link: s });
      resolveLicenseName(kb, { link: `https://huggingface.co/o/m/blob/main/${s}` });
      normaliseLicenseUrl(`https://example.org/${s}`);
    }
  },
  "identify: SPDX tags, URL lead-ins and the line before an address, on long lines"() {
    for (const s of adversarial()) {
      identifyText(s);
      identifyText(`${s} https://opensource.org/licenses/MIT`);
      identifyText(`${s}\nhttps://www.apache.org/licenses/LICENSE-2.0 ${s}`);
      identifyText(`${s}\n${s} https://creativecommons.org/licenses/by/4.0/`);
    }
  },
  "suggestions and license lookup on a 100 kB name"() {
    const kb = knowledgeBase();
    for (const s of adversarial()) {
      assert.deepEqual(kb.suggest(s), []);
      kb.findLicense(s);
    }
  },
  async "server guard: Host, Origin, Authorization, content type, path"() {
    const inventory = await Inventory.open({ dataDir: null });
    try {
      const app = createApp({ inventory, offline: true, token: "t", allowedHosts: ["127.0.0.1:1"] });
      for (const s of adversarial().filter((_, i) => i % 3 === 0)) {
        const h = headerSafe(s);
        isJsonType(s);
        tokenMatches(s, "t");
        const r = await app.request("http://127.0.0.1:1/api/models", {
          method: "POST",
          headers: { host: "127.0.0.1:1", origin: h, authorization: `Bearer ${h}`, "content-type": h },
          body: "{}",
        });
        assert.ok(r.status >= 400 && r.status < 500, String(r.status));
        const host = await app.request("/api/health", { headers: { host: h } });
        assert.equal(host.status, 403);
        const path = await app.request(`http://127.0.0.1:1/${encodeURI(s).slice(0, 3 * N)}`, {
          headers: { host: "127.0.0.1:1" },
        });
        assert.ok(path.status < 500, String(path.status));
        const dots = await app.request(`http://127.0.0.1:1/${"../".repeat(N / 3)}x`, {
          headers: { host: "127.0.0.1:1" },
        });
        assert.ok(dots.status < 500);
      }
    } finally {
      await inventory.close();
    }
  },
  async "dump readers: long lines, CSV quotes, .gz names"() {
    const tmp = tempDir("mlicense-regex-dump-");
    const kb = knowledgeBase();
    try {
      const lines = adversarial().filter((_, i) => i % 2 === 0);
      for (const s of lines) {
        for (const ext of ["jsonl", "csv"]) {
          const p = tmp.file(`d.${ext}`, `${ext === "csv" ? "id,license\n" : ""}${s}\n${s}`);
          for await (const b of readDump(p, kb, { workers: 1 })) assert.ok(b.rows >= 0);
        }
        // a .json array: the run as an element, and as the text of a row's fields
        for (const text of [
          `[${s}]`,
          `[{"id":"o/m","cardData":{"license_link":${JSON.stringify(s)},"license_name":${JSON.stringify(s)}}}]`,
        ]) {
          const p = tmp.file("d.json", text);
          for await (const b of readDump(p, kb, { workers: 1 })) assert.ok(b.rows >= 0);
        }
      }
    } finally {
      tmp.done();
    }
  },
};
