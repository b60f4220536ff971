// The Hugging Face cache: where it is, how its folders map to Hub ids and revisions, and that
// `hf:` targets and snapshot folders are read from it, offline, by the library and the CLI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import {
  findCachedModel,
  hfCacheDir,
  idFromRepoFolder,
  listCachedModels,
  parseHfTarget,
  repoFolderName,
  snapshotIdentity,
} from "../../src/hub/hf-cache.js";
import { inspect, inspectFolder } from "../../src/inspect/inspect.js";
import { main } from "../../src/cli/main.js";
import { cli, fixture } from "../helpers.js";

const CACHE = fixture("hf-cache", "hub");
const INK_MAIN = "7d3f1c2a9b8e4d5f6a7b8c9d0e1f2a3b4c5d6e7f";
const INK_V1 = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";

test("the cache folder follows huggingface_hub's variables in its order", () => {
  assert.equal(hfCacheDir({ HF_HUB_CACHE: "/a", HF_HOME: "/b" }), "/a");
  assert.equal(hfCacheDir({ HUGGINGFACE_HUB_CACHE: "/old", HF_HOME: "/b" }), "/old");
  assert.equal(hfCacheDir({ HF_HOME: "/b", XDG_CACHE_HOME: "/x" }), join("/b", "hub"));
  assert.equal(hfCacheDir({ XDG_CACHE_HOME: "/x" }), join("/x", "huggingface", "hub"));
  assert.equal(hfCacheDir({}), join(homedir(), ".cache", "huggingface", "hub"));
});

test("repo folder names map to Hub ids and back; other folders are not models", () => {
  assert.equal(repoFolderName("acme-ai/ink-diffusion"), "models--acme-ai--ink-diffusion");
  assert.equal(idFromRepoFolder("models--acme-ai--ink-diffusion"), "acme-ai/ink-diffusion");
  assert.equal(idFromRepoFolder("models--gpt2"), "gpt2");
  assert.equal(idFromRepoFolder("models--owner--name--with--dashes"), "owner/name--with--dashes");
  for (const other of ["datasets--acme-ai--dialogues", ".locks", "version.txt", "models--", "models--a--.."])
    assert.equal(idFromRepoFolder(other), null, other);
  for (const bad of ["../x", "a/b/c", "a/..", ""]) assert.equal(repoFolderName(bad), null, bad);
});

test("property: ids round-trip through folder names, and any folder name maps to null or a valid id", () => {
  const part = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.]{0,10}$/);
  fc.assert(
    fc.property(part, part, (owner, name) => {
      const folder = repoFolderName(`${owner}/${name}`);
      assert.ok(folder);
      assert.equal(idFromRepoFolder(folder), `${owner}/${name}`);
    }),
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (s) => {
      const id = idFromRepoFolder(s);
      if (id !== null) assert.equal(repoFolderName(id), s);
    }),
  );
});

test("hf: targets parse with an optional revision", () => {
  assert.deepEqual(parseHfTarget("hf:acme-ai/x"), { id: "acme-ai/x" });
  assert.deepEqual(parseHfTarget("hf:acme-ai/x@v1.0"), { id: "acme-ai/x", revision: "v1.0" });
  assert.equal(parseHfTarget("./acme-ai/x"), null);
});

test("a cached model resolves at refs/main, at a tag, at a commit or its prefix; case-insensitively", () => {
  const main = findCachedModel("acme-ai/ink-diffusion", { cacheDir: CACHE });
  assert.equal(main?.revision, INK_MAIN);
  assert.deepEqual(main?.refs, ["main"]);
  assert.equal(main?.dir, join(CACHE, "models--acme-ai--ink-diffusion", "snapshots", INK_MAIN));
  assert.equal(
    findCachedModel("acme-ai/ink-diffusion", { cacheDir: CACHE, revision: "v1.0" })?.revision,
    INK_V1,
  );
  assert.equal(
    findCachedModel("acme-ai/ink-diffusion", { cacheDir: CACHE, revision: INK_V1 })?.revision,
    INK_V1,
  );
  assert.equal(
    findCachedModel("acme-ai/ink-diffusion", { cacheDir: CACHE, revision: "1a2b3c4" })?.revision,
    INK_V1,
  );
  assert.equal(findCachedModel("acme-ai/ink-diffusion", { cacheDir: CACHE, revision: "nope" }), null);
  assert.equal(findCachedModel("ACME-AI/Ink-Diffusion", { cacheDir: CACHE })?.id, "acme-ai/ink-diffusion");
  assert.deepEqual(findCachedModel("acme-ai/support-chat", { cacheDir: CACHE })?.refs, ["main", "pr/1"]);
  // no refs/ at all: the only snapshot
  assert.equal(
    findCachedModel("someone/no-license", { cacheDir: CACHE })?.revision,
    "abcdefabcdefabcdefabcdefabcdefabcdefabcd",
  );
  assert.equal(findCachedModel("acme-ai/dialogues", { cacheDir: CACHE }), null, "a dataset is not a model");
  assert.equal(findCachedModel("acme-ai/missing", { cacheDir: CACHE }), null);
  assert.equal(findCachedModel("acme-ai/x", { cacheDir: join(CACHE, "no-such-folder") }), null);
});

test("the cache lists every model once, datasets and lock folders left out", () => {
  assert.deepEqual(
    listCachedModels(CACHE).map((s) => `${s.id}@${s.revision.slice(0, 7)}`),
    [
      "acme-ai/base-7b@0f0e0d0",
      "acme-ai/ink-diffusion@7d3f1c2",
      "acme-ai/support-chat@c0ffee0",
      "gpt2@607a30d",
      "someone/no-license@abcdefa",
    ],
  );
  assert.deepEqual(listCachedModels(join(CACHE, "no-such-folder")), []);
});

