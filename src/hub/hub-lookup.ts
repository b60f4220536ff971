// The --offline / --cache-dir options as a Hub lookup for lineage resolution.
import { InputError } from "../errors.js";
import { fetchToCache } from "./hub-client.js";
import { findCachedModel } from "./hf-cache.js";
import { inspectFolder } from "../inspect/inspect.js";
import type { HubLookup } from "../lineage/resolver.js";

/**
 * Models in the local Hugging Face cache come first, offline too; then mlicense's own cache of
 * Hub answers, then (unless offline) the Hub. A Hub that cannot be reached leaves the base
 * unresolved (its license unknown, which the verdict reports) instead of failing the whole
 * command; a warning on stderr says why, once. The lookup honours `offline` itself, so a resolver
 * may be given it with offline unset and still never touch the network.
 */
export function hubLookupFor(opts: {
  offline: boolean;
  cacheDir?: string;
  /** The Hugging Face cache (default: HF_HUB_CACHE, HF_HOME/hub, ~/.cache/huggingface/hub). */
  hfCacheDir?: string;
  warn?: (s: string) => void;
}): HubLookup {
  let warned = false;
  const warn = opts.warn ?? ((s: string) => process.stderr.write(s));
  return async (id) => {
    const snap = findCachedModel(id, { cacheDir: opts.hfCacheDir });
    if (snap) return inspectFolder(snap.dir, { hubId: snap.id, revision: snap.revision });
    try {
      const dir = await fetchToCache(id, { offline: opts.offline, cacheDir: opts.cacheDir });
      return dir ? inspectFolder(dir, { hubId: id }) : null;
    } catch (e) {
      if (!(e instanceof InputError) || e.code !== "hub-unavailable") throw e;
      if (!warned)
        warn(
          `mlicense: warning: ${e.message}; bases only the Hub knows stay unresolved (use --offline to skip the Hub)\n`,
        );
      warned = true;
      return null;
    }
  };
}
