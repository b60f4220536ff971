// Output files named on the command line, checked before any work is done: a path in a folder
// that does not exist, or that is itself a folder, is a usage error (exit 2) naming the flag,
// not a stream error after minutes of work (which exited 1, the code for a violation).
import { statSync } from "node:fs";
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
