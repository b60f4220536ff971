// Writers for small model files (GGUF, safetensors, ONNX) built byte by byte, so the readers are
// tested against files whose every byte the test controls, valid and hostile alike.
import { closeSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// ---------------------------------------------------------------- little-endian primitives

export function u8(n: number): Buffer {
  return Buffer.from([n & 0xff]);
}
export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}
export function u64(n: number | bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}

// ---------------------------------------------------------------- GGUF (v2/v3 layout)

/** GGUF value types, from the format's specification (ggml/docs/gguf.md). */
export const GGUF = {
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

/** A GGUF string: u64 length, then the UTF-8 bytes. */
export function ggufString(s: string): Buffer {
  const b = Buffer.from(s, "utf8");
  return Buffer.concat([u64(b.length), b]);
}

/** An explicitly typed value, for types the shorthand below does not pick. */
export interface Typed {
  type: number;
  value: unknown;
  /** For arrays: the element type. */
  elem?: number;
}
export const typed = (type: number, value: unknown, elem?: number): Typed => ({ type, value, elem });

/** Shorthand: string → STRING, number → U32, bigint → U64, boolean → BOOL, string[] → ARRAY of STRING. */
export type GgufInput = string | number | bigint | boolean | string[] | Typed;

function scalarBytes(type: number, v: unknown): Buffer {
  switch (type) {
    case GGUF.U8:
    case GGUF.BOOL:
      return u8(Number(v));
    case GGUF.I8: {
      const b = Buffer.alloc(1);
      b.writeInt8(Number(v));
      return b;
    }
    case GGUF.U16:
    case GGUF.I16: {
      const b = Buffer.alloc(2);
      if (type === GGUF.U16) b.writeUInt16LE(Number(v));
      else b.writeInt16LE(Number(v));
      return b;
    }
    case GGUF.U32:
      return u32(Number(v));
    case GGUF.I32: {
      const b = Buffer.alloc(4);
      b.writeInt32LE(Number(v));
      return b;
    }
    case GGUF.F32: {
      const b = Buffer.alloc(4);
      b.writeFloatLE(Number(v));
      return b;
    }
    case GGUF.STRING:
      return ggufString(String(v));
    case GGUF.U64:
      return u64(BigInt(v as number));
    case GGUF.I64: {
      const b = Buffer.alloc(8);
      b.writeBigInt64LE(BigInt(v as number));
      return b;
    }
    case GGUF.F64: {
      const b = Buffer.alloc(8);
      b.writeDoubleLE(Number(v));
      return b;
    }
    default:
      throw new Error(`writer: unknown GGUF type ${type}`);
  }
}

function valueBytes(v: GgufInput): { type: number; bytes: Buffer } {
  let t: Typed;
  if (typeof v === "string") t = typed(GGUF.STRING, v);
  else if (typeof v === "number") t = typed(GGUF.U32, v);
  else if (typeof v === "bigint") t = typed(GGUF.U64, v);
  else if (typeof v === "boolean") t = typed(GGUF.BOOL, v ? 1 : 0);
  else if (Array.isArray(v)) t = typed(GGUF.ARRAY, v, GGUF.STRING);
  else t = v;
  if (t.type !== GGUF.ARRAY) return { type: t.type, bytes: scalarBytes(t.type, t.value) };
  const items = t.value as unknown[];
  const elem = t.elem ?? GGUF.STRING;
  return {
    type: GGUF.ARRAY,
    bytes: Buffer.concat([u32(elem), u64(items.length), ...items.map((x) => scalarBytes(elem, x))]),
  };
}

/** One key-value pair as it appears in the header. */
export function ggufKv(key: string, v: GgufInput): Buffer {
  const { type, bytes } = valueBytes(v);
  return Buffer.concat([ggufString(key), u32(type), bytes]);
}

/**
 * A GGUF file: magic, version, tensor count, key-value count, the key-values, then (when
 * `tensorBytes` is given) that many bytes standing in for tensor infos and data.
 */
export function ggufFile(
  kv: Record<string, GgufInput>,
  opts: { version?: number; tensorCount?: number; tensorBytes?: number } = {},
): Buffer {
  const entries = Object.entries(kv);
  return Buffer.concat([
    Buffer.from("GGUF", "latin1"),
    u32(opts.version ?? 3),
    u64(opts.tensorCount ?? 0),
    u64(entries.length),
    ...entries.map(([k, v]) => ggufKv(k, v)),
    Buffer.alloc(opts.tensorBytes ?? 0),
  ]);
}

/** The fixed 24-byte GGUF v3 preamble with any counts, for hostile headers. */
export function ggufPreamble(kvCount: bigint, tensorCount = 0n, version = 3): Buffer {
  return Buffer.concat([Buffer.from("GGUF", "latin1"), u32(version), u64(tensorCount), u64(kvCount)]);
}

// ---------------------------------------------------------------- safetensors

/** A safetensors file: u64 header length, the JSON header, then the tensor bytes. */
export function safetensorsFile(metadata: Record<string, string> | null, tensorBytes = 16): Buffer {
  const header: Record<string, unknown> = {
    "model.embed.weight": { dtype: "F32", shape: [2, 2], data_offsets: [0, tensorBytes] },
  };
  if (metadata) header.__metadata__ = metadata;
  return safetensorsRaw(JSON.stringify(header), tensorBytes);
}

/** A safetensors file around an arbitrary header text (padded with spaces as the format allows). */
export function safetensorsRaw(headerText: string, tensorBytes = 0, claimedLength?: bigint): Buffer {
  let h = Buffer.from(headerText, "utf8");
  const pad = (8 - (h.length % 8)) % 8;
  h = Buffer.concat([h, Buffer.alloc(pad, 0x20)]);
  return Buffer.concat([u64(claimedLength ?? BigInt(h.length)), h, Buffer.alloc(tensorBytes)]);
}

// ---------------------------------------------------------------- protobuf / ONNX

export function varint(n: number | bigint): Buffer {
  let v = BigInt(n);
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return Buffer.from(out);
}

/** A length-delimited field (wire type 2). */
export function pbBytes(field: number, payload: Buffer | string): Buffer {
  const p = typeof payload === "string" ? Buffer.from(payload, "utf8") : payload;
  return Buffer.concat([varint((field << 3) | 2), varint(p.length), p]);
}

/** A varint field (wire type 0). */
export function pbVarint(field: number, v: number | bigint): Buffer {
  return Buffer.concat([varint(field << 3), varint(v)]);
}

/** StringStringEntryProto {key = 1, value = 2}, as ModelProto.metadata_props (field 14). */
export function onnxMetadataProp(key: string, value: string): Buffer {
  return pbBytes(14, Buffer.concat([pbBytes(1, key), pbBytes(2, value)]));
}

/**
 * A ModelProto: ir_version (1), producer_name (2), producer_version (3), domain (4),
 * model_version (5), doc_string (6), graph (7, here an opaque blob of `graphBytes` bytes),
 * opset_import (8), then metadata_props (14).
 */
export function onnxFile(opts: {
  metadata?: Record<string, string>;
  graphBytes?: number;
  producer?: string;
  docString?: string;
  modelVersion?: number;
  metadataFirst?: boolean;
}): Buffer {
  const head = [
    pbVarint(1, 8),
    pbBytes(2, opts.producer ?? "pytorch"),
    pbBytes(3, "2.3.0"),
    pbBytes(4, "ai.onnx"),
    pbVarint(5, opts.modelVersion ?? 1),
  ];
  if (opts.docString !== undefined) head.push(pbBytes(6, opts.docString));
  // a graph blob full of bytes that would be nonsense if parsed as top-level fields
  const graph = pbBytes(7, Buffer.alloc(opts.graphBytes ?? 1024, 0xff));
  const opset = pbBytes(8, Buffer.concat([pbBytes(1, ""), pbVarint(2, 17)]));
  const meta = Object.entries(opts.metadata ?? {}).map(([k, v]) => onnxMetadataProp(k, v));
  return Buffer.concat(
    opts.metadataFirst ? [...head, ...meta, graph, opset] : [...head, graph, opset, ...meta],
  );
}

// ---------------------------------------------------------------- temp files

/** A fresh temp dir; `done()` removes it. */
export function tempDir(prefix = "mlicense-inspect-"): {
  dir: string;
  file: (name: string, data: Buffer | string) => string;
  done: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file: (name, data) => {
      const p = join(dir, name);
      writeFileSync(p, data);
      return p;
    },
    done: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A sparse file of `size` bytes whose first bytes are `head` and, optionally, with `tail` written
 * at `tailAt`: a 50 GB model file that costs a few kB of disk.
 */
export function sparseFile(
  path: string,
  head: Buffer,
  size: number,
  tail?: { at: number; data: Buffer },
): string {
  writeFileSync(path, head);
  truncateSync(path, size);
  if (tail) {
    const fd = openSync(path, "r+");
    try {
      writeSync(fd, tail.data, 0, tail.data.length, tail.at);
    } finally {
      closeSync(fd);
    }
  }
  return path;
}

export const GiB = 1024 * 1024 * 1024;
