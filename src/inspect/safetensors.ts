// safetensors header: an 8-byte little-endian length, then that many bytes of JSON. Only the
// `__metadata__` map (string to string) is kept; the header length is checked against the file.
//
// The header is scanned, not parsed: a one-pass syntax check with a nesting bound walks it, and
// only the `__metadata__` value is handed to JSON.parse. Building the whole header as objects cost
// 40 s and 5 GB on a 100 MiB header of nested arrays; the scan is linear, allocates nothing per
// value and stops at the first level deeper than any real header has.
import { BoundedReader } from "../io/bounded-reader.js";

/** Real headers are a few MB at most (one entry per tensor); the format's own reader stops at 100 MB. */
const MAX_HEADER = 100 * 1024 * 1024;
/** A real header nests three levels ({tensor: {shape: [...]}}); the bound leaves room. */
const MAX_DEPTH = 16;

export function readSafetensorsMetadata(file: string): Record<string, string> {
  const r = new BoundedReader(file);
  try {
    if (r.size < 8) r.fail("too small to be a safetensors file", "header length");
    const len = r.u64();
    if (len > BigInt(r.remaining)) r.fail(`header length ${len} is larger than the file`, "header length");
    if (len > BigInt(MAX_HEADER))
      r.fail(`header length ${len} exceeds the ${MAX_HEADER}-byte limit`, "header length");
    const header = r.read(Number(len), "header");
    const scan = scanHeader(header);
    if (typeof scan === "string") return r.fail(`header is not JSON: ${scan}`, "header");
    if (!scan) return {};
    const meta: unknown = JSON.parse(header.toString("utf8", scan[0], scan[1]));
    if (!meta || typeof meta !== "object" || Array.isArray(meta))
      r.fail("__metadata__ is not an object", "__metadata__");
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(meta as Record<string, unknown>))
      out[k] = typeof v === "string" ? v : JSON.stringify(v);
    return out;
  } finally {
    r.close();
  }
}

class Malformed extends Error {}

const KEY = Buffer.from('"__metadata__"');

/**
 * Checks that `b` is one JSON object (RFC 8259 syntax, nesting at most MAX_DEPTH) and returns
 * the byte span of its `__metadata__` value, null when it has none, or what is wrong.
 */
export function scanHeader(b: Uint8Array): [number, number] | null | string {
  let i = 0;
  const n = b.length;
  const bad = (what: string): never => {
    throw new Malformed(`${what} at byte ${i}`);
  };
  const ws = () => {
    while (i < n) {
      const c = b[i]!;
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= n) bad("unterminated string");
      const c = b[i++]!;
      if (c === 0x22) return;
      if (c < 0x20) bad("control character in a string");
      if (c === 0x5c) {
        const e = b[i++];
        if (e === 0x75) {
          for (let k = 0; k < 4; k++) {
            const h = b[i++];
            const hex =
              h !== undefined && ((h >= 48 && h <= 57) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102));
            if (!hex) bad("bad \\u escape");
          }
        } else if (e === undefined || !'"\\/bfnrt'.includes(String.fromCharCode(e))) bad("bad escape");
      }
    }
  };
  const digits = () => {
    const from = i;
    while (i < n && b[i]! >= 48 && b[i]! <= 57) i++;
    if (i === from) bad("digit expected");
  };
  const number = () => {
    if (b[i] === 0x2d) i++;
    if (b[i] === 0x30) i++;
    else digits();
    if (b[i] === 0x2e) {
      i++;
      digits();
    }
    if (b[i] === 0x65 || b[i] === 0x45) {
      i++;
      if (b[i] === 0x2b || b[i] === 0x2d) i++;
      digits();
    }
  };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++) if (b[i++] !== word.charCodeAt(k)) bad("unexpected token");
  };
  const value = (depth: number): void => {
    ws();
    if (i >= n) bad("value expected");
    const c = b[i]!;
    if (c === 0x7b || c === 0x5b) {
      if (depth >= MAX_DEPTH) bad(`nesting deeper than ${MAX_DEPTH} levels`);
      const close = c === 0x7b ? 0x7d : 0x5d;
      i++;
      ws();
      if (b[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === 0x7b) {
          ws();
          if (b[i] !== 0x22) bad("object key expected");
          string();
          ws();
          if (b[i++] !== 0x3a) bad("':' expected");
        }
        value(depth + 1);
        ws();
        const d = b[i++];
        if (d === close) return;
        if (d !== 0x2c) bad("',' or a closing bracket expected");
      }
    }
    if (c === 0x22) string();
    else if (c === 0x2d || (c >= 48 && c <= 57)) number();
    else if (c === 0x74) literal("true");
    else if (c === 0x66) literal("false");
    else if (c === 0x6e) literal("null");
    else bad("unexpected token");
  };
  try {
    ws();
    if (b[i] !== 0x7b) return "the header is not a JSON object";
    i++;
    ws();
    let meta: [number, number] | null = null;
    if (b[i] === 0x7d) i++;
    else
      for (;;) {
        ws();
        if (b[i] !== 0x22) bad("object key expected");
        const keyStart = i;
        string();
        const isMeta =
          i - keyStart === KEY.length &&
          Buffer.from(b.buffer, b.byteOffset + keyStart, KEY.length).equals(KEY);
        ws();
        if (b[i++] !== 0x3a) bad("':' expected");
        ws();
        const from = i;
        value(1);
        if (isMeta) meta = [from, i];
        ws();
        const d = b[i++];
        if (d === 0x7d) break;
        if (d !== 0x2c) bad("',' or '}' expected");
      }
    ws();
    if (i < n) bad("text after the header object");
    return meta;
  } catch (e) {
    if (e instanceof Malformed) return e.message;
    throw e;
  }
}
