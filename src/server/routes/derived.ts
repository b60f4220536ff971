// GET /api/derived/{id}: the inventory's models whose lineage reaches {id} (children,
// grandchildren, ...), each with the chain of relations. The id need not be in the inventory
// itself: a catalogue base such as meta-llama/Llama-3.1-8B has children there too.
import { derivedFrom } from "../../derived.js";
import type { RouteModule } from "../route-context.js";

const derivedRoute: RouteModule = (app, { opts }) => {
  app.get("/api/derived/:id{.+}", async (c) => {
    const id = c.req.param("id");
    const listed = await opts.inventory.list();
    const entries = (await Promise.all(listed.map((m) => opts.inventory.get(m.id)))).filter(
      (e) => e !== null,
    );
    return c.json({
      id,
      derived: derivedFrom(
        id,
        entries.map((e) => ({
          id: e.id,
          name: e.name,
          license: e.license,
          verdict: e.verdict,
          lineage: e.report.lineage,
        })),
      ),
    });
  });
};
export default derivedRoute;
