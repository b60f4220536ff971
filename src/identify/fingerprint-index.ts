// The reference fingerprints: one entry per canonical text (SPDX texts and the ML license corpus),
// built by scripts/build-fingerprints.ts into data/generated/fingerprints.bin and committed.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BUCKETS, ShingleIndex } from "./shingle-index.js";

/** Bumped when the entry shape, the normalisers or the shingle size change meaning. */
export const FINGERPRINT_FORMAT = 8;

export interface FingerprintEntry {
  /** Unique source key: `spdx:MIT`, `corpus:ml-licenses/llama3.txt`. */
  key: string;
  /** Knowledge-base id when the knowledge base has the license, else the SPDX id. */
  id: string;
  name: string;
  /** Which part of the license this text is: the license itself or an acceptable use policy. */
  part: "license" | "acceptable-use-policy";
  spdx: string | null;
  /** Hash of the normalised word sequence (see exactHash). */
  exact: string;
  /** Number of words after normalisation. */
  words: number;
  /** Sorted distinct shingle hashes, base64 of a little-endian Uint32Array. */
  shingles: string;
  /** Each shingle's first position in the text (aligned with `shingles`), base64 of a Uint16Array. */
  positions: string;
  /** Number of shingle positions (words - SHINGLE_SIZE + 1). */
  length: number;
  /**
   * Shingle position where the text's end matter starts ("END OF TERMS AND CONDITIONS", "How to
   * apply these terms", an appendix or exhibit with the notice to put in files), `length` when it
   * has none: copies often leave that part out, which is no change to the terms.
   */
  tail: number;
  /** Shingle position where the terms start after a preamble copies leave out, else 0. */
  head: number;
  /**
   * The words of the license's own name that its terms use and few other references do ("saxpath",
   * "llama", "hp" in "Neither the name of the HP nor ..."): a copy names them, while a text on the
   * same template that names another licensor is another license (JDOM's on SAXPath's template).
   */
  names: string[];
  /** Which positions hold a shingle's first occurrence: a bitset, base64. */
  firsts: string;
  /** Each word's kind (see differences.ts wordKinds), four bits a word, base64. */
  kinds: string;
}

export interface FingerprintFile {
  format: number;
  shingle_size: number;
  /** sha256 over the entries; a test rebuilds it from the sources and fails when stale. */
  content_hash: string;
  entries: FingerprintEntry[];
}

