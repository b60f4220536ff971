// The worker side of watchdog.ts: imports the case module and runs one case.
import { parentPort, workerData } from "node:worker_threads";

const job = workerData as { module: string; name: string } | undefined;
if (parentPort && job?.module) {
  const port = parentPort;
  try {
    const mod = (await import(job.module)) as { CASES: Record<string, () => unknown> };
    const run = mod.CASES[job.name];
    if (!run) throw new Error(`no case '${job.name}'`);
    await run();
    port.postMessage({ ok: true });
  } catch (e) {
    port.postMessage({ ok: false, error: (e as Error)?.stack ?? String(e) });
  }
}
