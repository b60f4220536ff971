// A check report as SARIF 2.1.0, the format code-scanning services read. One rule per finding
// code (rule id = the code), whose help cites the clauses its findings rest on; one result per
// finding, located at the file and line that declared what the finding is about.
import { createHash } from "node:crypto";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { CheckReport } from "../check.js";
import type { Finding, Severity } from "../inspect/record.js";
import type { Location } from "./locations.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

type Json = Record<string, unknown>;

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  violation: "error",
  unknown: "warning",
  warning: "warning",
  info: "note",
};

export interface SarifOptions {
  toolVersion?: string;
  /** The folder relative paths are resolved against, and the SRCROOT of the log (default: cwd). */
  root?: string;
}

/** `use-restrictions-dropped` to "Use restrictions dropped". */
function words(code: string): string {
  const s = code.replace(/-/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function clauseText(f: Finding): string | undefined {
  return f.clause ? `${f.license ? `${f.license} ` : ""}${f.clause.section}: "${f.clause.quote}"` : undefined;
}

function artifact(file: string, root: string): Json {
  const abs = resolve(root, file);
  const rel = relative(root, abs);
  if (rel && !rel.startsWith("..") && !isAbsolute(rel))
    return { uri: rel.split(sep).map(encodeURIComponent).join("/"), uriBaseId: "SRCROOT" };
  return { uri: pathToFileURL(abs).href };
}

export function sarifLog(
  report: CheckReport,
  locations: (Location | undefined)[],
  opts: SarifOptions = {},
): Json {
  const root = opts.root ?? process.cwd();
  const codes = [...new Set(report.findings.map((f) => f.code))].sort();
  const rules = codes.map((code) => {
    const of = report.findings.filter((f) => f.code === code);
    const clauses = [...new Set(of.map(clauseText).filter((c): c is string => !!c))];
    const help = clauses.length
      ? `Cited clause${clauses.length > 1 ? "s" : ""}: ${clauses.join("; ")}`
      : "No license clause is cited: the finding is about the model's own files or data.";
    return {
      id: code,
      name: code.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: words(code) },
      fullDescription: { text: of[0]!.message },
      help: {
        text: help,
        markdown: clauses.length ? clauses.map((c) => `> ${c}`).join("\n\n") : help,
      },
      defaultConfiguration: { level: LEVEL[of[0]!.severity] },
      properties: { tags: ["license", ...new Set(of.map((f) => f.severity))] },
    };
  });
  const results = report.findings.map((f, i) => {
    const loc = locations[i];
    const fingerprint = createHash("sha256")
      .update(JSON.stringify([f.code, f.license ?? "", f.path, f.message]))
      .digest("hex")
      .slice(0, 32);
    return {
      ruleId: f.code,
      ruleIndex: codes.indexOf(f.code),
      level: LEVEL[f.severity],
      message: { text: `${f.message}${f.path.length > 1 ? ` (via ${f.path.join(" → ")})` : ""}` },
      ...(loc
        ? {
            locations: [
              {
                physicalLocation: {
                  artifactLocation: artifact(loc.file, root),
                  ...(loc.line ? { region: { startLine: loc.line } } : {}),
                },
              },
            ],
          }
        : {}),
      partialFingerprints: { "mlicenseFinding/v1": fingerprint },
      properties: {
        severity: f.severity,
        ...(f.license ? { license: f.license } : {}),
        ...(f.clause ? { clause: f.clause } : {}),
        path: f.path,
      },
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "mlicense",
            version: opts.toolVersion ?? "0.1.0",
            rules,
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(root + sep).href } },
        invocations: [
          {
            executionSuccessful: true,
            properties: { target: report.target, verdict: report.verdict, options: report.options },
          },
        ],
        results,
      },
    ],
  };
}
