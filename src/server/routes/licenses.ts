// The knowledge base, read-only: licenses, one license, explain, use categories, compare.
import { explain } from "../../explain.js";
import { compare } from "../../compare.js";
import { listLicenses } from "../../licenses.js";
import { fail } from "../http-errors.js";
import type { RouteModule } from "../route-context.js";

/** Longest `q` or id looked up: no license name comes near it. */
const MAX_QUERY = 256;

const licenses: RouteModule = (app, { kb }) => {
  app.get("/api/licenses", (c) => {
    const q = (c.req.query("q") ?? "").toLowerCase().slice(0, MAX_QUERY);
    const list = listLicenses({ family: c.req.query("family") || undefined }).filter(
      (l) => !q || l.id.includes(q) || l.name.toLowerCase().includes(q),
    );
    // ?full=1: every entry as GET /api/licenses/{id} gives it (terms, clauses, use restrictions),
    // so the web app's explorer can filter by term without one request per license
    const full = c.req.query("full");
    if (full === "1" || full === "true") return c.json({ licenses: list.map((l) => explain(l.id)) });
    return c.json({ licenses: list });
  });
  app.get("/api/licenses/:id{.+}", (c) => {
    const id = c.req.param("id");
    if (id.length > MAX_QUERY) return fail(c, "unknown-id", "no license has an id that long");
    const e = explain(id);
    if (e.kind !== "license") return fail(c, "unknown-id", `'${id}' is a model, not a license`);
    return c.json(e);
  });
  app.get("/api/explain/:id{.+}", (c) => {
    const id = c.req.param("id");
    if (id.length > MAX_QUERY) return fail(c, "unknown-id", "no license or model has an id that long");
    return c.json(explain(id));
  });
  app.get("/api/categories", (c) => c.json({ categories: kb.categories }));
  app.get("/api/compare", (c) => {
    const ids = (c.req.query("ids") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (ids.length < 2 || ids.length > 8 || ids.some((i) => i.length > MAX_QUERY))
      return fail(c, "bad-query", "ids takes two to eight comma-separated license ids");
    return c.json(compare(ids));
  });
};
export default licenses;
