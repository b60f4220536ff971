// --fail-on as commands read it: the verdict a CI job fails on, checked against the choices.
import { InputError } from "../errors.js";
import { FAIL_ON, type FailOn } from "../policy/fail-on.js";
import type { CommandContext } from "./command.js";

export function failOnOption(ctx: CommandContext): FailOn {
  const v = (ctx.values["fail-on"] as string | undefined) ?? "violation";
  if (!(FAIL_ON as readonly string[]).includes(v))
    throw new InputError(
      `--fail-on must be ${FAIL_ON.join(", ")}, not '${v}'`,
      "usage",
      undefined,
      "--fail-on",
    );
  return v as FailOn;
}
