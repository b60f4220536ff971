// Builds dist/store-template.tgz: an empty PGlite database with the migrations applied, which a
// new inventory folder is unpacked from instead of running initdb on the first `serve` (see
// storeTemplatePath). Rebuilt only when PGlite's version or a migration changes: initdb takes
// seconds and most of a gigabyte.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { storeTemplatePath, openPglite } from "../src/store/sql.js";
import { applyMigrations, migrationFiles, migrationsDir } from "../src/store/inventory.js";

const require = createRequire(import.meta.url);
// the package exports no ./package.json: found beside its entry point (dist/index.cjs)
const pgliteVersion = (
  JSON.parse(
    readFileSync(join(dirname(require.resolve("@electric-sql/pglite")), "..", "package.json"), "utf8"),
  ) as { version: string }
).version;
const out = storeTemplatePath();
const stampFile = out.replace(/\.tgz$/, ".json");
const h = createHash("sha256").update(`pglite ${pgliteVersion}\n`);
for (const f of migrationFiles()) h.update(`${f}\n`).update(readFileSync(join(migrationsDir(), f)));
const stamp = h.digest("hex");

if (existsSync(out) && existsSync(stampFile) && JSON.parse(readFileSync(stampFile, "utf8")).stamp === stamp) {
  console.log(`store template: up to date (${out})`);
} else {
  rmSync(out, { force: true });
  const sql = await openPglite(null, { template: false });
  await applyMigrations(sql);
  const tgz = await sql.dump!();
  await sql.close();
  writeFileSync(out, tgz);
  writeFileSync(
    stampFile,
    JSON.stringify({ stamp, pglite: pgliteVersion, migrations: migrationFiles() }) + "\n",
  );
  console.log(`store template: ${tgz.length} bytes -> ${out}`);
}
