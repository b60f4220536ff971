// The options every command that resolves base models shares: --registry, --offline,
// --cache-dir, --hf-cache. The Hub lookup reads the Hugging Face cache first and honours
// --offline itself (caches only), so the resolver is always allowed to ask it: a base that sits in
// the user's Hugging Face cache resolves with --offline too.
import { hfCacheDir } from "../hub/hf-cache.js";
import { hubLookupFor } from "../hub/hub-lookup.js";
import type { HubLookup } from "../lineage/resolver.js";
import type { CommandContext } from "./command.js";

export const LINEAGE_OPTIONS = {
  registry: { type: "string", multiple: true },
  offline: { type: "boolean" },
  "cache-dir": { type: "string" },
  "hf-cache": { type: "string" },
} as const;

export interface LineageSource {
  registry?: string[];
  /** Always false: the lookup below is offline-aware (see the comment at the top). */
  offline: false;
  hub: HubLookup;
}

export function lineageSource(ctx: CommandContext): LineageSource {
  return {
    registry: ctx.values.registry as string[] | undefined,
    offline: false,
    hub: hubLookupFor({
      offline: Boolean(ctx.values.offline),
      cacheDir: ctx.values["cache-dir"] as string | undefined,
      hfCacheDir: hfCacheOption(ctx),
    }),
  };
}

/** --hf-cache, else HF_HUB_CACHE / HF_HOME/hub / ~/.cache/huggingface/hub from the command's environment. */
export function hfCacheOption(ctx: CommandContext): string {
  return (ctx.values["hf-cache"] as string | undefined) ?? hfCacheDir(ctx.env);
}
