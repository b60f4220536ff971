// One store, several processes: the CLI goes through the server that owns the data folder, a
// second server on it exits 2 naming the first, and a server killed with SIGKILL in the middle of
// a write loop loses none of the writes it acknowledged. Servers run as child processes of the
// real CLI; every loop is bounded in count.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli, fixture, ROOT } from "../helpers.js";

const BIN = join(ROOT, "bin", "mlicense.js");
const dirs: string[] = [];
const children: ChildProcess[] = [];
test.after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), "mlicense-xproc-"));
  dirs.push(d);
  return d;
}

interface Child {
  proc: ChildProcess;
  url: string;
  stderr: () => string;
}

/** `mlicense serve` on `dir`; resolves with its URL, or rejects with its exit code and stderr. */
function serve(dir: string): Promise<Child> {
  const proc = spawn(
    process.execPath,
    [BIN, "serve", "--port", "0", "--data-dir", dir, "--offline", "--json"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(proc);
  let out = "";
  let err = "";
  proc.stderr!.on("data", (d) => (err += d));
  return new Promise((resolve, reject) => {
    proc.stdout!.on("data", (d) => {
      out += d;
      let doc: { url?: string } | undefined;
      try {
        doc = JSON.parse(out) as { url?: string };
      } catch {
        return; // not whole yet
      }
      // an error document comes before the exit, which rejects
      if (doc.url) resolve({ proc, url: doc.url, stderr: () => err });
    });
    proc.on("exit", (code) =>
      reject(Object.assign(new Error(`serve exited ${code}: ${err}`), { code, stderr: err })),
    );
  });
}

function stop(c: Child, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise((r) => {
    if (c.proc.exitCode !== null || c.proc.signalCode !== null) return r();
    c.proc.once("exit", () => r());
    c.proc.kill(signal);
  });
}

const record = (id: string) => ({
  record: { id, license: { id: "mit" }, bases: [{ id: "meta-llama/Llama-3.1-8B", relation: "finetune" }] },
});

async function ids(url: string): Promise<Set<string>> {
  const r = (await (await fetch(`${url}/api/models`)).json()) as { models: { id: string }[] };
  return new Set(r.models.map((m) => m.id));
}

test("the CLI goes through the server that owns the folder; a second server exits 2 naming it", async () => {
  const dir = dataDir();
  const s = await serve(dir);
  try {
    const scenarios = join(ROOT, "..", "shared", "scenarios");
    const folders = existsSync(scenarios)
      ? [join(scenarios, "gemma-adapter", "model"), join(scenarios, "opt-surveillance", "model")]
      : [fixture("models", "card-license-only"), fixture("models", "no-license")];
    // two folders both named "model" are two entries, not one
    const added: string[] = [];
    for (const f of folders) {
      const r = await cli("inventory", "add", f, "--data-dir", dir, "--offline", "--json");
      assert.equal(r.code, 0, r.stderr);
      added.push(r.json.id);
    }
    assert.notEqual(added[0], added[1]);
    const again = await cli("inventory", "add", folders[0]!, "--data-dir", dir, "--offline", "--json");
    assert.equal(again.code, 2, "adding the same model twice needs --replace");
    assert.match(again.stderr, /already in the inventory/);
    const replaced = await cli("inventory", "add", folders[0]!, "--data-dir", dir, "--offline", "--replace");
    assert.equal(replaced.code, 0, replaced.stderr);
    const listed = await cli("inventory", "list", "--data-dir", dir, "--json");
    assert.deepEqual(listed.json.models.map((m: { id: string }) => m.id).sort(), [...added].sort());
    assert.deepEqual([...(await ids(s.url))].sort(), [...added].sort(), "the server sees the CLI's writes");

    // a second server on the same folder
    const second = await serve(dir).then(
      () => assert.fail("a second server started on the same folder"),
      (e: { code: number; stderr: string }) => e,
    );
    assert.equal(second.code, 2);
    assert.match(second.stderr, new RegExp(`in use by process ${s.proc.pid}`));
    assert.equal((await ids(s.url)).size, 2, "the first server still answers");

    await stop(s);
    // with the server gone the CLI opens the folder itself and finds every entry
    const direct = await cli("inventory", "list", "--data-dir", dir, "--json");
    assert.equal(direct.code, 0, direct.stderr);
    assert.deepEqual(direct.json.models.map((m: { id: string }) => m.id).sort(), [...added].sort());
  } finally {
    await stop(s);
  }
});

test("kill -9 in a write loop: every acknowledged write is there after a restart", async () => {
  const dir = dataDir();
  let s = await serve(dir);
  const acked = new Set<string>();
  let next = 0;
  let killed = false;
  const writer = async () => {
    while (!killed && next < 400) {
      const id = `acme/m-${next++}`;
      try {
        const r = await fetch(`${s.url}/api/models`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(record(id)),
        });
        if (r.status === 201) acked.add(id);
        else assert.fail(`${id}: ${r.status} ${await r.text()}`);
      } catch (e) {
        if (!killed) throw e;
      }
    }
  };
  const writers = [writer(), writer(), writer(), writer()];
  // kill while writes are in flight: after at least 20 were acknowledged
  while (acked.size < 20) await new Promise((r) => setTimeout(r, 20));
  killed = true;
  await stop(s, "SIGKILL");
  await Promise.all(writers);
  assert.ok(next > acked.size || next === 400);

  // the dead server's lock is taken over, the store opens, nothing acknowledged is missing
  s = await serve(dir);
  try {
    const have = await ids(s.url);
    const missing = [...acked].filter((id) => !have.has(id));
    assert.deepEqual(missing, []);
    // and the store takes writes again
    const r = await fetch(`${s.url}/api/models`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(record("acme/after-restart")),
    });
    assert.equal(r.status, 201);
  } finally {
    await stop(s);
  }
});

test("a CLI command holding the folder makes another fail at once with exit 2", async () => {
  const dir = dataDir();
  const { Inventory } = await import("../../src/store/inventory.js");
  const held = await Inventory.open({ dataDir: dir, command: "inventory add" });
  try {
    const r = await cli("inventory", "list", "--data-dir", dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`in use by process ${process.pid} \\(mlicense inventory add`));
  } finally {
    await held.close();
  }
  const after = await cli("inventory", "list", "--data-dir", dir, "--json");
  assert.equal(after.code, 0, after.stderr);
});
