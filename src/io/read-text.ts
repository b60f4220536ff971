// Bounded, safe reading of text inputs: a size cap, binary detection, strict UTF-8. Every failure
// is a value (a per-file error), so one bad file never stops a batch of thousands.
import { closeSync, constants, openSync, readSync, fstatSync } from "node:fs";
import { byteOrderMark, type Encoding } from "../text/byte-order-mark.js";

/** Read at most this many bytes of a text file (licenses and cards are far smaller). */
export const DEFAULT_MAX_BYTES = 1024 * 1024;

export type ReadResult =
  | {
      ok: true;
      text: string;
      bytes: number;
      truncated: boolean;
      /** Set when the text was not UTF-8: it began with UTF-16's byte-order mark. */
      encoding?: Exclude<Encoding, "utf-8">;
    }
  | {
      ok: false;
      code: "not-found" | "is-directory" | "unreadable" | "binary" | "invalid-utf8" | "empty";
      message: string;
    };

const decoder = new TextDecoder("utf-8", { fatal: true });
/** "{\rtf" */
const RTF_MAGIC = [0x7b, 0x5c, 0x72, 0x74, 0x66];

const utf16 = {
  // a lone half of a surrogate pair becomes U+FFFD: the mark has said what the text is
  le: new TextDecoder("utf-16le"),
  be: new TextDecoder("utf-16be"),
};

/**
 * A text that starts with a UTF-16 byte-order mark (Windows tools write LICENSE.txt so), which
 * the NUL test below would call binary; null for any other text.
 */
function decodeUtf16(buf: Uint8Array, truncated: boolean): ReadResult | null {
  const { encoding } = byteOrderMark(buf);
  if (encoding === "utf-8") return null;
  const le = encoding === "utf-16le";
  // a cut falls on a code unit, and not between the two halves of a surrogate pair
  let end = buf.length & ~1;
  if (truncated && end >= 4) {
    const last = le ? buf[end - 1]! : buf[end - 2]!;
    if (last >= 0xd8 && last <= 0xdb) end -= 2;
  }
  // the decoder drops the mark itself
  const text = (le ? utf16.le : utf16.be).decode(buf.subarray(0, end));
  if (!text) return { ok: false, code: "empty", message: "the file is empty" };
  // binary data that happens to start with those two bytes decodes to controls, broken surrogate
  // pairs and private-use characters, about one in seventeen of its code units; a text, to none
  let odd = 0;
  const head = Math.min(text.length, 8192);
  for (let i = 0; i < head; i++) {
    const c = text.charCodeAt(i);
    if (c < 9 || (c > 13 && c < 32) || c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff)) odd++;
  }
  if (odd > head * 0.02) return { ok: false, code: "binary", message: "binary file, not decoded as text" };
  return { ok: true, text, bytes: buf.length, truncated, encoding };
}

export function decodeText(buf: Uint8Array, truncated: boolean): ReadResult {
  if (buf.length === 0) return { ok: false, code: "empty", message: "the file is empty" };
  const wide = decodeUtf16(buf, truncated);
  if (wide) return wide;
  const head = buf.subarray(0, 8192);
  // an RTF document is 7-bit text whatever it embeds, and word processors leave a NUL after its
  // last brace: its words are read out by the identifier, not refused as binary
  const rtf = head.length >= 5 && RTF_MAGIC.every((b, i) => head[i] === b);
  if (!rtf && head.includes(0))
    return { ok: false, code: "binary", message: "binary file (NUL bytes), not decoded as text" };
  // a cut may fall inside a multi-byte character: back up to a character boundary
  let end = buf.length;
  if (truncated) while (end > 0 && (buf[end - 1]! & 0xc0) === 0x80) end--;
  if (truncated && end > 0 && buf[end - 1]! >= 0xc0) end--;
  try {
    return { ok: true, text: decoder.decode(buf.subarray(0, end)), bytes: buf.length, truncated };
  } catch {
    // count control characters to tell binary junk from a text in another encoding
    let ctrl = 0;
    for (const b of head) if (b < 9 || (b > 13 && b < 32)) ctrl++;
    return ctrl > head.length * 0.05 && !rtf
      ? { ok: false, code: "binary", message: "binary file, not decoded as text" }
      : { ok: false, code: "invalid-utf8", message: "not valid UTF-8 text" };
  }
}

let scratch = Buffer.allocUnsafe(64 * 1024);

export function readTextFile(path: string, maxBytes = DEFAULT_MAX_BYTES): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { ok: false, code: "not-found", message: "no such file" };
    if (code === "EISDIR") return { ok: false, code: "is-directory", message: "a directory, not a file" };
    if (code === "ELOOP") return { ok: false, code: "unreadable", message: "symbolic link loop" };
    return { ok: false, code: "unreadable", message: (e as Error).message };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { ok: false, code: "is-directory", message: "a directory, not a file" };
    if (!st.isFile()) return { ok: false, code: "unreadable", message: "not a regular file" };
    const size = Math.min(st.size, maxBytes);
    // one buffer reused for every file up to the default cap: the text is decoded into a string
    // of its own, and a fresh buffer per file of a batch of thousands cost page faults
    if (size <= DEFAULT_MAX_BYTES && scratch.length < size)
      scratch = Buffer.allocUnsafe(Math.min(DEFAULT_MAX_BYTES, Math.max(size, 2 * scratch.length)));
    const buf = size <= DEFAULT_MAX_BYTES ? scratch.subarray(0, size) : Buffer.alloc(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    return decodeText(buf.subarray(0, got), st.size > maxBytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EISDIR") return { ok: false, code: "is-directory", message: "a directory, not a file" };
    return { ok: false, code: "unreadable", message: (e as Error).message };
  } finally {
    closeSync(fd);
  }
}
