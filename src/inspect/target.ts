// Target dispatch: what `<target>` names (DESIGN.md) to the reader for it: a folder, a model
// file, a saved record, a lone model card, a catalogue name, or a Hub id.
import { findCachedModel, parseHfTarget } from "../hub/hf-cache.js";
import { statSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { InputError } from "../errors.js";
import { knowledgeBase } from "../kb/knowledge-base.js";
import { assemble } from "./assemble.js";
import { recordFromCatalogue } from "./catalogue-record.js";
import { fileStem, MODEL_FILE, readModelFile } from "./model-file-metadata.js";
import { inspectFolder, type InspectOptions } from "./model-folder.js";
import { loadRecord } from "./record-file.js";
import type { ModelRecord } from "./record.js";

/** One model file (.gguf, .safetensors, .onnx) on its own: its header is all there is. */
export function inspectFile(path: string, opts: InspectOptions = {}): ModelRecord {
  const kb = opts.kb ?? knowledgeBase();
  const stem = fileStem(path);
  return assemble(kb, [readModelFile(path, kb)], {
    id: opts.hubId ?? stem,
    target: { kind: "file", path },
    names: ["gguf"],
    fallback: { name: stem, source: "file" },
  });
}

/** The folder a target's vendored bases may sit in: the target itself, or a file's folder. */
export function targetDirOf(target: string): string | undefined {
  try {
    return statSync(target).isDirectory() ? target : dirname(target);
  } catch {
    return undefined;
  }
}

/**
 * `hf:owner/name[@revision]` from the local Hugging Face cache, offline included: the one place the
 * cache lookup goes. Null when the cache does not hold it (the hub client may then fetch it).
 */
function fromHubCache(target: string, opts: InspectOptions): ModelRecord | null {
  const hf = parseHfTarget(target);
  const snap = hf && findCachedModel(hf.id, { revision: hf.revision });
  return snap ? inspectFolder(snap.dir, { ...opts, hubId: snap.id, revision: snap.revision }) : null;
}

/** Dispatches on the target: folder, model file, saved record (.json), or catalogue name. */
export function inspect(target: string, opts: InspectOptions = {}): ModelRecord {
  if (target.startsWith("hf:")) {
    const cached = fromHubCache(target, opts);
    if (cached) return cached;
  }
  let st;
  try {
    st = statSync(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ELOOP") throw new InputError("symbolic link loop", "unreadable", target);
    if (!target.startsWith("hf:")) {
      const cat = recordFromCatalogue(target, opts.kb);
      if (cat) return cat;
    }
    throw new InputError(
      target.startsWith("hf:")
        ? "not in the Hugging Face cache (HF_HUB_CACHE or HF_HOME/hub); Hub ids not cached there are resolved by the hub client (see --offline)"
        : "no such file or folder",
      target.startsWith("hf:") ? "hub-unavailable" : "not-found",
      target,
    );
  }
  if (st.isDirectory()) return inspectFolder(target, opts);
  const ext = extname(target).toLowerCase();
  if (ext === ".json") return loadRecord(target);
  if (MODEL_FILE.test(target)) return inspectFile(target, opts);
  // a lone model card: inspect it as a folder of one file
  if (/readme\.md$/i.test(target)) return inspectFolder(join(target, ".."), opts);
  throw new InputError(
    "not a model folder, .gguf, .safetensors, .onnx or ModelRecord .json",
    "unsupported-target",
    target,
  );
}
