// Naming duties in an audit: which license prefixes ("Llama 3" for Llama 3 derivatives) a model's
// name starts with. Worked out where the row is parsed, as one bit per prefix, so the auditing
// thread never folds a name.
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import { nameTokens } from "../kb/names.js";

export interface NamingPrefix {
  /** The license whose naming duty this is. */
  id: string;
  prefix: string;
  tokens: string[];
}

/** The knowledge base's naming duties, in a fixed order: bit k of a mask is prefix k. */
export function namingPrefixes(kb: KnowledgeBase): NamingPrefix[] {
  const out = kb.licenses
    .filter((l) => l.flow_down.naming?.prefix)
    .map((l) => ({
      id: l.id,
      prefix: l.flow_down.naming!.prefix!,
      tokens: nameTokens(l.flow_down.naming!.prefix!),
    }));
  if (out.length > 31) throw new Error(`${out.length} naming prefixes: a 32-bit mask holds 31`);
  return out;
}

/** Bit k set when the model's name (the part after the owner) starts with prefix k. */
export function nameMeets(id: string, prefixes: readonly NamingPrefix[]): number {
  const slash = id.lastIndexOf("/");
  // its head is enough: prefixes are a few words
  const name = id.slice(slash + 1, slash + 1 + 48);
  const head = foldedHead(name);
  let tokens: string[] | undefined;
  let bits = 0;
  prefixes.forEach((p, k) => {
    // a name whose head cannot fold to the prefix's first token is never folded
    if (
      (head === null || head.startsWith(p.tokens[0]!)) &&
      p.tokens.every((t, x) => (tokens ??= nameTokens(name))[x] === t)
    )
      bits |= 1 << k;
  });
  return bits;
}

/**
 * The name lower-cased past any leading characters that folding drops: nameTokens(name)[0] is
 * always a prefix of it (folding only splits, never joins, what follows). Null for a name with
 * non-ASCII characters, whose folding is left to nameTokens.
 */
function foldedHead(name: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(name)) return null;
  let k = 0;
  while (k < name.length) {
    const c = name.charCodeAt(k);
    const l = c | 32;
    if ((l >= 97 && l <= 122 && c >= 65) || (c >= 48 && c <= 57) || c === 43) break;
    k++;
  }
  return name.slice(k).toLowerCase();
}
