// Rewrites the stored expected BOM documents under test/fixtures/bom/ (npm run expected). Run it
// after a deliberate change to the exporters, and review the diff.
import { writeFileSync } from "node:fs";
import { BOM_CASES, buildDoc, expectedPath } from "../test/bom/expected-docs.js";

for (const c of BOM_CASES)
  for (const f of ["cyclonedx", "spdx"] as const) {
    writeFileSync(expectedPath(c.name, f), JSON.stringify(await buildDoc(c.dir, f), null, 2) + "\n");
    console.log(`wrote ${expectedPath(c.name, f)}`);
  }
