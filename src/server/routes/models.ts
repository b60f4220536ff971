// The inventory: list, add (POST: 409 with the stored entry when the id is taken), replace (PUT),
// get, BOM, delete. Entries are keyed by a stable id (see store/entry-id.ts), never a folder name.
import type { Context } from "hono";
import { exportBom } from "../../bom/bom.js";
import { checkRequestOf } from "../../inspect/record-schema.js";
import { storeModel } from "../../store/service.js";
import { checkEntryId, entryId, isEntryId } from "../../store/entry-id.js";
import { fail } from "../http-errors.js";
import type { RouteContext, RouteModule } from "../route-context.js";

async function store(c: Context, ctx: RouteContext, pathId: string | undefined) {
  const body = await ctx.readModelInput(c);
  const record = await ctx.recordFrom(body);
  // an upload's `name` is the id the web app's "Model id" field gives, when it has an id's shape
  const id =
    pathId !== undefined
      ? checkEntryId(pathId, "path")
      : body.id
        ? checkEntryId(body.id)
        : body.files && body.name && isEntryId(body.name)
          ? body.name
          : entryId(record);
  const entry = await storeModel(
    ctx.opts.inventory,
    record,
    { ...ctx.serverSide(), ...checkRequestOf(body) },
    { id, replace: pathId !== undefined },
  );
  return c.json(entry, pathId !== undefined ? 200 : 201);
}

const models: RouteModule = (app, ctx) => {
  const inv = ctx.opts.inventory;
  app.get("/api/models", async (c) =>
    c.json({
      models: await inv.list({
        verdict: c.req.query("verdict")?.slice(0, 64),
        license: c.req.query("license")?.slice(0, 1024),
        family: c.req.query("family")?.slice(0, 64),
      }),
    }),
  );
  app.post("/api/models", (c) => store(c, ctx, undefined));
  app.put("/api/models/:id{.+}", (c) => store(c, ctx, c.req.param("id")));
  app.get("/api/models/:id{.+}", async (c) => {
    // ids hold a slash (owner/name), so the BOM route is told apart by its last segment, after
    // decoding: `x%2Fbom` is the BOM route too, and needs the token like it
    const raw = c.req.param("id");
    const wantsBom = raw.endsWith("/bom");
    if (wantsBom) ctx.requireToken(c);
    const id = wantsBom ? raw.slice(0, -4) : raw;
    const e = await inv.get(id);
    if (!e) return fail(c, "not-found", `no model '${id.slice(0, 200)}' in the inventory`);
    if (!wantsBom) return c.json(e);
    const format = c.req.query("format") ?? "cyclonedx";
    if (format !== "cyclonedx" && format !== "spdx")
      return fail(c, "bad-query", "format is cyclonedx or spdx");
    const doc = await exportBom(e.record, format, ctx.serverSide());
    c.header(
      "content-disposition",
      `attachment; filename="${e.id.replace(/[^\w.-]+/g, "_")}.${format === "spdx" ? "spdx3" : "cdx"}.json"`,
    );
    return c.json(doc);
  });
  app.delete("/api/models/:id{.+}", async (c) => {
    const id = c.req.param("id");
    return (await inv.remove(id))
      ? c.json({ deleted: id })
      : fail(c, "not-found", `no model '${id.slice(0, 200)}' in the inventory`);
  });
};
export default models;
