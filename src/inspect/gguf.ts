// GGUF header reader, metadata only, with hard bounds. Every count and length the header claims is
// checked against what is left of the file before anything is allocated, so a header claiming
// 2^60 key-value pairs or a 2^62-byte string fails at once instead of exhausting memory.
import { BoundedReader } from "../io/bounded-reader.js";

export type GgufValue = string | number | bigint | boolean | GgufValue[];

export interface GgufHeader {
  version: number;
  tensorCount: bigint;
  /** Metadata values; long arrays (tokenizer vocabularies) are kept as their length only. */
  metadata: Record<string, GgufValue>;
}

const T = {
  U8: 0,
  I8: 1,
  U16: 2,
  I16: 3,
  U32: 4,
  I32: 5,
  F32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
  U64: 10,
  I64: 11,
  F64: 12,
} as const;
const FIXED_SIZE: Record<number, number> = {
  0: 1,
  1: 1,
  2: 2,
  3: 2,
  4: 4,
  5: 4,
  6: 4,
  7: 1,
  10: 8,
  11: 8,
  12: 8,
};
/** Arrays longer than this are skipped (vocabularies); license metadata is never an array that long. */
const MAX_KEPT_ARRAY = 64;
const MAX_STRING = 16 * 1024 * 1024;

/** GGUF v1 wrote string lengths and array counts as uint32; v2 widened them to uint64. */
function size(r: BoundedReader, v1: boolean): bigint {
  return v1 ? BigInt(r.u32()) : r.u64();
}

function readString(r: BoundedReader, what: string, v1 = false): string {
  const len = size(r, v1);
  if (len > BigInt(Math.min(MAX_STRING, r.remaining)))
    r.fail(`${what}: string length ${len} exceeds the file`);
  return r.read(Number(len), what).toString("utf8");
}

function skipString(r: BoundedReader, what: string, v1: boolean): void {
  const len = size(r, v1);
  r.skip(len, what);
}

function readScalar(r: BoundedReader, type: number, what: string, v1: boolean): GgufValue {
  switch (type) {
    case T.U8:
      return r.read(1).readUInt8(0);
    case T.I8:
      return r.read(1).readInt8(0);
    case T.U16:
      return r.read(2).readUInt16LE(0);
    case T.I16:
      return r.read(2).readInt16LE(0);
    case T.U32:
      return r.read(4).readUInt32LE(0);
    case T.I32:
      return r.read(4).readInt32LE(0);
    case T.F32:
      return r.read(4).readFloatLE(0);
    case T.BOOL:
      return r.read(1).readUInt8(0) !== 0;
    case T.STRING:
      return readString(r, what, v1);
    case T.U64:
      return r.read(8).readBigUInt64LE(0);
    case T.I64:
      return r.read(8).readBigInt64LE(0);
    case T.F64:
      return r.read(8).readDoubleLE(0);
    default:
      return r.fail(`${what}: unknown value type ${type}`);
  }
}

function readValue(r: BoundedReader, type: number, what: string, v1: boolean, depth = 0): GgufValue {
  if (type !== T.ARRAY) return readScalar(r, type, what, v1);
  if (depth > 4) r.fail(`${what}: arrays nested too deeply`);
  const elemType = r.u32();
  const count = size(r, v1);
  const fixed = FIXED_SIZE[elemType];
  // the smallest possible element: a fixed size, or an empty string's 8-byte length
  const minElem = fixed ?? (elemType === T.STRING ? (v1 ? 4 : 8) : elemType === T.ARRAY ? (v1 ? 8 : 12) : -1);
  if (minElem < 0) r.fail(`${what}: unknown array element type ${elemType}`);
  if (count * BigInt(minElem) > BigInt(r.remaining))
    r.fail(`${what}: array of ${count} elements exceeds the file`);
  const n = Number(count);
  if (n > MAX_KEPT_ARRAY) {
    if (fixed !== undefined) r.skip(n * fixed, what);
    else if (elemType === T.STRING) for (let i = 0; i < n; i++) skipString(r, what, v1);
    else for (let i = 0; i < n; i++) readValue(r, elemType, what, v1, depth + 1);
    return [n];
  }
  const out: GgufValue[] = [];
  for (let i = 0; i < n; i++) out.push(readValue(r, elemType, what, v1, depth + 1));
  return out;
}

export function readGgufHeader(file: string): GgufHeader {
  const r = new BoundedReader(file);
  try {
    if (r.size < 16) r.fail("too small to be a GGUF file", "magic");
    const magic = r.read(4).toString("latin1");
    if (magic !== "GGUF") r.fail(`not a GGUF file (magic ${JSON.stringify(magic)})`, "magic");
    const version = r.u32();
    if (version < 1 || version > 3) r.fail(`unsupported GGUF version ${version}`, "version");
    const tensorCount = version === 1 ? BigInt(r.u32()) : r.u64();
    const kvCount = version === 1 ? BigInt(r.u32()) : r.u64();
    // each key-value takes at least 8 (key length) + 1 (key) + 4 (type) + 1 (value) bytes
    if (kvCount * 14n > BigInt(r.remaining))
      r.fail(`header claims ${kvCount} key-value pairs, more than the file can hold`, "kv_count");
    const v1 = version === 1;
    const metadata: Record<string, GgufValue> = {};
    for (let i = 0n; i < kvCount; i++) {
      const at = r.pos;
      const key = readString(r, `key ${i}`, v1);
      // keys are non-empty and unique (GGUF spec); a run of empty keys over zero bytes would
      // otherwise walk billions of "pairs" of a sparse file
      if (!key) r.fail(`key ${i} is empty`, `byte ${at}`);
      if (Object.hasOwn(metadata, key)) r.fail(`key '${key}' appears twice`, `byte ${at}`);
      const type = r.u32();
      metadata[key] = readValue(r, type, key, v1);
    }
    return { version, tensorCount, metadata };
  } finally {
    r.close();
  }
}