export interface LoadedEntry extends Omit<FingerprintEntry, "shingles" | "positions" | "firsts" | "kinds"> {
  /** Number of distinct shingles. */
  size: number;
  /** Position in the entries list (the index's reference number). */
  index: number;
  /** Bitset of first-occurrence positions (a view into the loaded file). */
  firsts: Uint8Array;
  /** Each word's kind (see differences.ts wordKinds), four bits a word (a view into the loaded file). */
  kinds: Uint8Array;
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

export function encodeU16(a: Uint16Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
}

export function decodeU16(b64: string): Uint16Array {
  const buf = Buffer.from(b64, "base64");
  const out = new Uint16Array(buf.byteLength / 2);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

// On disk: "MLFP", a u32 header length, the JSON header (the index without the shingles, each
// entry with its shingle `count` and the offset of its first-occurrence bitset, and the sizes of
// the arrays below), padding to 4 bytes, then the shingles inverted (see ShingleIndex) as
// little-endian arrays: u32 keys, u32 starts, u32 buckets, u16 refs, u16 pos, and last the
// bitsets, bytes. Loading is one read into an aligned buffer and views on it: start-up matters
// for a CLI that must answer in well under half a second.
const MAGIC = "MLFP";

type HeaderEntry = Omit<FingerprintEntry, "shingles" | "positions" | "firsts" | "kinds"> & {
  count: number;
  firstsAt: number;
  kindsAt: number;
};
type Header = Omit<FingerprintFile, "entries"> & {
  entries: HeaderEntry[];
  keys: number;
  refs: number;
  firstsBytes: number;
};

export function encodeBinary(file: FingerprintFile): Buffer {
  const sets = file.entries.map((e) => decodeSet(e.shingles));
  const positions = file.entries.map((e) => decodeU16(e.positions));
  const index = ShingleIndex.fromSets(sets, positions);
  // the bitsets, each entry's two side by side
  const bits = file.entries.flatMap((e) => [Buffer.from(e.firsts, "base64"), Buffer.from(e.kinds, "base64")]);
  let firstsAt = 0;
  const entries: HeaderEntry[] = file.entries.map(
    ({ shingles: _s, positions: _p, firsts: _f, kinds: _k, ...rest }, i) => {
      const e = { ...rest, count: sets[i]!.length, firstsAt, kindsAt: firstsAt + bits[2 * i]!.length };
      firstsAt += bits[2 * i]!.length + bits[2 * i + 1]!.length;
      return e;
    },
  );
  const header: Header = {
    ...file,
    entries,
    keys: index.keys.length,
    refs: index.refs.length,
    firstsBytes: firstsAt,
  };
  const json = Buffer.from(JSON.stringify(header));
  const headLen = 8 + json.length;
  const start = headLen + ((4 - (headLen % 4)) % 4);
  const arrays = [index.keys, index.starts, index.buckets, index.refs, index.pos, ...bits];
  const out = Buffer.alloc(start + arrays.reduce((n, a) => n + a.byteLength, 0));
  out.write(MAGIC, 0, "latin1");
  out.writeUInt32LE(json.length, 4);
  json.copy(out, 8);
  let at = start;
  for (const a of arrays) {
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, at);
    at += a.byteLength;
  }
  return out;
}

/** The header alone (format, content hash, entries without shingles), for staleness checks. */
export function readHeader(buf: Buffer, path: string): Header {
  if (buf.length < 8 || buf.toString("latin1", 0, 4) !== MAGIC)
    throw new Error(`${path} is not a fingerprint index`);
  const len = buf.readUInt32LE(4);
  return JSON.parse(buf.toString("utf8", 8, 8 + len)) as Header;
}

export interface LoadedFingerprints {
  file: FingerprintFile;
  entries: LoadedEntry[];
  index: ShingleIndex;
}

let cached: LoadedFingerprints | undefined;

export function loadFingerprints(path = fingerprintPath()): LoadedFingerprints {
  if (cached && path === fingerprintPath()) return cached;
  // read straight into a fresh ArrayBuffer, so that the arrays are aligned views with no copy
  const fd = openSync(path, "r");
  let buf: Buffer;
  try {
    const size = fstatSync(fd).size;
    buf = Buffer.from(new ArrayBuffer(size));
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    buf = buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
  const loaded = decodeBinary(buf, path);
  if (path === fingerprintPath()) cached = loaded;
  return loaded;
}

export function decodeBinary(buf: Buffer, path: string): LoadedFingerprints {
  const header = readHeader(buf, path);
  if (header.format !== FINGERPRINT_FORMAT)
    throw new Error(
      `${path} has format ${header.format}, expected ${FINGERPRINT_FORMAT}: run npm run fingerprints`,
    );
  const headLen = 8 + buf.readUInt32LE(4);
  const start = headLen + ((4 - (headLen % 4)) % 4);
  const sizes = [
    header.keys * 4,
    (header.keys + 1) * 4,
    (BUCKETS + 1) * 4,
    header.refs * 2,
    header.refs * 2,
    header.firstsBytes,
  ];
  const bytes = sizes.reduce((a, b) => a + b, 0);
  if (buf.length < start + bytes) throw new Error(`${path} is truncated: run npm run fingerprints`);
  // views need 4-byte alignment: a Buffer read into its own ArrayBuffer has it, any other is copied
  const at = buf.byteOffset + start;
  const body = at % 4 === 0 ? buf.buffer : new Uint8Array(buf.subarray(start, start + bytes)).buffer;
  let offset = at % 4 === 0 ? at : 0;
  const view = <T>(make: (o: number) => T, size: number): T => {
    const v = make(offset);
    offset += size;
    return v;
  };
  const keys = view((o) => new Uint32Array(body, o, header.keys), sizes[0]!);
  const starts = view((o) => new Uint32Array(body, o, header.keys + 1), sizes[1]!);
  const buckets = view((o) => new Uint32Array(body, o, BUCKETS + 1), sizes[2]!);
  const refs = view((o) => new Uint16Array(body, o, header.refs), sizes[3]!);
  const pos = view((o) => new Uint16Array(body, o, header.refs), sizes[4]!);
  const firstsBase = offset;
  const entries: LoadedEntry[] = header.entries.map((e, index) => ({
    key: e.key,
    id: e.id,
    name: e.name,
    part: e.part,
    spdx: e.spdx,
    exact: e.exact,
    words: e.words,
    length: e.length,
    tail: e.tail,
    head: e.head,
    names: e.names,
    size: e.count,
    index,
    firsts: new Uint8Array(body, firstsBase + e.firstsAt, Math.ceil(e.length / 8)),
    kinds: new Uint8Array(body, firstsBase + e.kindsAt, Math.ceil(e.words / 2)),
  }));
  const file = {
    format: header.format,
    shingle_size: header.shingle_size,
    content_hash: header.content_hash,
    entries: [],
  };
  return { file, entries, index: new ShingleIndex(keys, starts, refs, pos, buckets) };
}
