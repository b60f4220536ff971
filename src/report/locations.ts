// Where in the user's files each finding of a check belongs, for reports that point at lines
// (SARIF, GitHub annotations). In order: the finding's own file and line; the file and line of the
// evidence for the declared license (the card's `license:` line, a LICENSE file), where a finding
// about the lineage is cured; the target's README.md; the target itself. A line missing from a finding or its evidence is looked up from the field it names
// (`license`, `base_model`, `lines 3-20`) in the file's text, read through the given function.
import { join } from "node:path";
import type { CheckReport } from "../check.js";
import type { Evidence, Finding, ModelRecord } from "../inspect/record.js";

export interface Location {
  /** The file as inspect named it (relative to the working folder, or absolute). */
  file: string;
  /** 1-based line, when known. */
  line?: number;
}

/** Reads a text file; null when it cannot be read. */
export type ReadText = (file: string) => string | null;

/**
 * The 1-based line of a front-matter key (`license:`, a list item under `base_model:`) or of a
 * field that names its own line (`line 12`, `lines 3-20`, as license-file evidence does).
 */
export function lineOfField(text: string, field: string | undefined, value?: string): number | undefined {
  if (!field) return undefined;
  const named = /^lines? (\d+)/.exec(field);
  if (named) return Number(named[1]);
  const key = field.split(".")[0]!;
  const lines = text.split(/\r?\n/, 2000);
  // only the front matter: the same key in the body's prose is not a declaration
  const end = lines[0]?.trim() === "---" ? lines.indexOf("---", 1) : -1;
  if (end < 0) return undefined;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const keyLine = lines.findIndex((l, i) => i > 0 && i < end && new RegExp(`^${escaped}\\s*:`).test(l));
  if (keyLine < 0) return undefined;
  // a value in a list under the key (`base_model:\n- a\n- b`) points at its own item
  if (value)
    for (let i = keyLine + 1; i < end && /^\s+|^-/.test(lines[i]!); i++)
      if (
        lines[i]!.replace(/^[\s-]+/, "")
          .replace(/["']/g, "")
          .trim() === value
      )
        return i + 1;
  return keyLine + 1;
}

function fromEvidence(ev: Evidence | undefined, read: ReadText): Location | undefined {
  if (!ev?.file) return undefined;
  if (ev.line) return { file: ev.file, line: ev.line };
  const text = read(ev.file);
  const line = text === null ? undefined : lineOfField(text, ev.field, ev.value);
  return line ? { file: ev.file, line } : { file: ev.file };
}

/** The folder or file the record was read from, when it is on disk. */
function targetPath(record: ModelRecord): string | undefined {
  return record.target.kind === "folder" || record.target.kind === "file" || record.target.kind === "record"
    ? record.target.path
    : undefined;
}

/** One location per finding of the report, in the same order; undefined when nothing fits. */
export function locateFindings(
  report: CheckReport,
  record: ModelRecord,
  read: ReadText,
): (Location | undefined)[] {
  const declared = record.license.evidence.find((e) => e.file) ?? undefined;
  const fallback =
    fromEvidence(declared, read) ??
    (() => {
      const t = targetPath(record);
      if (!t) return undefined;
      if (record.target.kind !== "folder") return { file: t };
      const readme = join(t, "README.md");
      return read(readme) !== null ? { file: readme } : { file: t };
    })();
  return report.findings.map((f: Finding) => {
    if (f.file) {
      if (f.line) return { file: f.file, line: f.line };
      // the evidence that read this field of this file knows the value, so a list item is found
      const ev = [...record.license.evidence, ...record.bases.flatMap((b) => b.evidence)].find(
        (e) => e.file === f.file && (!f.field || e.field === f.field),
      );
      return fromEvidence(ev ?? { source: "card", file: f.file, field: f.field, value: "" }, read);
    }
    // a finding of the lineage is cured by the target's declared license (or is about it)
    return fallback;
  });
}
