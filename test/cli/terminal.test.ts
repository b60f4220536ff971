// The terminal: colour only on a terminal and never with NO_COLOR, --no-color or --json;
// progress on stderr only on a terminal and never with --quiet; the scan of the Hugging Face
// cache with its progress; help texts whose examples name files that exist.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { main, COMMANDS, type MainIO } from "../../src/cli/main.js";
import { terminalSettings } from "../../src/cli/terminal.js";
import { cli, fixture, ROOT } from "../helpers.js";

const CACHE = fixture("hf-cache", "hub");
const ESC = "\u001b[";

async function run(args: string[], io: Partial<MainIO>): Promise<{ code: number; out: string; err: string }> {
  let out = "",
    err = "";
  const code = await main(args, {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    env: {},
    ...io,
  });
  return { code, out, err };
}

test("colour and progress settings follow the terminal, NO_COLOR, FORCE_COLOR, --no-color, --quiet", () => {
  const tty = { stdoutTTY: true, stderrTTY: true, env: {} };
  assert.deepEqual(terminalSettings(tty), { color: true, progress: true });
  assert.equal(terminalSettings({ ...tty, env: { NO_COLOR: "1" } }).color, false);
  assert.equal(terminalSettings({ ...tty, env: { NO_COLOR: "" } }).color, true, "an empty NO_COLOR is unset");
  assert.equal(terminalSettings({ ...tty, noColor: true }).color, false);
  assert.equal(terminalSettings({ ...tty, json: true }).color, false);
  assert.equal(terminalSettings({ ...tty, env: { TERM: "dumb" } }).color, false);
  assert.equal(terminalSettings({ ...tty, stdoutTTY: false }).color, false);
  assert.equal(terminalSettings({ ...tty, stdoutTTY: false, env: { FORCE_COLOR: "1" } }).color, true);
  assert.equal(terminalSettings({ ...tty, env: { FORCE_COLOR: "0" } }).color, false);
  assert.equal(terminalSettings({ ...tty, quiet: true }).progress, false);
  assert.equal(terminalSettings({ ...tty, stderrTTY: false }).progress, false);
});

test("check colours its verdict on a terminal, and not with NO_COLOR or --no-color", async () => {
  const args = ["check", "hf:acme-ai/ink-diffusion", "--offline", "--hf-cache", CACHE];
  const coloured = await run(args, { stdoutTTY: true });
  assert.equal(coloured.code, 1);
  assert.ok(coloured.out.startsWith(`${ESC}1m${ESC}31mVIOLATION`), JSON.stringify(coloured.out.slice(0, 40)));
  const noColorEnv = await run(args, { stdoutTTY: true, env: { NO_COLOR: "1" } });
  assert.ok(!noColorEnv.out.includes(ESC));
  assert.equal(noColorEnv.out, coloured.out.replace(/\u001b\[\d+m/g, ""), "the same text without the codes");
  assert.ok(!(await run([...args, "--no-color"], { stdoutTTY: true })).out.includes(ESC));
  const json = await run([...args, "--json"], { stdoutTTY: true });
  assert.equal(JSON.parse(json.out).verdict, "violation");
});

test("scan: every cached model checked, verdicts counted, --fail-on decides the exit code", async () => {
  const r = await cli("scan", "--hf-cache", CACHE, "--offline", "--json");
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.json.cache, CACHE);
  const byId = Object.fromEntries(r.json.models.map((m: { id: string }) => [m.id, m]));
  assert.deepEqual(Object.keys(byId), [
    "acme-ai/base-7b",
    "acme-ai/ink-diffusion",
    "acme-ai/support-chat",
    "gpt2",
    "someone/no-license",
  ]);
  assert.equal(byId["acme-ai/ink-diffusion"].verdict, "violation");
  assert.equal(byId["acme-ai/ink-diffusion"].revision, "7d3f1c2a9b8e4d5f6a7b8c9d0e1f2a3b4c5d6e7f");
  assert.deepEqual(byId["acme-ai/ink-diffusion"].codes, ["use-restrictions-dropped"]);
  assert.equal(byId["acme-ai/support-chat"].verdict, "conditional", "its base is found in the cache");
  assert.equal(byId["someone/no-license"].verdict, "unknown");
  assert.deepEqual(r.json.verdicts, { ok: 2, conditional: 1, unknown: 1, violation: 1 });
  assert.equal(r.json.failing, 1);
  const strict = await cli("scan", "--hf-cache", CACHE, "--offline", "--fail-on", "conditional", "--json");
  assert.equal(strict.json.failing, 3);
  assert.equal(strict.json.options.fail_on, "conditional");
  // a use the cache's licenses restrict
  const use = await cli("scan", "--hf-cache", CACHE, "--offline", "--use", "nope-not-a-use");
  assert.equal(use.code, 2);
  assert.match(use.stderr, /unknown use category 'nope-not-a-use'/);
  const missing = await cli("scan", "--hf-cache", join(CACHE, "no-such-folder"));
  assert.equal(missing.code, 2);
  const empty = await run(["scan"], { env: { HF_HUB_CACHE: join(CACHE, "no-such-folder") } });
  assert.equal(empty.code, 0);
  assert.match(empty.out, /No models in the Hugging Face cache/);
});

