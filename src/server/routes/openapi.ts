// GET /api/openapi.json: the API described as OpenAPI 3.1, its bodies generated from the zod
// schemas that validate the requests (src/inspect/record-schema.ts), so the two cannot drift.
import { jsonSchemas } from "../../inspect/record-schema.js";
import type { RouteModule } from "../route-context.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const errors = {
  "400": json(ref("Error"), "bad input: `issues` lists every problem as {code, path, message}"),
  "401": json(ref("Error"), "the server has a token and the request does not carry it"),
  "403": json(ref("Error"), "a cross-origin write, or a Host the server does not answer to"),
  "415": json(ref("Error"), "a JSON route given a body that is not application/json"),
};
const any = { type: "object", additionalProperties: true };
const idParam = {
  name: "id",
  in: "path",
  required: true,
  description: "the inventory id; owner/name keeps its slash",
  schema: { type: "string" },
};

export function openApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "mlicense",
      version,
      description:
        "Licenses of machine-learning models: identify, explain, compare, check a model's lineage, keep an inventory. Writes need the same origin, JSON bodies, and the bearer token when the server has one.",
    },
    paths: {
      "/api/health": { get: { summary: "the server is up", responses: { "200": json(any, "status") } } },
      "/api/openapi.json": {
        get: { summary: "this document", responses: { "200": json(any, "OpenAPI 3.1") } },
      },
      "/api/licenses": {
        get: {
          summary: "the licenses in the knowledge base",
          parameters: [
            { name: "family", in: "query", schema: { type: "string" } },
            { name: "q", in: "query", schema: { type: "string" } },
            { name: "full", in: "query", schema: { type: "string", enum: ["1", "true"] } },
          ],
          responses: { "200": json(any, "{licenses: [...]}") },
        },
      },
      "/api/licenses/{id}": {
        get: {
          summary: "one license, resolved",
          parameters: [{ ...idParam, description: "a license id or any spelling of it" }],
          responses: { "200": json(any, "the knowledge-base entry"), "404": json(ref("Error"), "unknown") },
        },
      },
      "/api/compare": {
        get: {
          summary: "licenses side by side",
          parameters: [{ name: "ids", in: "query", required: true, schema: { type: "string" } }],
          responses: { "200": json(any, "{licenses, rows}"), "400": errors["400"] },
        },
      },
      "/api/identify": {
        post: {
          summary: "the license of a text (at most 1 MiB of UTF-8, or of UTF-16 with its byte-order mark)",
          requestBody: { required: true, content: { "text/plain": { schema: { type: "string" } } } },
          responses: { "200": json(any, "{results: [...]}"), "400": errors["400"], "413": errors["400"] },
        },
      },
      "/api/check": {
        post: {
          summary: "check a model's lineage and intended use",
          requestBody: { required: true, content: { "application/json": { schema: ref("ModelInput") } } },
          responses: { "200": json(any, "the check report"), ...errors },
        },
      },
      "/api/models": {
        get: {
          summary: "the inventory",
          parameters: ["verdict", "license", "family"].map((name) => ({
            name,
            in: "query",
            schema: { type: "string" },
          })),
          responses: { "200": json(any, "{models: [...]}") },
        },
        post: {
          summary: "inspect, check and store a model under its stable id",
          requestBody: { required: true, content: { "application/json": { schema: ref("ModelInput") } } },
          responses: {
            "201": json(any, "the stored entry"),
            "409": json(ref("Error"), "the id is taken: `existing` is the stored entry; PUT replaces it"),
            ...errors,
          },
        },
      },
      "/api/models/{id}": {
        get: {
          summary: "one entry",
          parameters: [idParam],
          responses: { "200": json(any, "the entry"), "404": errors["400"] },
        },
        put: {
          summary: "store or replace the entry with this id",
          parameters: [idParam],
          requestBody: { required: true, content: { "application/json": { schema: ref("ModelInput") } } },
          responses: { "200": json(any, "the stored entry"), ...errors },
        },
        delete: {
          summary: "remove the entry",
          parameters: [idParam],
          responses: { "200": json(any, "{deleted}"), ...errors },
        },
      },
      "/api/models/{id}/bom": {
        get: {
          summary: "the entry's AI-BOM (needs the token when the server has one)",
          parameters: [
            idParam,
            { name: "format", in: "query", schema: { type: "string", enum: ["cyclonedx", "spdx"] } },
          ],
          responses: { "200": json(any, "CycloneDX 1.6 or SPDX 3.0 JSON"), "401": errors["401"] },
        },
      },
    },
    components: { schemas: jsonSchemas() },
  };
}

const openapi: RouteModule = (app, { kb }) => {
  let doc: Record<string, unknown> | undefined;
  app.get("/api/openapi.json", (c) => c.json((doc ??= openApiDocument(kb.version))));
};
export default openapi;
