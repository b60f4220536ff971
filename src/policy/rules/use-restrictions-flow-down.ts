import type { KnowledgeBase } from "../../kb/knowledge-base.js";
import type { License } from "../../kb/schema.js";
import {
  derivativeLicenses,
  distributes,
  ownHasUnknown,
  ownUsable,
  partLicenses,
  type Rule,
} from "../types.js";

/** The categories a set of licenses restricts, with the broader categories they imply. */
function restricted(kb: KnowledgeBase, lics: License[]): Set<string> {
  const out = new Set<string>();
  for (const l of lics)
    for (const r of l.use_restrictions) {
      out.add(r.category);
      for (const p of kb.category(r.category)?.implies ?? []) out.add(p);
    }
  return out;
}

/**
 * RAIL §4(a)/§5, the Llama acceptable use policies, Gemma §3.1: a derivative's license must carry
 * the use restrictions its bases pass on, in the form each demands. `own`: the base's own
 * restrictions travel with it — the derivative is under that license (alone or in an AND), or
 * under one the base accepts as carrying the same text; a different license restricting similar
 * uses is not enough. `equivalent`: any license whose restrictions cover the same uses will do.
 */
export const useRestrictionsFlowDown: Rule = {
  id: "use-restrictions-flow-down",
  description:
    "A derivative's license must carry the use restrictions its bases pass on, in the form each demands.",
  reads: ["flow_down.use_restrictions", "use_restrictions"],
  scope: "inherited",
  judge(s, out) {
    const own = ownUsable(s);
    const ownIds = new Set(s.own.map((o) => o.id));
    // what the own license restricts, computed at most once per judgment
    let carried: Set<string> | undefined;
    for (const e of derivativeLicenses(s)) {
      const base = e.lic;
      const fd = base.flow_down.use_restrictions;
      if (!fd) continue;
      out.obligation({
        license: base.id,
        text: `Comply with the ${base.use_restrictions.length} use restrictions of ${base.name} and require your users to comply too.`,
        clause: fd.clause,
        trigger: "use",
        ref: e.ref,
      });
      if (!distributes(s, base)) {
        out.skipped(base.id, "carry its use restrictions in the license of what you distribute");
        continue;
      }
      out.obligation({
        license: base.id,
        text:
          fd.form === "own"
            ? `Include the use restrictions of ${base.name} themselves as enforceable terms in the license of anything you distribute.`
            : `Include use restrictions at least as protective as those of ${base.name} as enforceable terms in the license of anything you distribute.`,
        clause: fd.clause,
        trigger: "distribute",
        ref: e.ref,
      });
      if (ownIds.has(base.id) || fd.accepts.some((a) => ownIds.has(a))) continue;
      const have = (carried ??= restricted(s.kb, own));
      const required = [...new Set(base.use_restrictions.map((r) => r.category))];
      const missing = required.filter((c) => !have.has(c));
      const lacking = `${missing.length === required.length ? "all of them" : `${missing.length} of them`} (${missing.slice(0, 6).join(", ")}${missing.length > 6 ? ", ..." : ""})`;
      if (fd.form === "own") {
        if (ownHasUnknown(s)) continue; // the unknown part might be this license; unknown-license says so
        out.finding({
          severity: "violation",
          code: "use-restrictions-dropped",
          message:
            `${base.name} requires its own use restrictions to travel with every derivative, but {self} is under ${s.own.map((o) => o.lic?.name ?? o.id).join(" AND ")}, ` +
            (missing.length
              ? `which lacks ${lacking}`
              : `which restricts similar uses but not by ${base.name}'s terms`) +
            `; release it under ${base.id} or add ${base.id} to its license (AND).`,
          license: base.id,
          clause: fd.clause,
          ref: e.ref,
        });
        continue;
      }
      if (!missing.length || ownHasUnknown(s)) continue;
      out.finding({
        severity: "violation",
        code: "use-restrictions-dropped",
        message: `${base.name} requires every derivative's license to carry restrictions like its own, but {self} is under ${s.own.map((o) => o.lic?.name ?? o.id).join(" AND ")}, which lacks ${lacking}.`,
        license: base.id,
        clause: fd.clause,
        ref: e.ref,
      });
    }
    // a combined part keeps its own license: its restrictions bind the use of that part
    for (const e of partLicenses(s)) {
      const fd = e.lic.flow_down.use_restrictions;
      if (!fd) continue;
      out.obligation({
        license: e.id,
        text: `Comply with the ${e.lic.use_restrictions.length} use restrictions of ${e.lic.name} for the part {origin}, and pass them on with it.`,
        clause: fd.clause,
        trigger: "use",
        ref: e.ref,
      });
    }
  },
};