test("scan shows progress on a terminal's stderr, and none with --quiet or into a pipe", async () => {
  const args = ["scan", "--hf-cache", CACHE, "--offline", "--json"];
  const tty = await run(args, { stderrTTY: true });
  assert.match(tty.err, /\r\u001b\[2Kscanning \[#*\.*\] \d\/5/);
  assert.ok(tty.err.endsWith("\r\u001b[2K"), "the bar is cleared at the end");
  assert.equal(JSON.parse(tty.out).models.length, 5, "stdout stays one JSON document");
  assert.equal((await run([...args, "--quiet"], { stderrTTY: true })).err, "");
  assert.equal((await run(args, { stderrTTY: false })).err, "");
});

test("mlicense --help names examples that exist; every command's help has an example", async () => {
  const help = await cli("--help");
  assert.equal(help.code, 0);
  for (const m of help.stdout.matchAll(/\b(examples\/[\w.-]+)/g))
    assert.ok(existsSync(join(ROOT, m[1]!)), `${m[1]} exists`);
  assert.match(help.stdout, /scan/);
  const ex = /mlicense check (examples\/\S+) --registry (examples\/\S+)/.exec(help.stdout);
  assert.ok(ex, "the help shows a check example");
  const r = await cli("check", join(ROOT, ex[1]!), "--registry", join(ROOT, ex[2]!), "--offline", "--json");
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  for (const name of Object.keys(COMMANDS)) {
    const h = await cli(name, "--help");
    assert.equal(h.code, 0, name);
    assert.match(h.stdout, /Examples?:/, `${name} --help has an example`);
  }
});

test("identify shows progress for a large batch on a terminal, with the same results", async () => {
  const file = fixture("identify", "mit");
  const { readdirSync } = await import("node:fs");
  const one = join(file, readdirSync(file)[0]!);
  const files = Array.from({ length: 240 }, () => one);
  const tty = await run(["identify", ...files, "--json"], { stderrTTY: true });
  const pipe = await run(["identify", ...files, "--json"], { stderrTTY: false });
  assert.equal(tty.code, 0);
  assert.match(tty.err, /identifying \[#*\.*\] \d+\/240/);
  assert.equal(pipe.err, "");
  assert.deepEqual(JSON.parse(tty.out), JSON.parse(pipe.out));
});

test("audit --fail-on takes unknown and conditional too", async () => {
  const dump = fixture("audit", "messy.jsonl");
  const plain = await cli("audit", dump, "--json");
  assert.equal(plain.code, 0, "no gate without --fail-on");
  const v = plain.json.verdicts;
  const expect = (n: number) => (n > 0 ? 1 : 0);
  assert.equal((await cli("audit", dump, "--json", "--fail-on", "violation")).code, expect(v.violation));
  assert.equal(
    (await cli("audit", dump, "--json", "--fail-on", "unknown")).code,
    expect(v.violation + v.unknown),
  );
  assert.equal(
    (await cli("audit", dump, "--json", "--fail-on", "conditional")).code,
    expect(v.violation + v.unknown + v.conditional),
  );
  assert.equal((await cli("audit", dump, "--fail-on", "warning")).code, 2);
});
