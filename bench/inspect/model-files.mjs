// Writes model files with a valid header of a given total size: the header at the start, the
// rest left as a hole (ftruncate), so a 10 GiB file takes a few KB of disk on filesystems with
// sparse files. Tensor shapes and offsets agree with the size, as in a real file.
import { closeSync, openSync, ftruncateSync, writeSync } from "node:fs";

const ROW = 4096; // floats per row of the single tensor

/** safetensors: 8-byte header length, JSON header (padded with spaces), then tensor data. */
export function writeSafetensors(path, totalBytes, meta) {
  const make = (rows, cols, pad) => {
    const header = {
      __metadata__: meta,
      "model.embed_tokens.weight": { dtype: "F32", shape: [rows, cols], data_offsets: [0, rows * cols * 4] },
    };
    return JSON.stringify(header) + " ".repeat(pad);
  };
  // data = rows * cols * 4 bytes; the header's padding takes up what rows cannot
  const big = totalBytes > 64 * 1024;
  const cols = big ? ROW : 1;
  const probe = make(1, cols, 0).length + 64;
  const rows = Math.floor((totalBytes - 8 - probe) / (cols * 4));
  const data = rows * cols * 4;
  const headerLen = totalBytes - 8 - data;
  let header = make(rows, cols, 0);
  header += " ".repeat(headerLen - Buffer.byteLength(header));
  const lenBuf = Buffer.alloc(8);
  lenBuf.writeBigUInt64LE(BigInt(headerLen));
  const fd = openSync(path, "w");
  try {
    writeSync(fd, lenBuf);
    writeSync(fd, Buffer.from(header, "utf8"));
    ftruncateSync(fd, totalBytes);
  } finally {
    closeSync(fd);
  }
}

function ggufString(s) {
  const b = Buffer.from(s, "utf8");
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(b.length));
  return Buffer.concat([len, b]);
}
const u32 = (n) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const u64 = (n) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};

/** GGUF v3: magic, counts, key-values, one tensor info, alignment padding, then tensor data. */
export function writeGguf(path, totalBytes, kv) {
  const ALIGN = 32;
  const kvs = [];
  for (const [k, v] of Object.entries({ ...kv, "general.alignment": ALIGN })) {
    if (typeof v === "string") kvs.push(ggufString(k), u32(8), ggufString(v));
    else kvs.push(ggufString(k), u32(4), u32(v));
  }
  const count = Object.keys(kv).length + 1;
  const head = (dims) =>
    Buffer.concat([
      Buffer.from("GGUF", "latin1"),
      u32(3),
      u64(1),
      u64(count),
      ...kvs,
      ggufString("token_embd.weight"),
      u32(2),
      u64(dims[0]),
      u64(dims[1]),
      u32(0), // F32
      u64(0), // offset in the data section
    ]);
  const headerLen = Math.ceil(head([0, 0]).length / ALIGN) * ALIGN;
  const floats = Math.floor((totalBytes - headerLen) / 4);
  const dims = totalBytes > 64 * 1024 ? [ROW, Math.floor(floats / ROW)] : [floats, 1];
  const h = head(dims);
  const fd = openSync(path, "w");
  try {
    writeSync(fd, Buffer.concat([h, Buffer.alloc(headerLen - h.length)]));
    ftruncateSync(fd, totalBytes);
  } finally {
    closeSync(fd);
  }
}
