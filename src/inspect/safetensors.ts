// safetensors header: an 8-byte little-endian length, then that many bytes of JSON. Only the
// `__metadata__` map (string to string) is kept; the header length is checked against the file.
import { BoundedReader } from "../io/bounded-reader.js";

/** Real headers are a few MB at most (one entry per tensor). */
const MAX_HEADER = 100 * 1024 * 1024;

export function readSafetensorsMetadata(file: string): Record<string, string> {
  const r = new BoundedReader(file);
  try {
    if (r.size < 8) r.fail("too small to be a safetensors file", "header length");
    const len = r.u64();
    if (len > BigInt(r.remaining)) r.fail(`header length ${len} is larger than the file`, "header length");
    if (len > BigInt(MAX_HEADER))
      r.fail(`header length ${len} exceeds the ${MAX_HEADER}-byte limit`, "header length");
    const raw = r.read(Number(len), "header").toString("utf8");
    let doc: unknown;
    try {
      doc = JSON.parse(raw);
    } catch (e) {
      r.fail(`header is not JSON: ${(e as Error).message}`, "header");
    }
    if (!doc || typeof doc !== "object" || Array.isArray(doc))
      r.fail("header is not a JSON object", "header");
    const meta = (doc as Record<string, unknown>).__metadata__;
    if (meta === undefined) return {};
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
