// The model inventory over either SQL backend: migrations applied at open, models stored with
// their record and report, re-checked when the knowledge base's version changes.
import { readdirSync, readFileSync, mkdirSync, statSync, existsSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CheckReport } from "../check.js";
import type { ModelRecord } from "../inspect/record.js";
import type { Verdict } from "../policy/engine.js";
import { ConflictError, InputError } from "../errors.js";
import { openPglite, openPostgres, type Sql } from "./sql.js";
import { OwnerLock } from "./owner-lock.js";

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

export function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), ".local", "share");
  return join(base, "mlicense");
}

export interface OpenOptions {
  /** A postgres:// URL; else PGlite under `dataDir` (null: in memory). */
  db?: string | null;
  dataDir?: string | null;
  /** What this process is, for the owner file ("serve", "inventory add"). */
  command?: string;
  /** Told what is happening when it takes a while (a new store being created). */
  onProgress?: (message: string) => void;
}

export class Inventory {
  private constructor(
    private readonly sql: Sql,
    /** Held while a PGlite folder is open: one process per store. */
    readonly lock: OwnerLock | null = null,
  ) {}

  get backend(): Sql["kind"] {
    return this.sql.kind;
  }

  /**
   * Opens the store. A PGlite folder is taken for this process first (StoreBusyError when another
   * live process has it); one that cannot be opened is an InputError naming it and what to do.
   */
  static async open(opts: OpenOptions): Promise<Inventory> {
    let sql: Sql;
    let lock: OwnerLock | null = null;
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
      const dir = opts.dataDir ?? null;
      if (dir) {
        prepareDataDir(dir);
        lock = OwnerLock.acquire(dir, opts.command ?? "inventory");
      }
      const pgdata = dir ? join(dir, "pgdata") : null;
      try {
        if (pgdata)
          opts.onProgress?.(
            existsSync(join(pgdata, "PG_VERSION"))
              ? `opening the inventory in ${dir}`
              : `creating a new inventory in ${dir} (first start, a few seconds)`,
          );
        sql = await openPglite(pgdata);
      } catch (e) {
        lock?.release();
        throw unopenable(dir, e);
      }
    }
    const inv = new Inventory(sql, lock);
    try {
      await inv.migrate();
    } catch (e) {
      await inv.close().catch(() => undefined);
      throw e instanceof InputError ? e : unopenable(opts.dataDir ?? null, e);
    }
    return inv;
  }

  private async migrate(): Promise<void> {
    await applyMigrations(this.sql);
  }

  /**
   * Stores an entry. An id already stored is a ConflictError carrying the stored entry, unless
   * `replace` says to overwrite it. The write is one statement, committed before this resolves.
   */
  async put(
    e: Omit<InventoryEntry, "checked_at">,
    opts: { replace?: boolean } = {},
  ): Promise<InventoryEntry> {
    const rows = await this.sql.query<InventoryEntry>(
      `INSERT INTO models (id, name, license, family, verdict, record, report, kb_version, checked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
       ON CONFLICT (id) DO ${
         opts.replace
           ? `UPDATE SET name = EXCLUDED.name, license = EXCLUDED.license, family = EXCLUDED.family,
         verdict = EXCLUDED.verdict, record = EXCLUDED.record, report = EXCLUDED.report,
         kb_version = EXCLUDED.kb_version, checked_at = now()`
           : "NOTHING"
       }
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
    if (!rows[0]) {
      const existing = await this.get(e.id);
      throw new ConflictError(
        `'${e.id}' is already in the inventory (${existing?.verdict ?? "?"}, checked ${existing?.checked_at ?? "?"}); replace it explicitly (--replace, or PUT /api/models/{id})`,
        existing,
      );
    }
    return normalise(rows[0]);
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
    try {
      await this.sql.close();
    } finally {
      this.lock?.release();
    }
  }
}

/** Applies the migrations not yet applied, in file-name order. */
export async function applyMigrations(sql: Sql): Promise<void> {
  await sql.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
  );
  const done = new Set(
    (await sql.query<{ name: string }>("SELECT name FROM schema_migrations")).map((r) => r.name),
  );
  for (const f of migrationFiles()) {
    if (done.has(f)) continue;
    await sql.exec(readFileSync(join(migrationsDir(), f), "utf8"));
    await sql.query("INSERT INTO schema_migrations (name) VALUES ($1)", [f]);
  }
}

export function migrationFiles(): string[] {
  return readdirSync(migrationsDir())
    .filter((f) => f.endsWith(".sql"))
    .sort();
}

export function migrationsDir(): string {
  // dist/src/store/ -> <root>/migrations
  return join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "migrations");
}

/** The data folder exists (made if need be) and is a folder. */
function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      code === "EEXIST" || code === "ENOTDIR"
        ? "--data-dir names a file, not a folder; give a folder for the inventory"
        : `cannot create the data folder: ${(e as Error).message}`,
      "bad-data-dir",
      dir,
      "--data-dir",
    );
  }
  if (!statSync(dir).isDirectory())
    throw new InputError(
      "--data-dir names a file, not a folder; give a folder for the inventory",
      "bad-data-dir",
      dir,
      "--data-dir",
    );
}

/** Why a store did not open, with the folder and what to do about it. */
function unopenable(dir: string | null, e: unknown): InputError {
  const why = (e as Error)?.message ?? String(e);
  if (!dir) return new InputError(`the in-memory inventory did not start: ${why}`, "store-unavailable");
  return new InputError(
    `the inventory in ${join(dir, "pgdata")} cannot be opened (${why}): it is damaged or was written by another version. ` +
      `Move it aside (mv ${join(dir, "pgdata")} ${join(dir, "pgdata")}.broken) to start an empty one, or restore a backup.`,
    "store-unreadable",
    dir,
    "--data-dir",
  );
}

function normalise(r: InventoryEntry): InventoryEntry {
  const out = { ...r };
  if (typeof out.record === "string") out.record = JSON.parse(out.record);
  if (typeof out.report === "string") out.report = JSON.parse(out.report);
  const t = out.checked_at as unknown;
  if (t instanceof Date) out.checked_at = t.toISOString();
  return out;
}
