// Text helpers shared by the identify tests: the corpus, re-wrapping, and a seeded shuffle.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { defaultCorpusDir, spdxTexts } from "../../src/kb/reference-texts.js";
import { ROOT } from "../helpers.js";

export const CORPUS = defaultCorpusDir(ROOT);
export const HAVE_CORPUS = existsSync(CORPUS);
/** A `skip` value for tests that read the corpus: the reason, or false when it is present. */
export const NEEDS_CORPUS = HAVE_CORPUS ? false : `license corpus not found at ${CORPUS}`;

/** A corpus file (path relative to the corpus root). Only call when HAVE_CORPUS. */
export function corpusText(rel: string): string {
  return readFileSync(join(CORPUS, rel), "utf8");
}

/** The text of an SPDX license from the spdx-license-list package. */
export function spdxText(id: string): string {
  const e = spdxTexts()[id];
  if (!e) throw new Error(`no SPDX text for ${id}`);
  return e.licenseText;
}

/** Paragraphs: runs of lines separated by blank lines. */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Re-flows every paragraph to at most `width` columns; blank lines between paragraphs are kept. */
export function rewrap(text: string, width: number): string {
  return paragraphs(text)
    .map((p) => {
      const lines: string[] = [];
      let cur = "";
      for (const w of p.split(/\s+/)) {
        if (cur && cur.length + 1 + w.length > width) {
          lines.push(cur);
          cur = w;
        } else cur = cur ? `${cur} ${w}` : w;
      }
      if (cur) lines.push(cur);
      return lines.join("\n");
    })
    .join("\n\n");
}

/** The text as a markdown document with a title and a copyright line, as READMEs and cards carry it. */
export function asMarkdown(name: string, text: string): string {
  return `# ${name}\n\nCopyright (c) 2024 Someone\n\n${text}`;
}

/** Deterministic PRNG (mulberry32), so a failing shuffle can be reproduced. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The same words in a random order, twelve to a line. */
export function scramble(text: string, seed: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  const rnd = prng(seed);
  for (let i = words.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [words[i], words[j]] = [words[j]!, words[i]!];
  }
  const lines: string[] = [];
  for (let i = 0; i < words.length; i += 12) lines.push(words.slice(i, i + 12).join(" "));
  return lines.join("\n");
}

/** 1-based line number of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`'${needle}' not in text`);
  return i + 1;
}
