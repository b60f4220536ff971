// The reference fingerprints: one entry per canonical text (SPDX texts and the ML license corpus),
// built by scripts/build-fingerprints.ts into data/generated/fingerprints.bin and committed.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Bumped when the entry shape, the normalisers or the shingle size change meaning. */
export const FINGERPRINT_FORMAT = 3;

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
  // dist/src/identify/ -> <root>/data/generated/fingerprints.bin
  return join(
    dirname(fileURLToPath(import.meta.url)),
    "..",
    "..",
    "..",
    "data",
    "generated",
    "fingerprints.bin",
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

// On disk: "MLFP", a u32 header length, the JSON header (the index without the shingles, each
// entry with `offset` and `count` into the table), padding to 4 bytes, then every entry's sorted
// shingle hashes as one little-endian u32 table. Loading is one read and zero-copy views:
// start-up matters for a CLI that must answer in well under half a second.
const MAGIC = "MLFP";

type HeaderEntry = Omit<FingerprintEntry, "shingles"> & { offset: number; count: number };

export function encodeBinary(file: FingerprintFile): Buffer {
  const sets = file.entries.map((e) => decodeSet(e.shingles));
  let offset = 0;
  const entries: HeaderEntry[] = file.entries.map(({ shingles: _unused, ...rest }, i) => {
    const o = { ...rest, offset, count: sets[i]!.length };
    offset += sets[i]!.length;
    return o;
  });
  const json = Buffer.from(JSON.stringify({ ...file, entries }));
  const headLen = 8 + json.length;
  const pad = (4 - (headLen % 4)) % 4;
  const table = new Uint32Array(offset);
  let k = 0;
  for (const set of sets) {
    table.set(set, k);
    k += set.length;
  }
  const out = Buffer.alloc(headLen + pad + table.byteLength);
  out.write(MAGIC, 0, "latin1");
  out.writeUInt32LE(json.length, 4);
  json.copy(out, 8);
  Buffer.from(table.buffer).copy(out, headLen + pad);
  return out;
}

/** The header alone (format, content hash, entries without shingles), for staleness checks. */
export function readHeader(
  buf: Buffer,
  path: string,
): Omit<FingerprintFile, "entries"> & { entries: HeaderEntry[] } {
  if (buf.length < 8 || buf.toString("latin1", 0, 4) !== MAGIC)
    throw new Error(`${path} is not a fingerprint index`);
  const len = buf.readUInt32LE(4);
  return JSON.parse(buf.toString("utf8", 8, 8 + len)) as Omit<FingerprintFile, "entries"> & {
    entries: HeaderEntry[];
  };
}

let cached: { file: FingerprintFile; entries: LoadedEntry[] } | undefined;

export function loadFingerprints(path = fingerprintPath()): {
  file: FingerprintFile;
  entries: LoadedEntry[];
} {
  if (cached) return cached;
  const buf = readFileSync(path);
  const header = readHeader(buf, path);
  if (header.format !== FINGERPRINT_FORMAT)
    throw new Error(
      `${path} has format ${header.format}, expected ${FINGERPRINT_FORMAT}: run npm run fingerprints`,
    );
  const headLen = 8 + buf.readUInt32LE(4);
  const start = headLen + ((4 - (headLen % 4)) % 4);
  // one aligned copy of the table (a Buffer from readFileSync may start at any offset)
  const table = new Uint32Array(new Uint8Array(buf.subarray(start)).buffer);
  const entries = header.entries.map(({ offset, count, ...rest }) => ({
    ...rest,
    set: table.subarray(offset, offset + count),
  }));
  cached = { file: { ...header, entries: [] }, entries };
  return cached;
}
