// The model inventory over either SQL backend: migrations applied at open, models stored with
// their record and report, re-checked when the knowledge base's version changes.
import { readdirSync, readFileSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CheckReport } from "../check.js";
import type { ModelRecord } from "../inspect/record.js";
import type { Verdict } from "../policy/engine.js";
import { InputError } from "../errors.js";
import { openPglite, openPostgres, type Sql } from "./sql.js";

export interface InventoryEntry {
  id: string;
  name: string;
  license: string;
  family: string;
  verdict: Verdict;
  record: ModelRecord;
  report: CheckReport;
  kb_version: string;
  checked_at: string;
}

export interface ListFilter {
  verdict?: string;
  license?: string;
  family?: string;
}

function migrationsDir(): string {
  // dist/src/store/ -> <root>/migrations
  return join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "migrations");
}

export function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), ".local", "share");
  return join(base, "mlicense");
}

export class Inventory {
  private constructor(private readonly sql: Sql) {}

  get backend(): Sql["kind"] {
    return this.sql.kind;
  }

  /** `db`: a postgres:// URL, or null for PGlite under `dataDir` (null dataDir: in memory). */
  static async open(opts: { db?: string | null; dataDir?: string | null }): Promise<Inventory> {
    let sql: Sql;
    if (opts.db) {
      if (!/^postgres(ql)?:\/\//.test(opts.db))
        throw new InputError("--db must be a postgres:// URL", "usage", undefined, "--db");
      try {
        sql = await openPostgres(opts.db);
      } catch (e) {
        throw new InputError(
          `cannot connect to PostgreSQL: ${(e as Error).message}`,
          "db-unavailable",
          undefined,
          "--db",
        );
      }
    } else {
      if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
      sql = await openPglite(opts.dataDir ? join(opts.dataDir, "pgdata") : null);
    }
    const inv = new Inventory(sql);
    await inv.migrate();
    return inv;
  }

  private async migrate(): Promise<void> {
    await this.sql.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    );
    const done = new Set(
      (await this.sql.query<{ name: string }>("SELECT name FROM schema_migrations")).map((r) => r.name),
    );
    for (const f of readdirSync(migrationsDir())
      .filter((f) => f.endsWith(".sql"))
      .sort()) {
      if (done.has(f)) continue;
      await this.sql.exec(readFileSync(join(migrationsDir(), f), "utf8"));
      await this.sql.query("INSERT INTO schema_migrations (name) VALUES ($1)", [f]);
    }
  }

  async put(e: Omit<InventoryEntry, "checked_at">): Promise<InventoryEntry> {
    const rows = await this.sql.query<InventoryEntry>(
      `INSERT INTO models (id, name, license, family, verdict, record, report, kb_version, checked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, license = EXCLUDED.license, family = EXCLUDED.family,
         verdict = EXCLUDED.verdict, record = EXCLUDED.record, report = EXCLUDED.report,
         kb_version = EXCLUDED.kb_version, checked_at = now()
       RETURNING id, name, license, family, verdict, record, report, kb_version, checked_at`,
      [
        e.id,
        e.name,
        e.license,
        e.family,
        e.verdict,
        JSON.stringify(e.record),
        JSON.stringify(e.report),
        e.kb_version,
      ],
    );
    return normalise(rows[0]!);
  }

  async list(f: ListFilter = {}): Promise<Omit<InventoryEntry, "record" | "report">[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const k of ["verdict", "license", "family"] as const)
      if (f[k]) {
        params.push(f[k]);
        where.push(`${k} = $${params.length}`);
      }
    const rows = await this.sql.query<InventoryEntry>(
      `SELECT id, name, license, family, verdict, kb_version, checked_at FROM models ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id`,
      params,
    );
    return rows.map(normalise);
  }

  async get(id: string): Promise<InventoryEntry | null> {
    const rows = await this.sql.query<InventoryEntry>("SELECT * FROM models WHERE id = $1", [id]);
    return rows[0] ? normalise(rows[0]) : null;
  }

  async remove(id: string): Promise<boolean> {
    const rows = await this.sql.query("DELETE FROM models WHERE id = $1 RETURNING id", [id]);
    return rows.length > 0;
  }

  /** Entries checked against another knowledge-base version. */
  async stale(kbVersion: string): Promise<InventoryEntry[]> {
    return (
      await this.sql.query<InventoryEntry>("SELECT * FROM models WHERE kb_version <> $1", [kbVersion])
    ).map(normalise);
  }

  async close(): Promise<void> {
    await this.sql.close();
  }
}

function normalise(r: InventoryEntry): InventoryEntry {
  const out = { ...r };
  if (typeof out.record === "string") out.record = JSON.parse(out.record);
  if (typeof out.report === "string") out.report = JSON.parse(out.report);
  const t = out.checked_at as unknown;
  if (t instanceof Date) out.checked_at = t.toISOString();
  return out;
}
