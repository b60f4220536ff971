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

/** One problem found by a schema: a zod issue code, the dotted path to the field, a sentence. */
export interface Issue {
  code: string;
  path: string;
  message: string;
}

/** Input that fails a schema; every problem at once in `issues`, the first ones in the message. */
export class ValidationError extends InputError {
  override name = "ValidationError";
  constructor(
    what: string,
    readonly issues: Issue[],
    file?: string,
    code = "invalid",
  ) {
    const shown = issues.slice(0, 10).map((i) => `${i.path || "(top)"}: ${i.message}`);
    if (issues.length > shown.length) shown.push(`and ${issues.length - shown.length} more`);
    super(`${what}: ${shown.join("; ")}`, code, file, issues[0]?.path || undefined);
  }
}

/** A write that would replace an existing entry without being asked to (`existing` is it). */
export class ConflictError extends InputError {
  override name = "ConflictError";
  constructor(
    message: string,
    readonly existing: unknown,
  ) {
    super(message, "exists");
  }
}
