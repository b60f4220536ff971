import { listLicenses } from "../../licenses.js";
import { emit, type Command } from "../command.js";

const command: Command = {
  name: "licenses",
  summary: "list the licenses in the knowledge base",
  help: `mlicense licenses [--family F] [--json]

Lists every license the knowledge base knows, with its family. Families: permissive, copyleft,
weak-copyleft, open-rail, rail, community, non-commercial, research-only, proprietary, exclusive,
public-domain, none.

Example:
  mlicense licenses --family open-rail`,
  options: { family: { type: "string" } },
  run(ctx) {
    const list = listLicenses({ family: ctx.values.family as string | undefined });
    emit(ctx, { licenses: list }, () => {
      const w = Math.max(...list.map((l) => l.id.length), 2) + 2;
      return list
        .map((l) => `${l.id.padEnd(w)}${l.family.padEnd(16)}${l.name}${l.verified ? "" : "  (unverified)"}`)
        .join("\n");
    });
    return 0;
  },
};
export default command;
