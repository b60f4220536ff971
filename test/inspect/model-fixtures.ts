// The model folders of test/fixtures/models/ and their manifest: each case is a folder laid out
// like a Hub repo, copied to a temp dir with any real license texts written in at test time (they
// are never committed): spdx:<id> from the spdx-license-list package, corpus:<path> from
// ../shared/corpus.
import assert from "node:assert/strict";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spdxTexts } from "../../src/kb/reference-texts.js";
import { fixture, SHARED } from "../helpers.js";

export interface Expect {
  license: string;
  /** license.ids, when the case states them. */
  ids?: string[];
  name: string;
  nameSource: string;
  components: { kind: string; license: string; sources: string[] }[];
  bases: { id: string; relation: string }[];
  datasets: string[];
  /** generatedBy, when the case states it. */
  generatedBy?: string[];
  findings: string[];
}
export interface Case {
  description: string;
  generate?: Record<string, string>;
  expect: Expect;
}

export const MODELS = fixture("models");
export const manifest = JSON.parse(readFileSync(join(MODELS, "manifest.json"), "utf8")) as {
  cases: Record<string, Case>;
};
const CORPUS = join(SHARED, "corpus");

/** The text a `generate` entry names, or null when its source is absent on this machine. */
export function generated(source: string): string | null {
  const [kind, ref] = [source.slice(0, source.indexOf(":")), source.slice(source.indexOf(":") + 1)];
  if (kind === "spdx") {
    const e = spdxTexts()[ref];
    if (!e) throw new Error(`manifest: no SPDX text for ${ref}`);
    return e.licenseText;
  }
  if (kind === "corpus") {
    const p = join(CORPUS, ref);
    return existsSync(p) ? readFileSync(p, "utf8") : null;
  }
  throw new Error(`manifest: unknown source ${source}`);
}

/** Files of a case that cannot be generated on this machine (its corpus texts are absent). */
export function missingTexts(name: string): string[] {
  return Object.entries(manifest.cases[name]?.generate ?? {})
    .filter(([, src]) => generated(src) === null)
    .map(([file]) => file);
}

/** Copies case `name` into `root/<name>` (the folder keeps its name) with its texts generated. */
export function materialise(root: string, name: string): string {
  const c = manifest.cases[name];
  if (!c) throw new Error(`manifest: no case ${name}`);
  const dir = join(root, name);
  cpSync(join(MODELS, name), dir, { recursive: true });
  for (const [file, src] of Object.entries(c.generate ?? {})) {
    assert.ok(!existsSync(join(dir, file)), `${name}/${file} is generated; do not commit it`);
    const text = generated(src);
    if (text === null) throw new Error(`${name}: ${src} is not on this machine`);
    writeFileSync(join(dir, file), text);
  }
  return dir;
}
