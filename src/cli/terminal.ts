// What the terminal can take: colour on stdout only when it is a terminal and nobody said no
// (NO_COLOR, --no-color, --json), progress on stderr only when stderr is a terminal and --quiet
// was not given. Output piped to a file or a CI log stays plain text.
import { thousands } from "../text/thousands.js";

type Env = Record<string, string | undefined>;

export interface TerminalSettings {
  /** ANSI colour in the human text on stdout. */
  color: boolean;
  /** Progress lines on stderr for long work. */
  progress: boolean;
}

export function terminalSettings(o: {
  stdoutTTY: boolean;
  stderrTTY: boolean;
  env: Env;
  noColor?: boolean;
  quiet?: boolean;
  json?: boolean;
}): TerminalSettings {
  // https://no-color.org: NO_COLOR set to any non-empty value turns colour off; FORCE_COLOR
  // (as chalk and Node read it) turns it on for a pipe, "0" turns it off
  const force = o.env.FORCE_COLOR;
  const wanted = force !== undefined && force !== "" ? force !== "0" : o.stdoutTTY;
  return {
    color: wanted && !o.env.NO_COLOR && !o.noColor && !o.json && o.env.TERM !== "dumb",
    progress: o.stderrTTY && !o.quiet,
  };
}

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  magenta: [35, 39],
  cyan: [36, 39],
} as const;
export type Style = keyof typeof CODES;

/** A painter: `paint("red", text)`; the identity when colour is off. */
export type Paint = (style: Style | Style[], text: string) => string;

export function painter(color: boolean): Paint {
  if (!color) return (_s, text) => text;
  return (style, text) => {
    const styles = Array.isArray(style) ? style : [style];
    return styles.reduce((t, s) => `\u001b[${CODES[s][0]}m${t}\u001b[${CODES[s][1]}m`, text);
  };
}

/** The colour of each verdict and severity word. */
export const VERDICT_STYLE: Record<string, Style[]> = {
  ok: ["green", "bold"],
  conditional: ["yellow", "bold"],
  unknown: ["magenta", "bold"],
  violation: ["red", "bold"],
  warning: ["yellow"],
  info: ["cyan"],
};

export interface Progress {
  /** `done` of `total` finished; `item` names what is being worked on. */
  update(done: number, total: number, item?: string): void;
  /** Clears the progress line. */
  end(): void;
}

const SILENT: Progress = { update() {}, end() {} };

/**
 * A one-line progress bar on stderr, redrawn in place at most ten times a second (so thousands
 * of small steps do not flood a slow terminal); a no-op when progress is off.
 */
export function progressBar(enabled: boolean, write: (s: string) => void, label: string): Progress {
  if (!enabled) return SILENT;
  let last = 0;
  let drawn = false;
  const width = Math.max(20, Math.min(process.stderr.columns ?? 80, 120));
  return {
    update(done, total, item) {
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      const w = 24;
      const filled = total ? Math.min(w, Math.round((done / total) * w)) : 0;
      // bytes and other large totals read better as a share than as two long numbers
      const count =
        total >= 100_000
          ? `${total ? Math.floor((100 * done) / total) : 0}%`
          : `${thousands(done)}/${thousands(total)}`;
      let line = `${label} [${"#".repeat(filled)}${".".repeat(w - filled)}] ${count}${item ? ` ${item}` : ""}`;
      if (line.length > width - 1) line = line.slice(0, width - 2) + "…";
      write(`\r\u001b[2K${line}`);
      drawn = true;
    },
    end() {
      if (drawn) write("\r\u001b[2K");
      drawn = false;
    },
  };
}
