// Helper thread of parallel identification: claims chunks from the shared counter and posts each
// chunk's results back as it finishes.
import { parentPort, workerData } from "node:worker_threads";
import type { IdentifyOptions } from "./identify.js";
import { identifyClaimed } from "./identify-parallel.js";

interface Job {
  paths: string[];
  opts: IdentifyOptions;
  next: Int32Array;
  chunk: number;
}

if (parentPort && workerData) {
  const { paths, opts, next, chunk } = workerData as Job;
  const port = parentPort;
  identifyClaimed(paths, opts, { next, chunk }, (start, results) => port.postMessage({ start, results }));
}
