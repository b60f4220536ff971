// ONNX ModelProto, read as protobuf at the top level only: scalar fields and `metadata_props`
// (field 14) are decoded; the graph and every other large field are skipped by seeking, so a
// multi-gigabyte model costs a handful of reads.
import { BoundedReader } from "../io/bounded-reader.js";

export interface OnnxInfo {
  producerName?: string;
  modelVersion?: number;
  docString?: string;
  metadata: Record<string, string>;
}

const MAX_FIELDS = 100_000;

function varint(r: BoundedReader): bigint {
  let result = 0n;
  for (let shift = 0n; shift < 70n; shift += 7n) {
    const b = r.u8();
    result |= BigInt(b & 0x7f) << shift;
    if (!(b & 0x80)) return result;
  }
  return r.fail("malformed varint");
}

function lengthOf(r: BoundedReader, what: string): number {
  const len = varint(r);
  if (len > BigInt(r.remaining)) r.fail(`${what}: length ${len} exceeds the file`);
  return Number(len);
}

/**
 * A StringStringEntryProto (key = field 1, value = field 2). Lengths are read as plain numbers
 * (never 32-bit bit arithmetic, whose sign bit turned a 5-byte varint into a negative length and
 * the loop into an endless one) and checked against the entry before any slice; anything that is
 * not a length-delimited field ends the entry, as a malformed one.
 */
function parseEntry(buf: Buffer): [string, string] {
  let key = "",
    value = "";
  let i = 0;
  while (i < buf.length) {
    const tag = buf[i++]!;
    if ((tag & 7) !== 2) return [key, value];
    let len = 0;
    let scale = 1;
    for (let k = 0; ; k++) {
      const b = buf[i++];
      if (b === undefined || k > 4) return [key, value];
      len += (b & 0x7f) * scale;
      scale *= 128;
      if (!(b & 0x80)) break;
    }
    if (len > buf.length - i) return [key, value];
    const s = buf.subarray(i, i + len).toString("utf8");
    i += len;
    if (tag === 0x0a) key = s;
    else if (tag === 0x12) value = s;
  }
  return [key, value];
}

export function readOnnxInfo(file: string): OnnxInfo {
  const r = new BoundedReader(file);
  const info: OnnxInfo = { metadata: {} };
  try {
    let fields = 0;
    while (r.remaining > 0) {
      if (++fields > MAX_FIELDS) r.fail("too many top-level fields");
      const tag = varint(r);
      const field = Number(tag >> 3n);
      const wire = Number(tag & 7n);
      if (field === 0) r.fail("field number 0 is not valid protobuf");
      if (wire === 0) {
        const v = varint(r);
        if (field === 5) info.modelVersion = Number(v);
      } else if (wire === 1) r.skip(8);
      else if (wire === 5) r.skip(4);
      else if (wire === 2) {
        const len = lengthOf(r, `field ${field}`);
        if (field === 2 || field === 6) {
          const s = r.read(Math.min(len, 1 << 20), `field ${field}`).toString("utf8");
          r.skip(len - Math.min(len, 1 << 20));
          if (field === 2) info.producerName = s;
          else info.docString = s;
        } else if (field === 14) {
          if (len > 1 << 20) r.fail("a metadata entry larger than 1 MiB");
          const [k, v] = parseEntry(r.read(len, "metadata_props"));
          if (k) info.metadata[k] = v;
        } else r.skip(len, `field ${field}`);
      } else r.fail(`unsupported protobuf wire type ${wire} (not an ONNX model)`);
    }
    return info;
  } finally {
    r.close();
  }
}
