// Dumps for audit tests, written where a test asks: seeded, so a failure can be replayed, and
// shaped like the defects they guard (deep chains, wide merges, rows in another order).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const tmp = (): string => mkdtempSync(join(tmpdir(), "audit-"));

/** A small deterministic generator (LCG): the same seed gives the same dump. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

export interface DumpRow {
  id: string;
  cardData?: Record<string, unknown>;
  tags?: string[];
}

export function writeDump(path: string, rows: readonly (DumpRow | string)[]): string {
  writeFileSync(path, rows.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n") + "\n");
  return path;
}

/** The same rows reversed, and shuffled with a seed. */
export function reorderings<T>(rows: readonly T[], seed = 7): { reversed: T[]; shuffled: T[] } {
  const rand = rng(seed);
  const shuffled = [...rows];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return { reversed: [...rows].reverse(), shuffled };
}

export interface OutRow {
  id: string;
  license: string;
  bases: string[];
  verdict: string;
  findings: { severity: string; code: string; license?: string; message: string; path: string[] }[];
}

/** An --out file by model id. */
export function outRows(file: string): Map<string, OutRow> {
  const text = readFileSync(file, "utf8").trim();
  return new Map(
    (text ? text.split("\n") : []).map((l) => JSON.parse(l) as OutRow).map((r) => [r.id, r] as const),
  );
}

/** One chain of fine-tunes under `root`, every link relicensed (alternating `licenses`). */
export function chain(
  n: number,
  root: string,
  licenses: readonly string[],
  prefix = "chain/link",
): DumpRow[] {
  const rows: DumpRow[] = [];
  for (let i = 0; i < n; i++)
    rows.push({
      id: `${prefix}-${i}`,
      cardData: {
        license: licenses[i % licenses.length],
        base_model: i ? `${prefix}-${i - 1}` : root,
        base_model_relation: "finetune",
      },
    });
  return rows;
}

/** Licenses of every kind the engine tells apart, as a dump writes them. */
export const DUMP_LICENSES: readonly (string | null)[] = [
  "apache-2.0",
  "mit",
  "cc-by-4.0",
  "gpl-3.0",
  "agpl-3.0",
  "cc-by-sa-4.0",
  "cc-by-nc-4.0",
  "cc-by-nc-sa-4.0",
  "creativeml-openrail-m",
  "openrail++",
  "bigcode-openrail-m",
  "bigscience-bloom-rail-1.0",
  "llama3",
  "llama3.1",
  "llama2",
  "gemma",
  "falcon-llm-license",
  "openrail",
  "other",
  "some-custom-license",
  "apache-2.0 AND llama3.1",
  "mit OR cc-by-nc-4.0",
  null,
];

/** Catalogue models a dump may name as bases without holding their rows. */
export const CATALOGUE_BASES = [
  "meta-llama/Meta-Llama-3-8B",
  "meta-llama/Llama-3.1-8B",
  "meta-llama/Llama-3.2-1B",
  "google/gemma-2-9b",
  "CompVis/stable-diffusion-v1-4",
  "openai/gpt-3",
  "mistralai/Mistral-7B-v0.1",
];

/**
 * Models of every shape: roots, fine-tunes, merges of two or three parents, other relations,
 * catalogue and unresolved bases, a few small cycles, names that meet or miss naming duties.
 */
export function mixedDump(n: number, seed: number): DumpRow[] {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const owners = ["alice", "bob", "meta-llama", "google", "carol", "dave"];
  const relations = ["finetune", "adapter", "quantized", "merge", "distill", "uses-output-of", "combination"];
  const ids: string[] = [];
  const rows: DumpRow[] = [];
  for (let i = 0; i < n; i++) {
    const id = `${pick(owners)}/${rand() < 0.3 ? "Llama-3-" : ""}m${i}`;
    const card: Record<string, unknown> = {};
    const lic = pick(DUMP_LICENSES);
    if (lic) card.license = lic;
    if (lic === "other" && rand() < 0.5) card.license_name = "llama3";
    if (i > 0 && rand() < 0.8) {
      const parent = () =>
        rand() < 0.15
          ? pick(CATALOGUE_BASES)
          : rand() < 0.05
            ? `nobody/missing-${Math.floor(rand() * 5)}`
            : // mostly recent rows, so chains run deep
              ids[Math.max(0, ids.length - 1 - Math.floor(rand() * 8))]!;
      const k = rand() < 0.25 ? (rand() < 0.5 ? 2 : 3) : 1;
      const bases = [...new Set(Array.from({ length: k }, parent))];
      card.base_model = bases.length === 1 ? bases[0] : bases;
      card.base_model_relation = bases.length > 1 && rand() < 0.7 ? "merge" : pick(relations);
    }
    ids.push(id);
    rows.push({ id, cardData: card });
  }
  // cycles: a row names a later row as its base
  for (let c = 0; c < Math.max(1, n / 200); c++) {
    const a = Math.floor(rand() * n);
    const b = Math.min(n - 1, a + 1 + Math.floor(rand() * 3));
    if (a === b) continue;
    rows[a] = { id: rows[a]!.id, cardData: { ...rows[a]!.cardData, base_model: rows[b]!.id } };
    if (!rows[b]!.cardData?.base_model)
      rows[b] = { id: rows[b]!.id, cardData: { ...rows[b]!.cardData, base_model: rows[a]!.id } };
  }
  return rows;
}
