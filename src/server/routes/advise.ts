// POST /api/advise: licenses a planned derivative may use, ranked for a goal, with the model card
// front matter and NOTICE to copy; the same call as `mlicense advise --base ID...`.
// Body: {bases: [id...], datasets?: [id...], relation?: "finetune", name?: string, goal?: string}.
import { advise, GOALS, plannedRecord, type Goal } from "../../advise.js";
import { InputError } from "../../errors.js";
import { isRelation } from "../../kb/vocabulary.js";
import type { RouteModule } from "../route-context.js";
import { idList, jsonBody } from "./json-body.js";

const adviseRoute: RouteModule = (app, ctx) => {
  app.post("/api/advise", async (c) => {
    const body = await jsonBody(c);
    const bases = idList(body.bases, "bases", 16);
    if (!bases.length)
      throw new InputError("'bases' needs at least one base model id", "bad-body", undefined, "bases");
    const datasets = idList(body.datasets, "datasets", 32);
    const relation = body.relation === undefined ? "finetune" : body.relation;
    if (typeof relation !== "string" || !isRelation(relation))
      throw new InputError(`'relation' is not a known relation`, "bad-body", undefined, "relation");
    const goal = body.goal === undefined || body.goal === null || body.goal === "" ? undefined : body.goal;
    if (goal !== undefined && !GOALS.includes(goal as Goal))
      throw new InputError(`'goal' must be one of ${GOALS.join(", ")}`, "bad-body", undefined, "goal");
    const name = body.name === undefined || body.name === "" ? undefined : body.name;
    if (name !== undefined && (typeof name !== "string" || name.length > 200))
      throw new InputError(
        "'name' must be a string of at most 200 characters",
        "bad-body",
        undefined,
        "name",
      );
    const record = plannedRecord(bases, datasets, relation, name);
    return c.json(await advise(record, { ...ctx.serverSide(), goal: goal as Goal | undefined }));
  });
};
export default adviseRoute;
