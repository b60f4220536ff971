// Copies the web app's static files (HTML, CSS) next to its compiled modules in dist/web/.
// The app is plain TypeScript modules loaded by the browser as ES modules: no bundler, no CDN.
import { cpSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const src = join(root, "web");
const out = join(root, "dist", "web");
mkdirSync(out, { recursive: true });
for (const f of existsSync(src) ? readdirSync(src) : [])
  if (/\.(html|css|svg|ico)$/.test(f)) cpSync(join(src, f), join(out, f));
