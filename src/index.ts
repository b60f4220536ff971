// The public library API. The CLI, and later the HTTP server, call only these.
export {
  explain,
  requireLicense,
  derivativesMust,
  type Explanation,
  type LicenseExplanation,
  type ModelExplanation,
} from "./explain.js";
export { compare, type Comparison, type CompareRow } from "./compare.js";
export { listLicenses, type LicenseListItem } from "./licenses.js";
export {
  Identifier,
  identifier,
  identifyText,
  identifyFiles,
  type IdentifyResult,
  type LicenseMatch,
  type IdentifyOptions,
} from "./identify/identify.js";
export { parseExpression, type ParsedExpression } from "./identify/spdx-expression.js";
export {
  inspect,
  inspectFolder,
  inspectFile,
  loadRecord,
  validateRecord,
  recordFromCatalogue,
  cleanModelId,
} from "./inspect/inspect.js";
export type {
  ModelRecord,
  Finding,
  Evidence,
  ComponentRecord,
  BaseRecord,
  DatasetRecord,
  Severity,
} from "./inspect/record.js";
export {
  check,
  checkRecord,
  DISCLAIMER,
  type CheckReport,
  type CheckRequest,
  type LineageView,
} from "./check.js";
export { PolicyEngine, RULES, type GraphInput, type Evaluation, type Verdict } from "./policy/engine.js";
export { evaluateLineage } from "./policy/lineage-input.js";
export { render } from "./policy/render.js";
export type { CheckOptions, Obligation, Mode, Rule } from "./policy/types.js";
export { fetchToCache, cachedFolder, defaultCacheDir, type HubOptions } from "./hub/hub-client.js";
export { knowledgeBase, KnowledgeBase, NONE, NOASSERTION } from "./kb/knowledge-base.js";
export type { License, Model, UseCategory, Clause, Term } from "./kb/schema.js";
export { InputError } from "./errors.js";
