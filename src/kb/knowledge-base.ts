// The knowledge base at run time: lookups by id, alias, SPDX id, Hub id, ScanCode key and model
// name, all case-insensitive, built once from the compiled bundle.
import { loadBundle, type KbBundle } from "./bundle.js";
import { editDistance, foldName } from "./names.js";
import type { License, Model, UseCategory } from "./schema.js";

/** SPDX's words: nothing found is NONE, found but not recognised is NOASSERTION. */
export const NONE = "NONE";
export const NOASSERTION = "NOASSERTION";
export type LicenseRef = string; // a knowledge-base id, NONE or NOASSERTION

/** Longest name "did you mean" looks for neighbours of, in UTF-16 units. */
export const SUGGEST_MAX_QUERY = 200;

/** Hub ids that deliberately name no license. */
const HUB_SENTINELS: Record<string, LicenseRef> = { other: NOASSERTION, unknown: NOASSERTION };

/** A Hub model id: owner/name, or a legacy name without an owner. */
const HUB_ID = /^[A-Za-z0-9][\w.-]*(?:\/[\w.-]+)?$/;

export class KnowledgeBase {
  readonly version: string;
  readonly licenses: readonly License[];
  readonly models: readonly Model[];
  readonly categories: readonly UseCategory[];
  private readonly byId = new Map<string, License>();
  private readonly byKey = new Map<string, License>();
  private readonly modelByKey = new Map<string, Model>();
  private readonly categoryById = new Map<string, UseCategory>();
  private folded?: { licenses: Map<string, License>; models: Map<string, Model> };

  constructor(bundle: KbBundle) {
    this.version = bundle.version;
    this.licenses = withIncorporated(bundle.licenses);
    this.models = bundle.models;
    this.categories = bundle.categories;
    for (const c of bundle.categories) this.categoryById.set(c.id, c);
    // lookups return the licenses with their incorporated policies' restrictions, as rules need them
    for (const l of this.licenses) {
      this.byId.set(l.id, l);
      for (const k of [l.id, l.spdx, l.hub, l.scancode, l.name, ...l.aliases])
        if (k && !this.byKey.has(k.toLowerCase())) this.byKey.set(k.toLowerCase(), l);
    }
    for (const m of bundle.models) {
      // "openai-community/gpt2" is also found as "gpt2"
      for (const k of [m.id, m.name, ...m.aliases, m.id.split("/").pop()!])
        if (!this.modelByKey.has(k.toLowerCase())) this.modelByKey.set(k.toLowerCase(), m);
    }
  }

  /**
   * Folded spellings ("Apache 2" for "Apache License 2.0") are indexed on the first lookup that
   * needs them: folding every alias costs start-up that most commands never use.
   */
  private foldedKeys(): { licenses: Map<string, License>; models: Map<string, Model> } {
    if (this.folded) return this.folded;
    const licenses = new Map<string, License>();
    const models = new Map<string, Model>();
    for (const l of this.licenses)
      for (const k of [l.id, l.spdx, l.hub, l.scancode, l.name, ...l.aliases])
        if (k && !licenses.has(foldName(k))) licenses.set(foldName(k), l);
    for (const m of this.models)
      for (const k of [m.id, m.name, ...m.aliases, m.id.split("/").pop()!])
        if (!models.has(foldName(k))) models.set(foldName(k), m);
    return (this.folded = { licenses, models });
  }

  license(id: string): License | undefined {
    return this.byId.get(id);
  }

  /** Any spelling of a license (id, SPDX id, Hub id, ScanCode key, name, alias) to its entry. */
  findLicense(name: string): License | undefined {
    const raw = name.trim().toLowerCase();
    // "LicenseRef-scancode-x" is an alias as written, and "LicenseRef-llama3" names llama3
    const hit = this.byKey.get(raw);
    if (hit) return hit;
    const lower = raw.replace(/^licenseref-/, "");
    return this.byKey.get(lower) ?? this.foldedKeys().licenses.get(foldName(lower));
  }

