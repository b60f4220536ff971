// Every pattern in the inspect readers that sees user text, run on 100 kB adversarial lines (see
// adversarial-inputs.ts). They run in a child process: a pattern that backtracks catastrophically
// takes hours on such a line, and a hang in this process could not be stopped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../helpers.js";
import { CASES, LINES } from "./adversarial-inputs.js";

test("inspect's patterns answer on 100 kB adversarial lines (each case, each line)", () => {
  const url = pathToFileURL(join(ROOT, "dist", "test", "inspect", "adversarial-inputs.js")).href;
  const script = `
    const { CASES, LINES } = await import(${JSON.stringify(url)});
    for (const c of CASES)
      for (const [name, line] of Object.entries(LINES)) {
        c.run(line);
        console.log(c.name + " / " + name);
      }
  `;
  // the limit only stops a hang; all cases together take a few seconds
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 300_000,
    killSignal: "SIGKILL",
    maxBuffer: 16 * 1024 * 1024,
  });
  const done = new Set((child.stdout ?? "").split("\n").filter(Boolean));
  const want = CASES.flatMap((c) => Object.keys(LINES).map((n) => `${c.name} / ${n}`));
  const first = want.find((w) => !done.has(w));
  assert.equal(
    first,
    undefined,
    `stopped at ${first} (${child.signal ?? `exit ${child.status}`}): ${(child.stderr ?? "").slice(0, 600)}`,
  );
  assert.equal(child.status, 0);
});

test("the heading scan: the heading rules the card-name fallback relies on", async () => {
  const { firstHeading } = await import("../../src/inspect/card-heading.js");
  const cases: [string, string | undefined][] = [
    ["# Title\n", "Title"],
    ["intro\n\n# T5-small-summarizer ##\n## Usage\n", "T5-small-summarizer"],
    ["#\tTabbed title  #\n", "Tabbed title"],
    ["# C#\n", "C#"],
    ["# ###\n", undefined],
    ["#NoSpace\n## Second\n", undefined],
    ["```bash\n# a comment\n```\n# Real\n", "Real"],
    ["~~~\n# inside\n~~~\n", undefined],
    ["# Title\r\n", "Title"],
    [" ".repeat(20_000), undefined],
    [`#${" ".repeat(20_000)}x`, "x"],
  ];
  for (const [md, want] of cases) assert.equal(firstHeading(md), want, JSON.stringify(md.slice(0, 40)));
});
