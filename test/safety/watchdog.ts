// Runs a named case of a case module in a worker thread and fails when it has not finished in
// `bound` ms: an endless loop in a parser (the 8-byte ONNX file) or a backtracking regex cannot be
// interrupted from its own thread. The bound catches hangs only, far above any honest run.
import { Worker } from "node:worker_threads";

export function inWorker(module: URL, name: string, bound: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL("./run-case.js", import.meta.url), {
      workerData: { module: module.href, name },
    });
    const timer = setTimeout(() => {
      void w.terminate();
      reject(new Error(`${name}: still running after ${bound} ms (a hang)`));
    }, bound);
    w.once("message", (m: { ok: boolean; error?: string }) => {
      clearTimeout(timer);
      void w.terminate();
      if (m.ok) resolve();
      else reject(new Error(`${name}: ${m.error}`));
    });
    w.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
