// Output files named on the command line, checked before any work is done: a path in a folder
// that does not exist, or that is itself a folder, is a usage error (exit 2) naming the flag,
// not a stream error after minutes of work (which exited 1, the code for a violation).
import { lstatSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { InputError } from "../errors.js";

/** Throws an InputError when `path` cannot be created or replaced as a file. */
export function checkOutputPath(path: string, flag: string): void {
  const dir = dirname(resolve(path));
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new InputError(`the folder ${dir} does not exist; create it first`, "bad-output", path, flag);
  }
  if (!st.isDirectory()) throw new InputError(`${dir} is not a folder`, "bad-output", path, flag);
  try {
    if (statSync(path).isDirectory())
      throw new InputError("is a folder; name a file to write", "bad-output", path, flag);
  } catch (e) {
    if (e instanceof InputError) throw e;
  }
}

/** The system's reasons a write fails, as a user reads them. */
const WHY: Record<string, string> = {
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  EISDIR: "it is a folder",
  ENOENT: "its folder does not exist",
  EFBIG: "the file is too large for the file system",
};

/**
 * A failed write of an output file as the usage error users see (exit 2, the file and the flag,
 * the system's reason), not an internal error; a partial plain file is removed, so that a cut-off
 * report or row file is never taken for a whole one.
 */
export function writeFailed(e: unknown, path: string, flag: string): InputError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  try {
    // only a plain file is the write's own: a device, a pipe or a folder at the path is left alone
    if (lstatSync(path).isFile()) rmSync(path);
  } catch {
    // gone already, or not ours to remove: the reason below matters more
  }
  const why = (code && WHY[code]) ?? (e as Error | undefined)?.message ?? String(e);
  return new InputError(
    `could not be written: ${why}${code ? ` (${code})` : ""}`,
    "write-failed",
    path,
    flag,
  );
}

/** Writes an output file named by `flag`, or throws `writeFailed`. */
export function writeOutput(path: string, flag: string, data: string): void {
  try {
    writeFileSync(path, data);
  } catch (e) {
    throw writeFailed(e, path, flag);
  }
}
