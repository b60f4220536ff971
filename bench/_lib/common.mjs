// Helpers shared by the benches: paths, the build, installing peer tools, timing and medians.
// Benches report ratios against a peer run in the same script on the same machine; absolute times
// are printed for reading only and no bench ever fails on a time.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (this file is bench/_lib/common.mjs). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The shared folder beside the checkout (corpus, scenarios, peer runners). */
export const SHARED = process.env.MLICENSE_SHARED ?? join(ROOT, "..", "shared");
export const CLI = join(ROOT, "bin", "mlicense.js");

/** Builds dist/ when it is missing, so a fresh checkout can run a bench directly. */
export function ensureBuilt() {
  if (existsSync(join(ROOT, "dist", "kb.json")) && existsSync(join(ROOT, "dist", "src", "cli", "main.js")))
    return;
  console.error("dist/ is missing: running npm run build");
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
}

export function has(cmd) {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

/**
 * Installs Debian packages for the commands that are missing (`{command: package}`). Runs
 * `apt-get update` once when apt does not know a package. Returns the commands available after.
 */
export function ensureApt(wanted) {
  const missing = Object.entries(wanted).filter(([cmd]) => !has(cmd));
  if (missing.length) {
    const pkgs = [...new Set(missing.map(([, p]) => p))];
    const sudo = process.getuid?.() === 0 ? [] : has("sudo") ? ["sudo", "-n"] : null;
    if (!sudo) console.error(`cannot install ${pkgs.join(" ")}: not root and no sudo`);
    else if (!has("apt-get")) console.error(`cannot install ${pkgs.join(" ")}: no apt-get on this machine`);
    else {
      const apt = (args) =>
        spawnSync(sudo[0] ?? "apt-get", [...sudo.slice(1), ...(sudo.length ? ["apt-get"] : []), ...args], {
          stdio: ["ignore", "ignore", "inherit"],
          env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
        }).status === 0;
      console.error(`installing ${pkgs.join(" ")} with apt-get`);
      if (!apt(["install", "-y", "-q", ...pkgs])) {
        apt(["update", "-q"]);
        apt(["install", "-y", "-q", ...pkgs]);
      }
    }
  }
  return Object.fromEntries(Object.keys(wanted).map((cmd) => [cmd, has(cmd)]));
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (!n) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

const GNU_TIME = "/usr/bin/time";

/**
 * Wall-clock seconds of one child process run to completion, and its CPU seconds (user + system)
 * when /usr/bin/time is there to count them (CPU time is steadier than wall time on a busy machine).
 */
export function timeSpawn(cmd, args, opts = {}) {
  const useTime = existsSync(GNU_TIME);
  const dir = useTime ? mkdtempSync(join(tmpdir(), "mlicense-bench-time-")) : null;
  const out = dir ? join(dir, "time") : null;
  const [prog, argv] = useTime ? [GNU_TIME, ["-f", "%U %S", "-o", out, cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(prog, argv, { maxBuffer: 1 << 30, encoding: "utf8", ...opts });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  let cpu = NaN;
  if (dir) {
    try {
      const [u, s] = readFileSync(out, "utf8").trim().split("\n").at(-1).split(" ").map(Number);
      cpu = u + s;
    } catch {
      /* the child did not start */
    }
    rmSync(dir, { recursive: true, force: true });
  }
  if (r.error) throw r.error;
  return { seconds, cpu, stdout: r.stdout ?? "", stderr: r.stderr ?? "", status: r.status };
}

/**
 * Median wall time (seconds) of each command over `runs` fresh processes, with hyperfine when
 * it is available (no shell in between, `-N`), else with Node's own timers. Commands are
 * `{name, cmd: [program, ...args]}`; the result is `{name: {median, cpu, runs, tool}}`, `cpu` being
 * user + system seconds (hyperfine's mean; the median with Node's timers).
 */
export function timeCommands(commands, { runs = 10, warmup = 2 } = {}) {
  const out = {};
  if (has("hyperfine")) {
    const dir = mkdtempSync(join(tmpdir(), "mlicense-bench-hf-"));
    try {
      const json = join(dir, "out.json");
      const args = ["-N", "--runs", String(runs), "--warmup", String(warmup), "--export-json", json];
      args.push("--style", "none", "-i");
      for (const c of commands) args.push("-n", c.name, c.cmd.map(shellQuote).join(" "));
      const r = spawnSync("hyperfine", args, { stdio: ["ignore", "ignore", "inherit"] });
      if (r.status === 0) {
        const doc = JSON.parse(readFileSync(json, "utf8"));
        for (const res of doc.results)
          out[res.command] = {
            median: res.median,
            cpu: res.user + res.system,
            runs: res.times.length,
            tool: "hyperfine",
          };
        return out;
      }
      console.error("hyperfine failed; timing with Node's timers instead");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  for (const c of commands) {
    for (let i = 0; i < warmup; i++) spawnSync(c.cmd[0], c.cmd.slice(1), { stdio: "ignore" });
    const rs = [];
    for (let i = 0; i < runs; i++) rs.push(timeSpawn(c.cmd[0], c.cmd.slice(1), { stdio: "ignore" }));
    out[c.name] = {
      median: median(rs.map((r) => r.seconds)),
      cpu: median(rs.map((r) => r.cpu)),
      runs,
      tool: "node timers",
    };
  }
  return out;
}

function shellQuote(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

export function ms(seconds) {
  return `${(seconds * 1000).toFixed(1)} ms`;
}

export function ratio(a, b) {
  return Number.isFinite(a / b) ? `${(a / b).toFixed(2)}x` : "n/a";
}

/** Prints rows of cells as a left-aligned table. */
export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const r of rows)
    console.log(
      "  " +
        r
          .map((c, i) => String(c).padEnd(widths[i]))
          .join("  ")
          .trimEnd(),
    );
}

export function machine() {
  const cpus = spawnSync("nproc", { encoding: "utf8" }).stdout?.trim() || "?";
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");
  return `node ${process.version}, ${cpus} CPUs, ${process.platform}-${process.arch}, load average ${load}`;
}
