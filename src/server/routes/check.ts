// POST /api/check: a record, a Hub id or uploaded files, checked with the options given.
import { checkRecord } from "../../check.js";
import { checkRequestOf } from "../../inspect/record-schema.js";
import type { RouteModule } from "../route-context.js";

const check: RouteModule = (app, ctx) => {
  app.post("/api/check", async (c) => {
    const body = await ctx.readModelInput(c);
    const record = await ctx.recordFrom(body);
    return c.json(await checkRecord(record, { ...ctx.serverSide(), ...checkRequestOf(body) }));
  });
};
export default check;
