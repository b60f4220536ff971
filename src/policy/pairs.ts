// (derivative, ancestor) pairs the inheritance rules judge. The target against every ancestor is
// the user's own question; an intermediate model against its ancestors is an upstream problem the
// user inherits but did not cause, so it is reported as a warning.
import type { License } from "../kb/schema.js";
import type { Severity } from "../inspect/record.js";
import type { Ancestor, PolicyContext } from "./types.js";

export interface Pair {
  /** The derivative's id and license. */
  derivative: string;
  derivativeLicenseId: string | null;
  derivativeLicense?: License;
  ancestor: Ancestor;
  /** Path from the target to the ancestor. */
  path: string[];
  upstream: boolean;
  severity: Severity;
  codePrefix: string;
}

export function* pairs(ctx: PolicyContext): Generator<Pair> {
  for (const a of ctx.ancestors)
    yield {
      derivative: ctx.root.id,
      derivativeLicenseId: ctx.declaredId,
      derivativeLicense: ctx.declared,
      ancestor: a,
      path: a.path,
      upstream: false,
      severity: "violation",
      codePrefix: "",
    };
  for (const d of ctx.ancestors) {
    if (!d.license) continue;
    for (const a of ctx.ancestors)
      if (a.path.length > d.path.length && d.path.every((p, i) => a.path[i] === p))
        yield {
          derivative: d.id,
          derivativeLicenseId: d.licenseId,
          derivativeLicense: d.license,
          ancestor: a,
          path: a.path,
          upstream: true,
          severity: "warning",
          codePrefix: "upstream-",
        };
  }
}

/** A license whose terms rules may rely on: known, verified, and a single license, not a family. */
export function usable(lic: License | undefined): lic is License {
  return Boolean(lic && lic.verified && !lic.members?.length);
}
