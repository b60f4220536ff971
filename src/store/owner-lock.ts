// One owner per data folder. The first process to open an inventory under --data-dir writes
// `owner.json` there (created exclusively, mode 0600) with its PID, and a server adds its URL and
// token once it listens, so the CLI can send its work to the server instead of opening the same
// files. PGlite is one PostgreSQL in one process: two of them on one folder lost writes and, once
// both were killed, left a store that no longer opened.
//
// A lock left by a process that died (kill -9) is taken over: its PID no longer runs (or runs
// something that is not Node). Two processes taking over the same dead lock at once is settled by
// the exclusive create; the rename aside is checked to have moved the dead owner's file.
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { InputError } from "../errors.js";

export const OWNER_FILE = "owner.json";

export interface Owner {
  pid: number;
  /** What holds it: "serve", "inventory add", ... */
  command: string;
  host: string;
  started: string;
  /** Tells this lock from an earlier one of the same PID. */
  nonce: string;
  /** Set by a server once it listens. */
  url?: string;
  /** The server's bearer token, when it has one (the file is readable by its user only). */
  token?: string;
}

/** The store is held by another live process. */
export class StoreBusyError extends InputError {
  override name = "StoreBusyError";
  constructor(
    readonly dataDir: string,
    readonly owner: Owner,
  ) {
    super(
      `the inventory in ${dataDir} is in use by process ${owner.pid} (mlicense ${owner.command}` +
        `${owner.url ? ` at ${owner.url}` : ""}, since ${owner.started}). ` +
        (owner.url
          ? "Send the work to that server, or stop it first."
          : "Wait for it to finish, or stop it.") +
        ` If no such process runs, remove ${join(dataDir, OWNER_FILE)}.`,
      "store-busy",
      dataDir,
    );
  }
}

function alive(o: Owner): boolean {
  if (o.host !== hostname()) return true; // a shared folder: another machine's process cannot be seen
  try {
    process.kill(o.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  // a PID reused by something else after a kill -9
  try {
    const cmd = readFileSync(`/proc/${o.pid}/cmdline`, "latin1");
    return /node|mlicense/i.test(cmd);
  } catch {
    return true;
  }
}

/** The owner recorded in `dataDir`, when one is recorded and still runs. */
export function liveOwner(dataDir: string): Owner | null {
  const o = readOwner(join(dataDir, OWNER_FILE));
  return o && o !== "unreadable" && alive(o) ? o : null;
}

function readOwner(path: string): Owner | null | "unreadable" {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT" ? null : "unreadable";
  }
  try {
    const o = JSON.parse(text) as Owner;
    return typeof o?.pid === "number" && typeof o.nonce === "string" ? o : "unreadable";
  } catch {
    return "unreadable";
  }
}

function writeExclusive(path: string, o: Owner): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx", 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(o, null, 2) + "\n");
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

export class OwnerLock {
  private released = false;
  private readonly onExit = () => this.release();

  private constructor(
    readonly dataDir: string,
    private owner: Owner,
  ) {
    process.once("exit", this.onExit);
  }

  get path(): string {
    return join(this.dataDir, OWNER_FILE);
  }

  /** Takes the folder or throws StoreBusyError naming the live owner. */
  static acquire(dataDir: string, command: string): OwnerLock {
    const path = join(dataDir, OWNER_FILE);
    const me: Owner = {
      pid: process.pid,
      command,
      host: hostname(),
      started: new Date().toISOString(),
      nonce: randomBytes(8).toString("hex"),
    };
    for (let attempt = 0; attempt < 5; attempt++) {
      if (writeExclusive(path, me)) return new OwnerLock(dataDir, me);
      const held = readOwner(path);
      if (held === null) continue; // released meanwhile
      if (held === "unreadable") {
        // being written this instant by its creator, or damaged: give the creator a moment
        if (attempt < 3) {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
          continue;
        }
      } else if (alive(held)) throw new StoreBusyError(dataDir, held);
      // a dead owner's lock: move it aside, and make sure it was that one that moved
      const aside = `${path}.stale-${me.nonce}`;
      try {
        renameSync(path, aside);
      } catch {
        continue;
      }
      const moved = readOwner(aside);
      if (held !== "unreadable" && moved !== "unreadable" && moved && moved.nonce !== held.nonce) {
        // another process took over first and this moved its fresh lock: put it back
        try {
          linkSync(aside, path);
        } catch {
          /* a third process holds it now */
        }
      }
      try {
        unlinkSync(aside);
      } catch {
        /* already gone */
      }
    }
    const held = readOwner(path);
    if (held && held !== "unreadable") throw new StoreBusyError(dataDir, held);
    throw new InputError(
      `cannot take ${path}: it keeps changing or cannot be read. If no mlicense process uses ${dataDir}, remove it.`,
      "store-busy",
      dataDir,
    );
  }

  /** Records what the owner offers (a server's URL and token). */
  update(extra: Pick<Owner, "url" | "token" | "command">): void {
    this.owner = { ...this.owner, ...extra };
    const tmp = `${this.path}.${this.owner.nonce}`;
    try {
      unlinkSync(tmp);
    } catch {
      /* none */
    }
    writeExclusive(tmp, this.owner);
    renameSync(tmp, this.path);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    process.removeListener("exit", this.onExit);
    const o = readOwner(this.path);
    if (o && o !== "unreadable" && o.nonce === this.owner.nonce)
      try {
        unlinkSync(this.path);
      } catch {
        /* already gone */
      }
  }
}
