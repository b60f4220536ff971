import { compare } from "../../compare.js";
import { InputError } from "../../errors.js";
import { emit, type Command } from "../command.js";

const command: Command = {
  name: "compare",
  summary: "compare licenses side by side",
  help: `mlicense compare <license> <license>... [--json]

Puts two or more licenses side by side: family, each term, each flow-down duty, each use
restriction, thresholds and output rules. Rows that differ are marked with '*'.

Example:
  mlicense compare creativeml-openrail-m openrail++ llama3`,
  options: {},
  run(ctx) {
    if (ctx.positionals.length < 2) throw new InputError("compare needs at least two licenses", "usage");
    const c = compare(ctx.positionals);
    emit(ctx, c, () => {
      const w0 = Math.max(...c.rows.map((r) => r.term.length)) + 2;
      const widths = c.licenses.map(
        (l, i) => Math.max(l.id.length, ...c.rows.map((r) => r.values[i]!.length)) + 2,
      );
      const line = (mark: string, a: string, vals: string[]) =>
        `${mark} ${a.padEnd(w0)}${vals.map((v, i) => v.padEnd(widths[i]!)).join("")}`.trimEnd();
      return [
        line(
          " ",
          "",
          c.licenses.map((l) => l.id),
        ),
        ...c.rows.map((r) => line(r.differs ? "*" : " ", r.term, r.values)),
      ].join("\n");
    });
    return 0;
  },
};
export default command;
