// GET /api/health: the server is up, and which knowledge base and store it runs with.
import type { RouteModule } from "../route-context.js";

const health: RouteModule = (app, { kb, opts }) => {
  app.get("/api/health", (c) =>
    c.json({
      status: "ok",
      kb_version: kb.version,
      licenses: kb.licenses.length,
      store: opts.inventory.backend,
    }),
  );
};
export default health;
