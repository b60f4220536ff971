// The reference fingerprints: one entry per canonical text (SPDX texts and the ML license corpus),
// built by scripts/build-fingerprints.ts into data/generated/fingerprints.json and committed.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Bumped when the entry shape, the normalisers or the shingle size change meaning. */
export const FINGERPRINT_FORMAT = 2;

export interface FingerprintEntry {
  /** Unique source key: `spdx:MIT`, `corpus:ml-licenses/llama3.txt`. */
  key: string;
  /** Knowledge-base id when the knowledge base has the license, else the SPDX id. */
  id: string;
  name: string;
  /** Which part of the license this text is: the license itself or an acceptable use policy. */
  part: "license" | "acceptable-use-policy";
  spdx: string | null;
  /** sha1 of the normalised word sequence. */
  exact: string;
  /** Number of words after normalisation. */
  words: number;
  /** Sorted distinct shingle hashes, base64 of a little-endian Uint32Array. */
  shingles: string;
}

export interface FingerprintFile {
  format: number;
  shingle_size: number;
  /** sha256 over the entries; a test rebuilds it from the sources and fails when stale. */
  content_hash: string;
  entries: FingerprintEntry[];
}

export interface LoadedEntry extends Omit<FingerprintEntry, "shingles"> {
  set: Uint32Array;
}

export function fingerprintPath(): string {
  // dist/src/identify/ -> <root>/data/generated/fingerprints.json
  return join(
    dirname(fileURLToPath(import.meta.url)),
    "..",
    "..",
    "..",
    "data",
    "generated",
    "fingerprints.json",
  );
}

export function encodeSet(set: Uint32Array): string {
  return Buffer.from(set.buffer, set.byteOffset, set.byteLength).toString("base64");
}

export function decodeSet(b64: string): Uint32Array {
  const buf = Buffer.from(b64, "base64");
  // copy into an aligned buffer: Buffer pooling may give an unaligned offset
  const out = new Uint32Array(buf.byteLength / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

let cached: { file: FingerprintFile; entries: LoadedEntry[] } | undefined;

export function loadFingerprints(path = fingerprintPath()): {
  file: FingerprintFile;
  entries: LoadedEntry[];
} {
  if (cached) return cached;
  const file = JSON.parse(readFileSync(path, "utf8")) as FingerprintFile;
  if (file.format !== FINGERPRINT_FORMAT)
    throw new Error(
      `${path} has format ${file.format}, expected ${FINGERPRINT_FORMAT}: run npm run fingerprints`,
    );
  const entries = file.entries.map(({ shingles, ...rest }) => ({ ...rest, set: decodeSet(shingles) }));
  cached = { file, entries };
  return cached;
}
