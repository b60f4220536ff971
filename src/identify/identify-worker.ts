// Worker side of parallel identification: one contiguous slice of the files, results posted back.
import { parentPort, workerData } from "node:worker_threads";
import { identifier, type IdentifyOptions } from "./identify.js";

interface Job {
  paths: string[];
  opts: IdentifyOptions;
}

if (parentPort && workerData) {
  const { paths, opts } = workerData as Job;
  const id = identifier();
  parentPort.postMessage(paths.map((p) => id.identifyFile(p, opts)));
}
