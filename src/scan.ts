// `scan`: every model in the local Hugging Face cache, each inspected at its main revision and
// checked with the same options, bases resolved from the cache too. The one library call behind
// the CLI's scan command.
import {
  checkedOptions,
  checkRecord,
  DISCLAIMER,
  failsOn,
  type CheckReport,
  type CheckRequest,
} from "./check.js";
import { existsSync } from "node:fs";
import { InputError } from "./errors.js";
import { hfCacheDir, listCachedModels, type CachedSnapshot } from "./hub/hf-cache.js";
import { inspectFolder } from "./inspect/inspect.js";
import type { Verdict } from "./policy/engine.js";
import { knowledgeBase } from "./kb/knowledge-base.js";

export interface ScannedModel {
  id: string;
  revision: string;
  /** Branch and tag names pointing at the revision. */
  refs: string[];
  /** The snapshot folder that was read. */
  path: string;
  license: string;
  verdict: Verdict;
  /** Finding counts by severity. */
  findings: { violation: number; unknown: number; warning: number; info: number };
  /** Codes of the findings that decide the verdict (violation and unknown), most frequent first. */
  codes: string[];
  /** Why the snapshot could not be read (its verdict is then unknown). */
  error?: { code: string; message: string };
}

export interface ScanReport {
  cache: string;
  models: ScannedModel[];
  verdicts: Record<Verdict, number>;
  /** How many models fail the --fail-on gate. */
  failing: number;
  options: CheckReport["options"];
  disclaimer: string;
}

export interface ScanRequest extends CheckRequest {
  /** The Hugging Face cache (default: HF_HUB_CACHE, HF_HOME/hub, ~/.cache/huggingface/hub). */
  cacheDir?: string;
  /** Called before each model is checked: `done` of `total` finished, `id` next. */
  onProgress?: (done: number, total: number, id: string) => void;
  /** Fail when the cache folder does not exist (a folder the user named), instead of 0 models. */
  mustExist?: boolean;
}

function summary(snap: CachedSnapshot, report: CheckReport): ScannedModel {
  const findings = { violation: 0, unknown: 0, warning: 0, info: 0 };
  const codes = new Map<string, number>();
  for (const f of report.findings) {
    findings[f.severity]++;
    if (f.severity === "violation" || f.severity === "unknown")
      codes.set(f.code, (codes.get(f.code) ?? 0) + 1);
  }
  return {
    id: snap.id,
    revision: snap.revision,
    refs: snap.refs,
    path: snap.dir,
    license: report.license.id,
    verdict: report.verdict,
    findings,
    codes: [...codes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c),
  };
}

/** Checks every cached model; a cache folder that does not exist holds no models unless mustExist. */
export async function scanCache(req: ScanRequest = {}): Promise<ScanReport> {
  const cache = req.cacheDir ?? hfCacheDir();
  const kb = req.kb ?? knowledgeBase();
  const options = checkedOptions(req, kb);
  if (req.mustExist && !existsSync(cache)) throw new InputError("no such folder", "not-found", cache);
  const snaps = listCachedModels(cache);
  const models: ScannedModel[] = [];
  const verdicts: Record<Verdict, number> = { ok: 0, conditional: 0, unknown: 0, violation: 0 };
  for (const [i, snap] of snaps.entries()) {
    req.onProgress?.(i, snaps.length, snap.id);
    let entry: ScannedModel;
    try {
      const record = inspectFolder(snap.dir, { hubId: snap.id, revision: snap.revision, kb });
      entry = summary(snap, await checkRecord(record, { ...req, kb }, snap.dir));
    } catch (e) {
      // one unreadable snapshot is reported, not a reason to stop the scan
      if (!(e instanceof InputError)) throw e;
      entry = {
        id: snap.id,
        revision: snap.revision,
        refs: snap.refs,
        path: snap.dir,
        license: "NOASSERTION",
        verdict: "unknown",
        findings: { violation: 0, unknown: 1, warning: 0, info: 0 },
        codes: [e.code],
        error: { code: e.code, message: e.message },
      };
    }
    verdicts[entry.verdict]++;
    models.push(entry);
  }
  req.onProgress?.(snaps.length, snaps.length, "");
  return {
    cache,
    models,
    verdicts,
    failing: models.filter((m) => failsOn(m.verdict, req.failOn)).length,
    options,
    disclaimer: DISCLAIMER,
  };
}
