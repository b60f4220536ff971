// Failures of use or environment are thrown as these; problems in the data being judged are
// findings, returned, never thrown.

/** Bad arguments or unreadable / invalid input. The CLI maps it to exit code 2. */
export class InputError extends Error {
  override name = "InputError";
  constructor(
    message: string,
    /** Stable machine-readable code, e.g. `unknown-license`, `bad-yaml`, `not-found`. */
    readonly code: string,
    /** The file at fault, when there is one. */
    readonly file?: string,
    /** The field or byte offset at fault, when there is one. */
    readonly field?: string,
    /** Nearest valid names, for "did you mean". */
    readonly suggestions: string[] = [],
  ) {
    super(message);
  }
}
