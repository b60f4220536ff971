// The --offline / --cache-dir options as a Hub lookup for lineage resolution.
import { fetchToCache } from "../hub/hub-client.js";
import { inspectFolder } from "../inspect/inspect.js";
import type { HubLookup } from "../lineage/resolver.js";

export function hubLookupFor(opts: { offline: boolean; cacheDir?: string }): HubLookup {
  return async (id) => {
    const dir = await fetchToCache(id, { offline: opts.offline, cacheDir: opts.cacheDir });
    return dir ? inspectFolder(dir, { hubId: id }) : null;
  };
}