  /** A Hub `license:` value to a knowledge-base id, NOASSERTION for `other`/`unknown`. */
  fromHubId(hubId: string): LicenseRef | undefined {
    const k = hubId.trim().toLowerCase();
    if (k in HUB_SENTINELS) return HUB_SENTINELS[k];
    return this.findLicense(k)?.id;
  }

  findModel(name: string): Model | undefined {
    const raw = name
      .trim()
      .replace(/^hf:/, "")
      .replace(/^https?:\/\/huggingface\.co\//, "");
    return this.modelByKey.get(raw.toLowerCase()) ?? this.foldedKeys().models.get(foldName(raw));
  }

  /**
   * The Hub ids a catalogue model goes by besides `id`: its own and those of its aliases that are
   * Hub ids (the legacy "gpt2" that the Hub now serves as "openai-community/gpt2"), not display
   * names. A base written one way may be held under another.
   */
  otherHubIds(m: Model, id: string): string[] {
    const key = id.toLowerCase();
    return [m.id, ...m.aliases.filter((a) => HUB_ID.test(a))].filter((x) => x.toLowerCase() !== key);
  }

  category(id: string): UseCategory | undefined {
    return this.categoryById.get(id);
  }

  /**
   * Nearest names for a string that resolved to nothing, best first. A query longer than
   * SUGGEST_MAX_QUERY has no near name (the longest id or alias is far shorter) and gets none:
   * edit distance costs the product of the lengths, and a 100 kB name took 34 s over every key.
   */
  suggest(name: string, max = 3): string[] {
    if (name.length > SUGGEST_MAX_QUERY) return [];
    const q = name.toLowerCase();
    const scored: { id: string; d: number }[] = [];
    const seen = new Set<string>();
    const consider = (id: string, key: string): void => {
      const d = editDistance(q, key.toLowerCase()) - (key.toLowerCase().startsWith(q) ? 2 : 0);
      scored.push({ id, d });
    };
    for (const l of this.licenses)
      for (const k of [l.id, l.spdx ?? "", ...l.aliases]) if (k) consider(l.id, k);
    for (const m of this.models) consider(m.id, m.id);
    scored.sort((a, b) => a.d - b.d);
    const out: string[] = [];
    for (const s of scored) {
      if (seen.has(s.id)) continue;
      if (s.d > Math.max(3, q.length / 2)) break;
      seen.add(s.id);
      out.push(s.id);
      if (out.length >= max) break;
    }
    return out;
  }
}

/**
 * Licenses with the use restrictions of the policies they incorporate by reference added to their
 * own (marked `via`), so that every rule sees a license's whole set of restrictions.
 */
function withIncorporated(licenses: readonly License[]): License[] {
  const byId = new Map(licenses.map((l) => [l.id, l]));
  return licenses.map((l) => {
    if (!l.incorporates?.length) return l;
    const own = new Set(l.use_restrictions.map((r) => r.category));
    const added = l.incorporates.flatMap((inc) =>
      (byId.get(inc.license)?.use_restrictions ?? [])
        .filter((r) => !own.has(r.category))
        .map((r) => ({ ...r, via: inc.license })),
    );
    return added.length ? { ...l, use_restrictions: [...l.use_restrictions, ...added] } : l;
  });
}

/**
 * The license a catalogue entry is judged by: a model's weights' license (a software entry with no
 * weights, such as OpenCV or DALLE-pytorch, is its code), a dataset's data license; NOASSERTION
 * when the catalogue does not know it.
 */
export function catalogueLicense(m: Model): string {
  const l = m.licenses;
  return (
    (m.kind === "dataset"
      ? (l.data ?? l.weights)
      : (l.weights ?? (m.weights_available ? undefined : l.code))) ?? NOASSERTION
  );
}

let shared: KnowledgeBase | undefined;

/** The knowledge base compiled into dist/kb.json, loaded on first use. */
export function knowledgeBase(): KnowledgeBase {
  shared ??= new KnowledgeBase(loadBundle());
  return shared;
}
