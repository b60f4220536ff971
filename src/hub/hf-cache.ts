// The local Hugging Face cache, as huggingface_hub lays it out: `<cache>/models--owner--name/`
// holds `refs/<branch or tag>` (a file with the commit hash), `snapshots/<commit>/` (the repo's
// files at that commit, usually symbolic links into `blobs/`) and `blobs/`. Models there are on the
// user's disk already, so they resolve before the Hub and with --offline. Read-only: nothing here
// writes to the cache or follows a link out of it on purpose.
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";

/** A cached model repository at one revision. */
export interface CachedSnapshot {
  /** Hub id, `owner/name` (or `name` for the few legacy ids without an owner). */
  id: string;
  /** The commit hash the snapshot folder is named after. */
  revision: string;
  /** Branch and tag names under `refs/` that point at this revision (`main`, `v1.0`). */
  refs: string[];
  /** The snapshot folder: `<cache>/models--owner--name/snapshots/<revision>`. */
  dir: string;
}

type Env = Record<string, string | undefined>;

/**
 * Where huggingface_hub keeps models: `$HF_HUB_CACHE`, the older `$HUGGINGFACE_HUB_CACHE`,
 * `$HF_HOME/hub`, `$XDG_CACHE_HOME/huggingface/hub`, else `~/.cache/huggingface/hub` (the same
 * order huggingface_hub's constants use).
 */
export function hfCacheDir(env: Env = process.env): string {
  if (env.HF_HUB_CACHE) return env.HF_HUB_CACHE;
  if (env.HUGGINGFACE_HUB_CACHE) return env.HUGGINGFACE_HUB_CACHE;
  const home = env.HF_HOME ?? join(env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "huggingface");
  return join(home, "hub");
}

const REPO_PREFIX = "models--";
/** A Hub owner or name: what the Hub accepts, and never "." or ".." (no path tricks). */
const PART = /^[A-Za-z0-9][\w.-]{0,95}$/;
const COMMIT = /^[0-9a-f]{40}$/;

/** `owner/name` to the cache's folder name; null for anything that is not a Hub model id. */
export function repoFolderName(id: string): string | null {
  const parts = id.split("/");
  if (parts.length > 2 || !parts.every((p) => PART.test(p))) return null;
  return REPO_PREFIX + parts.join("--");
}

/** `models--owner--name` back to `owner/name`; null for other folders (datasets, spaces, .locks). */
export function idFromRepoFolder(folder: string): string | null {
  if (!folder.startsWith(REPO_PREFIX)) return null;
  const rest = folder.slice(REPO_PREFIX.length);
  // owners never hold "--" (the Hub forbids consecutive dashes in user and organisation names),
  // so the first "--" is the separator and the name keeps any later ones
  const at = rest.indexOf("--");
  const id = at < 0 ? rest : `${rest.slice(0, at)}/${rest.slice(at + 2)}`;
  return repoFolderName(id) === folder ? id : null;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Every `refs/` file (nested ones such as `refs/pr/1` included) with the commit it holds. */
function readRefs(repoDir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string, prefix: string, depth: number) => {
    if (depth > 3) return;
    for (const n of list(dir).sort()) {
      const p = join(dir, n);
      if (isDir(p)) walk(p, `${prefix}${n}/`, depth + 1);
      else {
        let text = "";
        try {
          text = readFileSync(p, "utf8").slice(0, 100).trim();
        } catch {
          continue;
        }
        if (COMMIT.test(text)) out.set(`${prefix}${n}`, text);
      }
    }
  };
  walk(join(repoDir, "refs"), "", 0);
  return out;
}

function snapshotOf(
  id: string,
  repoDir: string,
  revision: string,
  refs: Map<string, string>,
): CachedSnapshot {
  return {
    id,
    revision,
    refs: [...refs].filter(([, c]) => c === revision).map(([r]) => r),
    dir: join(repoDir, "snapshots", revision),
  };
}

