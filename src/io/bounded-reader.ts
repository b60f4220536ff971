// Random-access reading of a file with hard bounds: every length a header claims is checked
// against the file size and a budget before any buffer is allocated for it.
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { InputError } from "../errors.js";

/** Bytes read ahead for small reads. */
const WINDOW = 64 * 1024;

export class BoundedReader {
  readonly size: number;
  pos = 0;
  private readonly fd: number;
  private bytesRead = 0;

  constructor(
    readonly file: string,
    /** Most bytes this reader may read in total (headers, not weights). */
    private readonly budget = 256 * 1024 * 1024,
  ) {
    try {
      // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat below refuses it
      this.fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(
        code === "ENOENT" ? "no such file" : code === "ELOOP" ? "symbolic link loop" : (e as Error).message,
        code === "ENOENT" ? "not-found" : "unreadable",
        file,
      );
    }
    const st = fstatSync(this.fd);
    if (!st.isFile()) {
      closeSync(this.fd);
      throw new InputError("not a regular file", "unreadable", file);
    }
    this.size = st.size;
  }

  close(): void {
    closeSync(this.fd);
  }

  get remaining(): number {
    return this.size - this.pos;
  }

  fail(message: string, field?: string): never {
    throw new InputError(message, "bad-header", this.file, field ?? `byte ${this.pos}`);
  }

  /** Reads exactly n bytes at the current position. */
  read(n: number, what = "data"): Buffer {
    if (!Number.isSafeInteger(n) || n < 0) this.fail(`${what}: invalid length ${n}`);
    if (n > this.remaining)
      this.fail(`${what}: claims ${n} bytes but only ${this.remaining} remain in the file`);
    if (this.bytesRead + n > this.budget)
      this.fail(`${what}: header larger than the ${this.budget}-byte reading limit`);
    let buf: Buffer;
    if (n <= WINDOW) {
      // small reads (lengths, types, vocabulary entries) come from a window: one system call
      // per 64 KiB instead of one per field
      if (this.pos < this.winStart || this.pos + n > this.winStart + this.winLen) this.fill();
      if (this.pos + n > this.winStart + this.winLen) this.fail(`${what}: file ends early (truncated)`);
      const at = this.pos - this.winStart;
      buf = Buffer.from(this.win.subarray(at, at + n));
    } else {
      buf = Buffer.alloc(n);
      let got = 0;
      while (got < n) {
        const k = readSync(this.fd, buf, got, n - got, this.pos + got);
        if (k === 0) this.fail(`${what}: file ends early (truncated)`);
        got += k;
      }
    }
    this.pos += n;
    this.bytesRead += n;
    return buf;
  }

  private readonly win = Buffer.alloc(WINDOW);
  private winStart = 0;
  private winLen = 0;

  private fill(): void {
    this.winStart = this.pos;
    this.winLen = 0;
    const want = Math.min(WINDOW, this.remaining);
    while (this.winLen < want) {
      const k = readSync(this.fd, this.win, this.winLen, want - this.winLen, this.pos + this.winLen);
      if (k === 0) break;
      this.winLen += k;
    }
  }

  skip(n: number | bigint, what = "data"): void {
    const k = typeof n === "bigint" ? (n > BigInt(this.remaining) ? -1 : Number(n)) : n;
    if (k < 0 || k > this.remaining)
      this.fail(`${what}: claims ${String(n)} bytes but only ${this.remaining} remain in the file`);
    this.pos += k;
  }

  u8(): number {
    return this.read(1).readUInt8(0);
  }
  u32(): number {
    return this.read(4).readUInt32LE(0);
  }
  u64(): bigint {
    return this.read(8).readBigUInt64LE(0);
  }
}
