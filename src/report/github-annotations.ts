// A check report as GitHub Actions workflow commands (`::error file=…,line=…::message`), which
// the runner turns into annotations on the pull request's files. Escaping follows the runner's
// rules: `%`, CR and LF in every part, and also `:` and `,` inside property values.
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { CheckReport } from "../check.js";
import type { Severity } from "../inspect/record.js";
import type { Location } from "./locations.js";

const COMMAND: Record<Severity, "error" | "warning" | "notice"> = {
  violation: "error",
  unknown: "warning",
  warning: "warning",
  info: "notice",
};

const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** One workflow command per finding; files relative to `root` (the workspace) where they can be. */
export function githubAnnotations(
  report: CheckReport,
  locations: (Location | undefined)[],
  root: string = process.cwd(),
): string[] {
  return report.findings.map((f, i) => {
    const loc = locations[i];
    const props: string[] = [];
    if (loc) {
      const abs = resolve(root, loc.file);
      const rel = relative(root, abs);
      const file = rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep).join("/") : abs;
      props.push(`file=${escapeProperty(file)}`);
      if (loc.line) props.push(`line=${loc.line}`);
    }
    props.push(`title=${escapeProperty(`mlicense ${f.code}`)}`);
    const clause = f.clause ? ` [${f.license ? `${f.license} ` : ""}${f.clause.section}]` : "";
    return `::${COMMAND[f.severity]} ${props.join(",")}::${escapeData(`${f.message}${clause}`)}`;
  });
}
