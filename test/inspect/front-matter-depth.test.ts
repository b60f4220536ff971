// Deeply nested YAML in a card's front matter. The YAML parser recurses once per nesting level; a
// stack overflow inside it must come out as an InputError, and must not leave the process in a
// state where the next card crashes it. Each case runs in its own child process so that a crash
// fails that case only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../helpers.js";

const FRONT_MATTER = pathToFileURL(join(ROOT, "dist", "src", "inspect", "front-matter.js")).href;

/** Runs splitFrontMatter on each document in turn in a fresh process; returns what each did. */
function runInChild(docs: string[]): {
  outcomes: string[];
  status: number | null;
  signal: string | null;
  stderr: string;
} {
  const script = `
    const { splitFrontMatter } = await import(${JSON.stringify(FRONT_MATTER)});
    let input = "";
    for await (const chunk of process.stdin) input += chunk;
    const docs = JSON.parse(input);
    for (const d of docs) {
      let outcome;
      try { splitFrontMatter(d, "deep/README.md"); outcome = "ok"; }
      catch (e) { outcome = e.name === "InputError" ? "InputError " + e.file + " " + e.field : "not an InputError: " + e.name + ": " + e.message; }
      console.log(outcome);
    }
  `;
  // the time limit only stops a hang; parsing these takes well under a second
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    input: JSON.stringify(docs),
    encoding: "utf8",
    timeout: 120_000,
    killSignal: "SIGKILL",
  });
  return {
    outcomes: (child.stdout ?? "").split("\n").filter(Boolean),
    status: child.status,
    signal: child.signal,
    stderr: child.error
      ? String(child.error)
      : ((child.stderr ?? "").match(/^.*(FATAL|Error).*$/m)?.[0] ?? (child.stderr ?? "").slice(0, 300)),
  };
}

const DEEP: [string, string][] = [
  ["flow sequences", "[".repeat(100_000)],
  ["flow mappings", "{a: ".repeat(20_000) + "1"],
  ["block sequences on one line", "- ".repeat(20_000) + "x"],
  ["block sequences around a block scalar", "- ".repeat(5_000) + "|\n  text"],
  ["indented block sequences", Array.from({ length: 700 }, (_, i) => " ".repeat(i) + "-").join("\n")],
];

for (const [name, yaml] of DEEP)
  test(`deeply nested front matter (${name}) is an InputError naming the file and a line`, () => {
    const r = runInChild([`---\n${yaml}\n---\n`]);
    assert.equal(r.signal, null, `the process was killed: ${r.stderr}`);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.outcomes.length, 1);
    assert.match(r.outcomes[0]!, /^(ok|InputError deep\/README\.md line \d+)$/);
  });

test("one deeply nested card does not crash the process on the next one", () => {
  // what `serve` or `audit` would meet: many cards in one long-lived process. After the parser's
  // stack overflowed once on the flow sequences, the block sequences used to abort Node itself
  // ("RegExpCompiler Allocation failed - process out of memory"), each time.
  const docs = ["[".repeat(100_000), "- ".repeat(20_000) + "x", "license: mit"].map(
    (y) => `---\n${y}\n---\n`,
  );
  const r = runInChild(docs);
  assert.equal(r.signal, null, `the process was killed after ${r.outcomes.length} cards: ${r.stderr}`);
  assert.equal(r.status, 0, `the process died after ${r.outcomes.length} cards: ${r.stderr}`);
  assert.equal(r.outcomes.length, docs.length);
  for (const o of r.outcomes) assert.match(o, /^(ok|InputError deep\/README\.md line \d+)$/);
  assert.equal(r.outcomes.at(-1), "ok");
});
