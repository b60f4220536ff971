// Reads the YAML knowledge base from data/ and validates it. Used at build time (to compile the
// bundle) and by the schema test; the CLI never parses YAML, it loads the compiled bundle.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { idsOf, parseExprString } from "./expression.js";
import { License, Model, UseCategories, TERM_NAMES, type Clause, type UseCategory } from "./schema.js";

export interface KbProblem {
  file: string;
  path: string;
  message: string;
}

export interface KbSource {
  licenses: License[];
  models: Model[];
  categories: UseCategory[];
  problems: KbProblem[];
}

function readYaml(file: string, problems: KbProblem[]): unknown {
  try {
    return parse(readFileSync(file, "utf8"), { maxAliasCount: 50, uniqueKeys: true });
  } catch (e) {
    problems.push({ file, path: "", message: `invalid YAML: ${(e as Error).message}` });
    return undefined;
  }
}

function zodProblems(file: string, err: z.ZodError): KbProblem[] {
  return err.issues.map((i) => ({ file, path: i.path.join("."), message: i.message }));
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => join(dir, f));
}

/** Every clause object in a license entry, with its dotted path, for citation checks. */
export function clausesOf(lic: License): { path: string; clause: Clause }[] {
  const out: { path: string; clause: Clause }[] = [];
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}.${i}`));
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.section === "string" && typeof o.quote === "string") {
        out.push({ path, clause: o as Clause });
        return;
      }
      for (const [k, x] of Object.entries(o)) walk(x, path ? `${path}.${k}` : k);
    }
  };
  walk(lic, "");
  return out;
}

/** Semantic checks zod cannot express: citations, known categories, unique ids and aliases. */
function crossCheck(
  src: Omit<KbSource, "problems">,
  files: Map<string, string>,
  problems: KbProblem[],
): void {
  const cats = new Set(src.categories.map((c) => c.id));
  const licIds = new Set(src.licenses.map((l) => l.id));
  const seenKeys = new Map<string, string>();
  for (const lic of src.licenses) {
    const file = files.get(`license:${lic.id}`) ?? lic.id;
    for (const name of TERM_NAMES) {
      const t = lic.terms[name];
      if (!t) continue;
      // Family entries (bsd, cc, openrail, ...) stand for several texts; their terms may be unknown.
      const isFamily = (lic.members?.length ?? 0) > 0;
      if (!t.clause && lic.verified && t.value !== "n/a" && !(isFamily && t.value === "unknown"))
        problems.push({ file, path: `terms.${name}.clause`, message: "a verified term needs its clause" });
      if (!lic.verified && !t.clause && t.value !== "unknown" && t.value !== "n/a")
        problems.push({
          file,
          path: `terms.${name}.value`,
          message: "an unverified term without a clause must be 'unknown'",
        });
    }
    lic.use_restrictions.forEach((r, i) => {
      if (r.via)
        problems.push({
          file,
          path: `use_restrictions.${i}.via`,
          message: "'via' is set by the loader, not in YAML",
        });
      if (!cats.has(r.category))
        problems.push({
          file,
          path: `use_restrictions.${i}.category`,
          message: `unknown use category '${r.category}'`,
        });
    });
    for (const other of [
      ...(lic.members ?? []),
      ...lic.related,
      ...(lic.flow_down.same_license?.compatible ?? []).map((c) => c.license),
      ...(lic.flow_down.use_restrictions?.accepts ?? []),
      ...lic.incorporates.map((i) => i.license),
    ])
      if (!licIds.has(other))
        problems.push({ file, path: "members/related/compatible", message: `unknown license id '${other}'` });
    for (const r of lic.outputs?.restrictions ?? [])
      for (const other of r.except_licenses)
        if (!licIds.has(other))
          problems.push({ file, path: "outputs.restrictions", message: `unknown license id '${other}'` });
    for (const key of [lic.id, lic.name, lic.spdx, lic.hub, lic.scancode, ...lic.aliases]) {
      if (!key) continue;
      const k = key.toLowerCase();
      const prev = seenKeys.get(k);
      if (prev && prev !== lic.id)
        problems.push({ file, path: "aliases", message: `'${key}' already names license '${prev}'` });
      else seenKeys.set(k, lic.id);
    }
  }
  const modelIds = new Set<string>();
  for (const m of src.models) {
    const file = files.get(`model:${m.id}`) ?? m.id;
    if (modelIds.has(m.id.toLowerCase()))
      problems.push({ file, path: "id", message: `duplicate model id '${m.id}'` });
    modelIds.add(m.id.toLowerCase());
    for (const [comp, value] of Object.entries(m.licenses)) {
      if (!value) continue;
      const expr = parseExprString(value);
      if (!expr) {
        problems.push({ file, path: `licenses.${comp}`, message: `'${value}' is not a license expression` });
        continue;
      }
      for (const id of idsOf(expr))
        if (id !== "NONE" && id !== "NOASSERTION" && !licIds.has(id))
          problems.push({ file, path: `licenses.${comp}`, message: `unknown license id '${id}'` });
    }
  }
}

export function loadKbSource(dataDir: string): KbSource {
  const problems: KbProblem[] = [];
  const files = new Map<string, string>();
  const catFile = join(dataDir, "use-categories.yaml");
  const catParsed = UseCategories.safeParse(readYaml(catFile, problems));
  const categories = catParsed.success ? catParsed.data.categories : [];
  if (!catParsed.success) problems.push(...zodProblems(catFile, catParsed.error));

  const licenses: License[] = [];
  for (const file of yamlFiles(join(dataDir, "licenses"))) {
    const r = License.safeParse(readYaml(file, problems));
    if (!r.success) {
      problems.push(...zodProblems(file, r.error));
      continue;
    }
    const expected = file
      .split("/")
      .pop()!
      .replace(/\.yaml$/, "");
    if (r.data.id !== expected)
      problems.push({ file, path: "id", message: `id '${r.data.id}' must match the file name` });
    if (files.has(`license:${r.data.id}`))
      problems.push({ file, path: "id", message: "duplicate license id" });
    files.set(`license:${r.data.id}`, file);
    licenses.push(r.data);
  }
  const models: Model[] = [];
  for (const file of yamlFiles(join(dataDir, "models"))) {
    const doc = readYaml(file, problems);
    // A model file holds one model or a list of them (a family: sizes of one release).
    const list = Array.isArray(doc) ? doc : [doc];
    list.forEach((item, i) => {
      const r = Model.safeParse(item);
      if (!r.success) {
        problems.push(...zodProblems(`${file}[${i}]`, r.error));
        return;
      }
      files.set(`model:${r.data.id}`, file);
      models.push(r.data);
    });
  }
  crossCheck({ licenses, models, categories }, files, problems);
  return { licenses, models, categories, problems };
}
