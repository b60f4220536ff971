// Validates data/ and checks that every quoted clause appears in the license's reference text.
// Usage: node dist/scripts/check-kb.js [license-id ...]   (exit 1 on any problem)
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { clausesOf, loadKbSource } from "../src/kb/load-data.js";
import { defaultCorpusDir, foldForQuote, referenceTexts } from "../src/kb/reference-texts.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const only = new Set(process.argv.slice(2));
const src = loadKbSource(join(root, "data"));
const problems = [...src.problems];
const corpus = defaultCorpusDir(root);
let checked = 0;
for (const lic of src.licenses) {
  if (only.size && !only.has(lic.id)) continue;
  const texts = referenceTexts(lic, corpus).map((t) => foldForQuote(t.text));
  if (texts.length === 0) continue;
  for (const { path, clause } of clausesOf(lic)) {
    checked++;
    const q = foldForQuote(clause.quote);
    if (!texts.some((t) => t.includes(q)))
      problems.push({
        file: `data/licenses/${lic.id}.yaml`,
        path,
        message: `quote not found in text: "${clause.quote}"`,
      });
  }
}
for (const p of problems)
  if (!only.size || p.file.includes("/models/") || [...only].some((id) => p.file.includes(id)))
    console.log(`${p.file}: ${p.path}: ${p.message}`);
console.log(
  `${src.licenses.length} licenses, ${src.models.length} models, ${checked} citations checked, ${problems.length} problems`,
);
process.exit(problems.length ? 1 : 0);
