// The one SQL surface both backends speak: PGlite (embedded PostgreSQL) and a PostgreSQL server.
// Same dialect, same migrations; only the connection differs.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  exec(text: string): Promise<void>;
  close(): Promise<void>;
  readonly kind: "pglite" | "postgres";
  /** PGlite only: the data folder as a gzipped tar (what storeTemplatePath holds). */
  dump?(): Promise<Uint8Array>;
}

/**
 * A new PGlite data folder is unpacked from this archive, made at build time by
 * scripts/build-store-template.ts (an empty database with the migrations applied). Running
 * PostgreSQL's initdb instead took 5 s and 800 MB on the first start (22 s on a loaded machine,
 * with nothing said); unpacking takes about a second and half the memory.
 */
export function storeTemplatePath(): string {
  // dist/src/store/ -> dist/store-template.tgz
  return join(dirname(fileURLToPath(import.meta.url)), "..", "..", "store-template.tgz");
}

/**
 * `dataDir`: the PostgreSQL data folder, or null for a database in memory. `template: false`
 * runs initdb (how the template itself is made).
 */
export async function openPglite(dataDir: string | null, opts: { template?: boolean } = {}): Promise<Sql> {
  const { PGlite } = await import("@electric-sql/pglite");
  // A database in memory (tests) runs initdb as before: one loaded from the archive keeps a timer
  // that holds the process open until it is closed, and tests that never close one would hang.
  const template = storeTemplatePath();
  const loadDataDir =
    dataDir && !existsSync(join(dataDir, "PG_VERSION")) && opts.template !== false && existsSync(template)
      ? new Blob([readFileSync(template)])
      : undefined;
  const db = await PGlite.create(dataDir ?? undefined, { loadDataDir });
  return {
    kind: "pglite",
    async query<T>(text: string, params: unknown[] = []) {
      return (await db.query(text, params)).rows as T[];
    },
    async exec(text: string) {
      await db.exec(text);
    },
    async close() {
      await db.close();
    },
    async dump() {
      return new Uint8Array(await (await db.dumpDataDir("gzip")).arrayBuffer());
    },
  };
}

export async function openPostgres(url: string): Promise<Sql> {
  const pg = (await import("pg")).default;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  await pool.query("SELECT 1");
  return {
    kind: "postgres",
    async query<T>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as T[];
    },
    async exec(text: string) {
      await pool.query(text);
    },
    async close() {
      await pool.end();
    },
  };
}
