// Word n-grams hashed to 32-bit integers. Three-word shingles keep word order: the same words in a
// scrambled order share almost none, which is the guard against "bag of words" false matches.
import type { Tokens } from "./normalize.js";

export const SHINGLE_SIZE = 3;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Shingle hashes in word order (duplicates kept), for locating matches in the text. Each is
 * FNV-1a over the UTF-16 code units of the n words joined by single spaces (apostrophes dropped),
 * read from the document without building the words or the joined string.
 */
export function shingleSequence(tokens: Tokens, n = SHINGLE_SIZE): Uint32Array {
  const { doc, starts, ends } = tokens;
  const count = Math.max(0, tokens.count - n + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = FNV_OFFSET;
    for (let j = 0; j < n; j++) {
      if (j > 0) h = Math.imul(h ^ 32, FNV_PRIME);
      for (let k = starts[i + j]!, end = ends[i + j]!; k < end; k++) {
        const c = doc.charCodeAt(k);
        if (c !== 39) h = Math.imul(h ^ c, FNV_PRIME);
      }
    }
    out[i] = h >>> 0;
  }
  return out;
}

/**
 * The sorted set of distinct hashes and, for each position of the sequence, the index of its hash
 * in that set. Sorted, because the shingle index is then read front to back (looking its keys up
 * in a random order cost twice as much in cache misses); by a radix sort of the positions, four
 * passes of 8 bits, which beats a comparison sort of the hashes and gives the ranks for free.
 */
export function shingleSetAndRank(seq: Uint32Array): { set: Uint32Array; rank: Uint32Array } {
  const n = seq.length;
  let order = new Uint32Array(n);
  let other = new Uint32Array(n);
  for (let p = 0; p < n; p++) order[p] = p;
  const counts = new Uint32Array(256);
  for (let shift = 0; shift < 32; shift += 8) {
    counts.fill(0);
    for (let p = 0; p < n; p++) counts[(seq[p]! >>> shift) & 255]!++;
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      const c = counts[b]!;
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const p = order[i]!;
      other[counts[(seq[p]! >>> shift) & 255]!++] = p;
    }
    [order, other] = [other, order];
  }
  const set = other; // free after the last pass: reused for the distinct hashes
  const rank = new Uint32Array(n);
  let k = -1;
  for (let i = 0; i < n; i++) {
    const p = order[i]!;
    const h = seq[p]!;
    if (k < 0 || set[k] !== h) set[++k] = h;
    rank[p] = k;
  }
  return { set: set.slice(0, k + 1), rank };
}

/**
 * Hash of the whole normalised word sequence (the words joined by single spaces, apostrophes
 * dropped): equal texts after normalisation match exactly. A 32-bit FNV-1a stream, a 32-bit
 * multiply-xorshift stream and the word count, read straight from the document like the shingles:
 * a cryptographic hash of the joined words cost more than matching, and 64 bits among a few
 * thousand references is plenty.
 */
export function exactHash(tokens: Tokens): string {
  const { doc, starts, ends } = tokens;
  let a = FNV_OFFSET;
  let b = 0x01234567;
  for (let i = 0; i < starts.length; i++) {
    if (i > 0) {
      a = Math.imul(a ^ 32, FNV_PRIME);
      b = Math.imul(b ^ 32, 0x5bd1e995);
    }
    for (let k = starts[i]!, end = ends[i]!; k < end; k++) {
      const c = doc.charCodeAt(k);
      if (c === 39) continue;
      a = Math.imul(a ^ c, FNV_PRIME);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
  }
  return hex8(a) + hex8(b) + hex8(tokens.count);
}

function hex8(x: number): string {
  return (x >>> 0).toString(16).padStart(8, "0");
}
