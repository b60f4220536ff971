// POST /api/identify: the license of a text sent as the body, capped as the CLI caps a file.
import { bodyLimit } from "hono/body-limit";
import { identifier } from "../../identify/identify.js";
import { decodeText, DEFAULT_MAX_BYTES } from "../../io/read-text.js";
import { fail } from "../http-errors.js";
import type { RouteModule } from "../route-context.js";

const identify: RouteModule = (app) => {
  app.post(
    "/api/identify",
    bodyLimit({
      maxSize: DEFAULT_MAX_BYTES,
      onError: (c) => fail(c, "too-large", `the text is larger than ${DEFAULT_MAX_BYTES} bytes (1 MiB)`),
    }),
    async (c) => {
      // the same decoding rules as files: binary and invalid UTF-8 are errors, never decoded as text
      const decoded = decodeText(new Uint8Array(await c.req.arrayBuffer()), false);
      if (!decoded.ok)
        return fail(
          c,
          "bad-body",
          decoded.code === "empty"
            ? "send the text to identify as the request body"
            : `the body is ${decoded.message}`,
        );
      const result = identifier().identifyText(decoded.text, "body");
      return c.json({ results: [decoded.encoding ? { ...result, encoding: decoded.encoding } : result] });
    },
  );
};
export default identify;
