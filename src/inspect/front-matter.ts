// Moved to src/text/front-matter.ts, below both identify and inspect; kept here for importers.
export * from "../text/front-matter.js";
