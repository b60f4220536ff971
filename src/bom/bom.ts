// `bom`: inspect and check a target, then export the result as an AI bill of materials.
import { checkRecord, type CheckRequest } from "../check.js";
import { InputError } from "../errors.js";
import { knowledgeBase } from "../kb/knowledge-base.js";
import type { ModelRecord } from "../inspect/record.js";
import { cyclonedxBom, type BomOptions } from "./cyclonedx.js";
import { spdxDocument } from "./spdx3.js";

export type BomFormat = "cyclonedx" | "spdx";

export async function exportBom(
  record: ModelRecord,
  format: BomFormat,
  req: CheckRequest & BomOptions = {},
  targetDir?: string,
): Promise<Record<string, unknown>> {
  if (format !== "cyclonedx" && format !== "spdx")
    throw new InputError(
      `--format must be cyclonedx or spdx, not '${String(format)}'`,
      "usage",
      undefined,
      "--format",
    );
  const kb = req.kb ?? knowledgeBase();
  const report = await checkRecord(record, { ...req, kb }, targetDir);
  return format === "cyclonedx"
    ? cyclonedxBom(record, report, kb, req)
    : spdxDocument(record, report, kb, req);
}
