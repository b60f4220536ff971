// Finds the record of a base model or dataset by id, in order: a folder inside the target, the
// local registry (`<registry>/<owner>/<name>/`), the knowledge base's catalogue, then the Hub
// (when a hub client is given and not offline). Unknown ids are null, never errors.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import { inspectFolder, recordFromCatalogue } from "../inspect/inspect.js";
import type { ModelRecord } from "../inspect/record.js";
import { InputError } from "../errors.js";

export type ResolvedFrom = "target" | "folder" | "registry" | "catalogue" | "hub";

export interface Resolved {
  record: ModelRecord;
  from: ResolvedFrom;
}

export interface HubLookup {
  /** Returns a record for a Hub id, or null when the Hub does not know it. */
  (id: string): Promise<ModelRecord | null>;
}

export interface ResolverOptions {
  kb: KnowledgeBase;
  /** The target's own folder: bases may be vendored inside it as `<owner>/<name>/`. */
  targetDir?: string;
  registries?: string[];
  /** Records held in memory (an inventory, a test), by id, consulted after the target's folder. */
  records?: ReadonlyMap<string, ModelRecord>;
  hub?: HubLookup;
  offline?: boolean;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** `<root>/<owner>/<name>`, matching owner and name case-insensitively as the Hub does. */
function findInLayout(root: string, id: string): string | null {
  const parts = id.split("/");
  if (parts.length !== 2 || parts.some((p) => !p || p === "." || p === "..")) return null;
  const direct = join(root, parts[0]!, parts[1]!);
  if (isDir(direct)) return direct;
  try {
    const owner = readdirSync(root).find((d) => d.toLowerCase() === parts[0]!.toLowerCase());
    if (!owner) return null;
    const name = readdirSync(join(root, owner)).find((d) => d.toLowerCase() === parts[1]!.toLowerCase());
    return name && isDir(join(root, owner, name)) ? join(root, owner, name) : null;
  } catch {
    return null;
  }
}

export class Resolver {
  private readonly cache = new Map<string, Resolved | null>();

  constructor(private readonly opts: ResolverOptions) {
    for (const r of opts.registries ?? [])
      if (!existsSync(r) || !isDir(r)) throw new InputError("registry folder not found", "not-found", r);
  }

  async resolve(id: string): Promise<Resolved | null> {
    const key = id.toLowerCase();
    if (this.cache.has(key)) return this.cache.get(key)!;
    const found = await this.find(id);
    this.cache.set(key, found);
    return found;
  }

  private async find(id: string): Promise<Resolved | null> {
    const { kb, hub, offline } = this.opts;
    const held = this.held(id);
    if (held) return held;
    // a base named by another of the model's Hub ids ("gpt2" for "openai-community/gpt2", an org's
    // old name): a copy held here under the id it has comes before the catalogue's record
    const m = kb.findModel(id);
    if (m)
      for (const other of kb.otherHubIds(m, id)) {
        const r = this.held(other);
        if (r) return r;
      }
    const cat = recordFromCatalogue(id, kb);
    if (cat) return { record: cat, from: "catalogue" };
    if (hub && !offline) {
      const rec = await hub(id);
      if (rec) return { record: rec, from: "hub" };
    }
    return null;
  }

  /** The model as the target's layout, the records in memory or a registry folder hold it. */
  private held(id: string): Resolved | null {
    const { kb, targetDir, registries = [], records } = this.opts;
    if (targetDir) {
      const dir = findInLayout(targetDir, id);
      if (dir) return { record: inspectFolder(dir, { hubId: id, kb }), from: "target" };
    }
    const rec = records?.get(id) ?? records?.get(id.toLowerCase());
    if (rec) return { record: rec, from: "registry" };
    for (const r of registries) {
      const dir = findInLayout(r, id);
      if (dir) return { record: inspectFolder(dir, { hubId: id, kb }), from: "registry" };
    }
    return null;
  }
}
