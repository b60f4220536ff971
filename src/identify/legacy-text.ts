// Text files in a legacy 8-bit encoding. Old sources and license files are often Latin-1 or
// Windows-1252 ("Copyright © 1998" with © as the single byte 0xA9), which is not valid UTF-8;
// peer detectors read them, and a license is no less a license for its encoding. Read only after
// the strict UTF-8 reader has found the file to be text, not binary.
import { closeSync, openSync, readSync } from "node:fs";

let cp1252: TextDecoder | undefined;

/** Bytes as Windows-1252 (a superset of Latin-1's printable characters; every byte decodes). */
export function decodeWindows1252(buf: Uint8Array): string {
  try {
    cp1252 ??= new TextDecoder("windows-1252");
  } catch {
    // a Node built without ICU: Latin-1, which differs only in 0x80-0x9F (typographic quotes)
    return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString("latin1");
  }
  return cp1252.decode(buf);
}

/** The first `maxBytes` of a file, decoded as Windows-1252; null when it cannot be read. */
export function readWindows1252(path: string, maxBytes: number): string | null {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return null;
  }
  try {
    const buf = Buffer.alloc(maxBytes);
    let got = 0;
    while (got < maxBytes) {
      const n = readSync(fd, buf, got, maxBytes - got, got);
      if (n === 0) break;
      got += n;
    }
    return decodeWindows1252(buf.subarray(0, got));
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