test("a snapshot folder, or a link to one, is named by its Hub id and revision", () => {
  const dir = join(CACHE, "models--acme-ai--ink-diffusion", "snapshots", INK_V1);
  const id = snapshotIdentity(dir);
  assert.equal(id?.id, "acme-ai/ink-diffusion");
  assert.equal(id?.revision, INK_V1);
  assert.deepEqual(id?.refs, ["v1.0"]);
  assert.equal(snapshotIdentity(fixture("models", "no-license")), null);
  const tmp = mkdtempSync(join(tmpdir(), "mlicense-hf-"));
  try {
    symlinkSync(dir, join(tmp, "ink"));
    assert.equal(snapshotIdentity(join(tmp, "ink"))?.revision, INK_V1);
    // inspect names it the same way, with the card read through the cache's links
    const rec = inspectFolder(join(tmp, "ink"));
    assert.equal(rec.id, "acme-ai/ink-diffusion");
    assert.equal(rec.name, "ink-diffusion");
    assert.equal(rec.nameSource, "hub-id");
    assert.equal(rec.revision, INK_V1);
    assert.equal(rec.license.id, "creativeml-openrail-m");
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("inspect() reads hf: targets from the cache named by HF_HUB_CACHE", () => {
  const before = process.env.HF_HUB_CACHE;
  process.env.HF_HUB_CACHE = CACHE;
  try {
    const rec = inspect("hf:acme-ai/ink-diffusion");
    assert.equal(rec.id, "acme-ai/ink-diffusion");
    assert.equal(rec.revision, INK_MAIN);
    assert.equal(rec.license.id, "apache-2.0");
    assert.equal(inspect("hf:acme-ai/ink-diffusion@v1.0").license.id, "creativeml-openrail-m");
    assert.throws(() => inspect("hf:acme-ai/missing"), /not in the Hugging Face cache/);
  } finally {
    if (before === undefined) delete process.env.HF_HUB_CACHE;
    else process.env.HF_HUB_CACHE = before;
  }
});

test("CLI: check hf:owner/name --offline from the cache, bases found in the cache too", async () => {
  const ink = await cli("check", "hf:acme-ai/ink-diffusion", "--offline", "--hf-cache", CACHE, "--json");
  assert.equal(ink.code, 1, ink.stderr);
  assert.equal(ink.json.target, "acme-ai/ink-diffusion");
  assert.equal(ink.json.verdict, "violation");
  const v1 = await cli("check", "hf:acme-ai/ink-diffusion@v1.0", "--offline", "--hf-cache", CACHE, "--json");
  assert.notEqual(v1.json.verdict, "violation", "the v1.0 revision keeps OpenRAIL-M");
  const chat = await cli("check", "hf:acme-ai/support-chat", "--offline", "--hf-cache", CACHE, "--json");
  assert.equal(chat.code, 0, chat.stderr);
  assert.equal(chat.json.lineage.bases[0].id, "acme-ai/base-7b");
  assert.equal(chat.json.lineage.bases[0].license, "apache-2.0", "the base only the cache holds");
  // HF_HOME from the command's environment, no --hf-cache
  let out = "";
  const code = await main(["check", "hf:gpt2", "--offline", "--json"], {
    out: (s) => void (out += s),
    err: () => undefined,
    env: { HF_HOME: fixture("hf-cache") },
  });
  assert.equal(code, 0);
  assert.equal(JSON.parse(out).license.id, "mit");
  const missing = await cli("check", "hf:acme-ai/missing", "--offline", "--hf-cache", CACHE);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /acme-ai\/missing is not in the Hugging Face cache/);
});

test("CLI: inspect names a snapshot folder and an hf: target by Hub id and revision", async () => {
  const dir = join(CACHE, "models--acme-ai--ink-diffusion", "snapshots", INK_MAIN);
  const byDir = await cli("inspect", dir, "--offline", "--json");
  assert.equal(byDir.code, 0, byDir.stderr);
  assert.equal(byDir.json.id, "acme-ai/ink-diffusion");
  assert.equal(byDir.json.revision, INK_MAIN);
  const text = await cli("inspect", "hf:acme-ai/ink-diffusion", "--offline", "--hf-cache", CACHE);
  assert.match(
    text.stdout.split("\n")[0]!,
    new RegExp(`^ink-diffusion  \\(acme-ai/ink-diffusion@${INK_MAIN}\\)`),
  );
  const tag = await cli("inspect", "hf:acme-ai/ink-diffusion@nope", "--offline", "--hf-cache", CACHE);
  assert.equal(tag.code, 2);
  assert.match(tag.stderr, /revision nope of acme-ai\/ink-diffusion is not in the Hugging Face cache/);
});

test("a copy of the cache elsewhere works the same (paths are not baked in)", async () => {
  const tmp = mkdtempSync(join(tmpdir(), "mlicense-hf-"));
  try {
    cpSync(CACHE, join(tmp, "hub"), { recursive: true, verbatimSymlinks: true });
    const r = await cli(
      "inspect",
      "hf:acme-ai/base-7b",
      "--offline",
      "--hf-cache",
      join(tmp, "hub"),
      "--json",
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.license.id, "apache-2.0");
    assert.equal(r.json.architecture, "LlamaForCausalLM");
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