/** The snapshot folder names of a cached repo, newest first (by the folder's modification time). */
function snapshots(repoDir: string): string[] {
  const dir = join(repoDir, "snapshots");
  return list(dir)
    .filter((n) => isDir(join(dir, n)))
    .map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs }))
    .sort((a, b) => b.t - a.t || a.n.localeCompare(b.n))
    .map((x) => x.n);
}

/** The case-insensitive match of a repo folder, as the Hub matches ids. */
function findRepoDir(cacheDir: string, id: string): { dir: string; id: string } | null {
  const folder = repoFolderName(id);
  if (!folder) return null;
  const direct = join(cacheDir, folder);
  if (isDir(direct)) return { dir: direct, id };
  const lower = folder.toLowerCase();
  const hit = list(cacheDir).find((n) => n.toLowerCase() === lower);
  const hitId = hit ? idFromRepoFolder(hit) : null;
  return hit && hitId && isDir(join(cacheDir, hit)) ? { dir: join(cacheDir, hit), id: hitId } : null;
}

/**
 * The cached snapshot of a Hub model: at `revision` (a branch or tag under refs/, or a commit
 * hash, or a unique prefix of one), else at `refs/main`, else the newest snapshot. Null when the
 * model (or that revision) is not in the cache.
 */
export function findCachedModel(
  id: string,
  opts: { revision?: string; cacheDir?: string } = {},
): CachedSnapshot | null {
  const cacheDir = opts.cacheDir ?? hfCacheDir();
  const repo = findRepoDir(cacheDir, id);
  if (!repo) return null;
  const refs = readRefs(repo.dir);
  const snaps = snapshots(repo.dir);
  const rev = opts.revision;
  let commit: string | undefined;
  if (rev) {
    commit =
      refs.get(rev) ??
      (snaps.includes(rev)
        ? rev
        : rev.length >= 7 && /^[0-9a-f]+$/.test(rev)
          ? ((m) => (m.length === 1 ? m[0] : undefined))(snaps.filter((s) => s.startsWith(rev)))
          : undefined);
  } else commit = refs.get("main") && snaps.includes(refs.get("main")!) ? refs.get("main") : snaps[0];
  if (!commit || !snaps.includes(commit)) return null;
  return snapshotOf(repo.id, repo.dir, commit, refs);
}

/** One entry per cached model: its `refs/main` snapshot, else its newest one. Sorted by id. */
export function listCachedModels(cacheDir: string = hfCacheDir()): CachedSnapshot[] {
  const out: CachedSnapshot[] = [];
  for (const n of list(cacheDir).sort()) {
    const id = idFromRepoFolder(n);
    if (!id) continue;
    const snap = findCachedModel(id, { cacheDir });
    if (snap) out.push(snap);
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * The Hub id and revision of a snapshot folder (`.../models--owner--name/snapshots/<commit>`),
 * wherever the cache is; null for any other folder. Symbolic links to the folder are followed.
 */
export function snapshotIdentity(folder: string): CachedSnapshot | null {
  let dir: string;
  try {
    dir = realpathSync(folder);
  } catch {
    dir = resolve(folder);
  }
  const revision = basename(dir);
  const snapsDir = dirname(dir);
  const repoDir = dirname(snapsDir);
  if (basename(snapsDir) !== "snapshots" || !revision || revision === "." || revision === "..") return null;
  const id = idFromRepoFolder(basename(repoDir));
  if (!id) return null;
  return snapshotOf(id, repoDir, revision, readRefs(repoDir));
}

/** `hf:owner/name`, `hf:owner/name@revision` to its parts; null when it is not an `hf:` target. */
export function parseHfTarget(target: string): { id: string; revision?: string } | null {
  if (!target.startsWith("hf:")) return null;
  const [id, revision] = target.slice(3).split("@", 2) as [string, string | undefined];
  return revision ? { id, revision } : { id };
}
