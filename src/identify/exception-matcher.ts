// Exceptions appended to a GNU license text: the Classpath, GCC, Font, Bison and Autoconf
// exceptions grant permissions beyond the license (linking, embedding fonts, shipping a generated
// parser). A GPL text followed by one is neither the plain GPL (the exception would be dropped)
// nor an unknown license (the exception is a known one): it is "GPL-2.0-only WITH
// Classpath-exception-2.0". The exceptions' words come from the SPDX list, whose deprecated
// "GPL-2.0-with-classpath-exception" entries hold the exception's text alone.
import { createRequire } from "node:module";
import { tokenize, type Tokens } from "./normalize.js";
import { shingleSequence } from "./shingles.js";

export interface ExceptionMatch {
  /** SPDX exception id ("Classpath-exception-2.0"). */
  exception: string;
  name: string;
  /** 0..1: the share of the exception's distinct shingles found in the text. */
  confidence: number;
  /**
   * 1-based inclusive lines of the text the exception's shingles were found on; its heading and
   * copyright line, which normalisation drops, may stand a few lines above.
   */
  lines: [number, number];
}

/**
 * The SPDX exception each deprecated "<license>-with-<exception>" entry stands for: its text is the
 * exception's (after an "insert GPL v2 text here" line), and its id names the exception's version
 * only through the license it was written for.
 */
const EXCEPTIONS: [deprecatedId: string, exception: string][] = [
  ["GPL-2.0-with-classpath-exception", "Classpath-exception-2.0"],
  ["GPL-2.0-with-GCC-exception", "GCC-exception-2.0"],
  ["GPL-3.0-with-GCC-exception", "GCC-exception-3.1"],
  ["GPL-2.0-with-font-exception", "Font-exception-2.0"],
  ["GPL-2.0-with-bison-exception", "Bison-exception-2.2"],
  ["GPL-2.0-with-autoconf-exception", "Autoconf-exception-2.0"],
  ["GPL-3.0-with-autoconf-exception", "Autoconf-exception-3.0"],
];

/**
 * Share of an exception's distinct shingles a text must hold to carry it. Below it the passage is
 * another grant in the exception's words, which must be judged as the added text it is.
 */
const MIN_CONTAINMENT = 0.85;
/** A word every exception text holds, without which no text is searched. */
const EXCEPTION_WORD = /\bexception\b/i;

interface Reference {
  exception: string;
  name: string;
  shingles: Set<number>;
}

const require = createRequire(import.meta.url);
let references: Reference[] | undefined;

function load(): Reference[] {
  if (references) return references;
  const full = require("spdx-license-list/full") as Record<string, { name: string; licenseText: string }>;
  const names = require("spdx-exceptions/index.json") as string[];
  references = [];
  for (const [dep, exception] of EXCEPTIONS) {
    const text = full[dep]?.licenseText;
    if (!text || !names.includes(exception)) continue;
    const own = text.replace(/^\s*insert GPL v\d[^\n]*\n/i, "");
    references.push({
      exception,
      name: exception.replace(/-exception-/, " exception ").replace(/-/g, " "),
      shingles: new Set(shingleSequence(tokenize(own))),
    });
  }
  return references;
}

/** The known exceptions the text holds, each once, in the order they appear. */
export function findExceptions(text: string, tokens?: Tokens): ExceptionMatch[] {
  if (!EXCEPTION_WORD.test(text)) return [];
  const t = tokens ?? tokenize(text);
  const seq = shingleSequence(t);
  const out: ExceptionMatch[] = [];
  for (const r of load()) {
    const seen = new Set<number>();
    let first = -1,
      last = -1;
    for (let p = 0; p < seq.length; p++) {
      if (!r.shingles.has(seq[p]!)) continue;
      seen.add(seq[p]!);
      if (first < 0) first = p;
      last = p;
    }
    const confidence = seen.size / r.shingles.size;
    if (confidence < MIN_CONTAINMENT) continue;
    out.push({
      exception: r.exception,
      name: r.name,
      confidence: Math.round(confidence * 1000) / 1000,
      lines: [t.lines[first]! + 1, t.lines[Math.min(last + 2, t.count - 1)]! + 1],
    });
  }
  // the GCC 3.1 and Autoconf 3.0 exceptions share most words: the closer one is the one present
  return out
    .sort((a, b) => b.confidence - a.confidence)
    .filter((m, i, all) => !all.slice(0, i).some((x) => overlap(x.lines, m.lines)))
    .sort((a, b) => a.lines[0] - b.lines[0]);
}

/**
 * Share (0..1) of the distinct shingles of `text` that the exception's own text holds: 1 for a
 * passage of the exception, less for one that adds words of its own (an edited exception).
 */
export function exceptionCoverage(exception: string, text: string): number {
  const r = load().find((x) => x.exception === exception);
  if (!r) return 0;
  const seq = new Set(shingleSequence(tokenize(text)));
  if (!seq.size) return 1;
  let held = 0;
  for (const h of seq) if (r.shingles.has(h)) held++;
  return held / seq.size;
}

function overlap(a: [number, number], b: [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}
