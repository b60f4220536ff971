// Compiles data/ into dist/kb.json, the one bundle the CLI and library load at start-up.
// Fails (exit 1) on any schema problem so a broken entry never ships.
import { mkdirSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadKbSource } from "../src/kb/load-data.js";
import { KB_FORMAT } from "../src/kb/bundle.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const src = loadKbSource(join(root, "data"));
if (src.problems.length) {
  for (const p of src.problems) console.error(`${p.file}: ${p.path || "(root)"}: ${p.message}`);
  console.error(`knowledge base: ${src.problems.length} problem(s); bundle not written`);
  process.exit(1);
}
const body = { licenses: src.licenses, models: src.models, categories: src.categories };
const version = createHash("sha256").update(JSON.stringify(body)).digest("hex").slice(0, 16);
const out = join(root, "dist", "kb.json");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ format: KB_FORMAT, version, ...body }));
console.error(
  `knowledge base: ${src.licenses.length} licenses, ${src.models.length} models -> dist/kb.json (${version})`,
);
