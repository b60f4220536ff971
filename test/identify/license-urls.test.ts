// The license URL index and the license_name / license_link resolver for model cards that declare
// `license: other`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import { licenseUrls, normaliseLicenseUrl } from "../../src/kb/license-urls.js";
import { resolveLicenseName } from "../../src/kb/resolve-license-name.js";

const kb = knowledgeBase();

test("one page, many spellings: scheme, www., slash, extension, legalcode, deed, standalone", () => {
  const same = [
    ["https://www.apache.org/licenses/LICENSE-2.0", "http://apache.org/licenses/LICENSE-2.0.txt"],
    ["https://creativecommons.org/licenses/by/4.0/legalcode", "creativecommons.org/licenses/by/4.0/deed.en"],
    ["https://www.gnu.org/licenses/gpl-3.0-standalone.html", "http://gnu.org/licenses/gpl-3.0.txt"],
    ["https://opensource.org/license/mit/", "https://opensource.org/licenses/MIT"],
    [
      "https://github.com/QwenLM/Qwen/blob/main/Tongyi%20Qianwen%20LICENSE%20AGREEMENT",
      "https://raw.githubusercontent.com/QwenLM/Qwen/v1.0/Tongyi Qianwen LICENSE AGREEMENT",
    ],
    [
      "https://huggingface.co/xai-org/grok-2/blob/main/LICENSE",
      "https://huggingface.co/xai-org/grok-2/resolve/refs%2Fpr%2F1/LICENSE",
    ],
  ];
  for (const [a, b] of same) assert.equal(normaliseLicenseUrl(a!), normaliseLicenseUrl(b!), `${a} vs ${b}`);
  assert.equal(normaliseLicenseUrl("not a url"), null);
  assert.equal(normaliseLicenseUrl("https://example.org"), null);
});

test("the index knows the knowledge base's pages and every SPDX license's", () => {
  const urls = licenseUrls(kb);
  const cases: [string, string][] = [
    ["https://www.llama.com/llama3/license/", "llama3"],
    ["https://llama.meta.com/llama3_1/license", "llama3.1"],
    ["http://www.opensource.org/licenses/mit-license.php", "mit"],
    ["https://spdx.org/licenses/Zlib.html", "zlib"],
    ["https://spdx.org/licenses/Sleepycat.html", "Sleepycat"],
    ["https://www.gnu.org/licenses/old-licenses/gpl-2.0.html", "gpl-2.0"],
    ["https://creativecommons.org/licenses/by-nc-sa/4.0/", "cc-by-nc-sa-4.0"],
  ];
  for (const [u, id] of cases) assert.equal(urls.lookup(u)?.id, id, u);
  // GNU's list of licenses names none of them
  assert.equal(urls.lookup("https://www.gnu.org/licenses/"), null);
});

test("license_name and license_link resolve through aliases, the URL index and the model catalogue", () => {
  assert.deepEqual(resolveLicenseName(kb, { name: "Llama 3 Community License" }), {
    id: "llama3",
    via: "license_name",
    evidence: "Llama 3 Community License",
  });
  assert.equal(resolveLicenseName(kb, { name: "apache 2" })?.id, "apache-2.0");
  assert.equal(resolveLicenseName(kb, { link: "https://www.llama.com/llama3_2/license/" })?.id, "llama3.2");
  for (const link of [
    "https://huggingface.co/meta-llama/Llama-2-7b-hf/blob/main/LICENSE",
    "https://huggingface.co/meta-llama/Llama-2-7b-hf/raw/main/LICENSE.txt",
    "https://huggingface.co/meta-llama/Llama-2-7b-hf/resolve/main/LICENSE",
  ]) {
    const r = resolveLicenseName(kb, { link });
    assert.equal(r?.id, "llama2", link);
    assert.equal(r?.via, "model-license");
  }
  assert.equal(resolveLicenseName(kb, { name: "The Acme Model License" }), null);
  assert.equal(
    resolveLicenseName(kb, { link: "https://huggingface.co/acme/unknown-model/blob/main/LICENSE" }),
    null,
  );
  assert.equal(resolveLicenseName(kb, {}), null);
});

test("a file at a commit is the license entry pinned there; at a branch, the current entry", () => {
  const urls = licenseUrls(kb);
  const pinned = kb.licenses.filter((l) => l.url && /\/blob\/[0-9a-f]{40}\//.test(l.url));
  assert.ok(pinned.length > 0, "the knowledge base pins some license files at a commit");
  for (const l of pinned) {
    assert.equal(urls.lookup(l.url!)?.id, l.id, l.url!);
    const onBranch = l.url!.replace(/\/blob\/[0-9a-f]{40}\//, "/blob/main/");
    const current = kb.licenses.find(
      (x) =>
        x.id !== l.id &&
        x.url &&
        !/\/blob\/[0-9a-f]{40}\//.test(x.url) &&
        normaliseLicenseUrl(x.url) === normaliseLicenseUrl(onBranch),
    );
    if (current) assert.equal(urls.lookup(onBranch)?.id, current.id, onBranch);
  }
  const glm = urls.lookup("https://raw.githubusercontent.com/THUDM/ChatGLM3/main/MODEL_LICENSE");
  assert.equal(glm?.id, "chatglm3-6b");
});
