// Word n-grams hashed to 32-bit integers. Three-word shingles keep word order: the same words in a
// scrambled order share almost none, which is the guard against "bag of words" false matches.
import { createHash } from "node:crypto";
import type { Token } from "./normalize.js";

export const SHINGLE_SIZE = 3;

/** FNV-1a over the UTF-16 code units; fast and good enough for set similarity. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Shingle hashes in token order (duplicates kept), for locating matches in the text. */
export function shingleSequence(tokens: readonly Token[], n = SHINGLE_SIZE): Uint32Array {
  const count = Math.max(0, tokens.length - n + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let s = tokens[i]!.word;
    for (let j = 1; j < n; j++) s += " " + tokens[i + j]!.word;
    out[i] = fnv1a(s);
  }
  return out;
}

/** The sorted set of distinct hashes. */
export function shingleSet(seq: Uint32Array): Uint32Array {
  const sorted = Uint32Array.from(seq).sort();
  let k = 0;
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[k++] = sorted[i]!;
  return sorted.slice(0, k);
}

/** Size of the intersection of two sorted sets. */
export function intersectCount(a: Uint32Array, b: Uint32Array): number {
  let i = 0,
    j = 0,
    n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!,
      y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** Binary search membership in a sorted set. */
export function has(set: Uint32Array, h: number): boolean {
  let lo = 0,
    hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = set[mid]!;
    if (v === h) return true;
    if (v < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Hash of the whole normalised word sequence: equal texts after normalisation match exactly. */
export function exactHash(tokens: readonly Token[]): string {
  return createHash("sha1")
    .update(tokens.map((t) => t.word).join(" "))
    .digest("hex");
}
