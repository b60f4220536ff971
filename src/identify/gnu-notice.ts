// The version and "or later" of a GNU license named in a notice. The GNU licenses tell their users
// how to say which version applies (the GPL's "How to Apply These Terms": "either version 2 of the
// License, or (at your option) any later version"); the answer keeps both facts, since
// GPL-2.0-or-later and GPL-2.0-only are different grants. A notice that names no version gets the
// family (`gpl`, `lgpl`): the text itself does not say more.

export type GnuFamily = "gpl" | "lgpl" | "agpl" | "gfdl";

/** The versions each family has; a number outside them is something else's version. */
const VERSIONS: Record<GnuFamily, string[]> = {
  gpl: ["1", "2", "3"],
  lgpl: ["2", "2.1", "3"],
  agpl: ["1", "3"],
  gfdl: ["1.1", "1.2", "1.3"],
};
const SPDX_STEM: Record<GnuFamily, string> = { gpl: "GPL", lgpl: "LGPL", agpl: "AGPL", gfdl: "GFDL" };

export interface GnuLicense {
  family: GnuFamily;
  /** "2", "2.1", ... or null when the text names none. */
  version: string | null;
  orLater: boolean;
  /** The SPDX id: GPL-2.0-or-later, LGPL-2.1-only; null for a family without a version. */
  spdx: string | null;
  /**
   * A second version the notice offers ("version 2.1 of the License, or (at your option) version
   * 3"), as its SPDX id; a later one only its author may approve (KDE's "or any later version
   * accepted by the membership of KDE e.V.") is no "or later".
   */
  also?: string;
}

/** The family a GNU license name's folded tokens belong to, or null for another license. */
export function gnuFamily(tokens: readonly string[]): GnuFamily | null {
  const t = tokens.join(" ");
  if (/\b(?:agpl|agplv|affero)\b/.test(t)) return "agpl";
  if (/\b(?:lgpl|lgplv|lesser|library general)\b/.test(t)) return "lgpl";
  if (/\b(?:gfdl|fdl|free documentation)\b/.test(t)) return "gfdl";
  if (/\b(?:gpl|gplv|gnu general public|gnu public|general public licen[cs]e)\b/.test(t)) return "gpl";
  return null;
}

/** The short names a notice may put in parentheses after a family's full name. */
const ABBREVIATIONS: Record<GnuFamily, string[]> = {
  gpl: ["gpl"],
  lgpl: ["lgpl"],
  agpl: ["agpl"],
  gfdl: ["gfdl", "fdl"],
};
const NUMBER = /^\d+(?:\.\d+)*$/;
/** Words that may stand between the name and its version: "as published by the FSF; either". */
const BRIDGE = new Set(
  "as published by the free software foundation fsf either of license licence public general gnu its terms a v ver version , ;".split(
    " ",
  ),
);
/** How far after the name a version may stand ("as published by the Free Software Foundation; either version 2"). */
const VERSION_WINDOW = 14;
/** How far after the version the "or later" words may stand ("of the License, or (at your option) any later version"). */
const LATER_WINDOW = 10;

/** A version token of the family ("2.0" is 2, "2.1.0" is 2.1), or null. */
function versionOf(family: GnuFamily, token: string): string | null {
  if (!NUMBER.test(token)) return null;
  const v = token.replace(/(\.0)+$/, "");
  return VERSIONS[family].includes(v) || (family === "gpl" && v === "2.1") ? v : null;
}

/**
 * Reads the version and "or later" around a GNU license name: `words` are the folded tokens of
 * the text, the name spans [start, end] (inclusive), `nameTokens` its own tokens.
 */
export function readGnuNotice(
  words: readonly string[],
  start: number,
  end: number,
  nameTokens: readonly string[],
): GnuLicense {
  let family = gnuFamily(nameTokens)!;
  // "the GNU General Public License ... either version 2.1": no GPL has that number, the LGPL's
  // notice does (a notice that dropped "Lesser" from the name but kept the LGPL's version)
  const lesser = (v: string | null) => family === "gpl" && v === "2.1";
  let version: string | null = null;
  let versionAt = end;
  // a version inside the name ("GPL-2.0", "GPLv3", "LGPL 2.1+")
  for (const t of nameTokens) version ??= versionOf(family, t);
  // "version 2 of the GNU General Public License", "version 2.1 or later of the GNU LGPL"
  let laterBefore = false;
  let onlyBefore = false;
  if (!version)
    for (let k = start - 1; k >= Math.max(0, start - 9); k--) {
      const w = words[k] ?? "";
      const v = versionOf(family, w);
      if (v && /^(?:version|versions|v|ver)$/.test(words[k - 1] ?? "")) {
        version = v;
        const between = words.slice(k + 1, start).join(" ");
        laterBefore = /\b(?:later|newer|higher)\b|\+/.test(between);
        onlyBefore = /\bonly\b/.test(between);
        break;
      }
      if (!BRIDGE.has(w) && !/^(?:or|any|later|newer|only|at|your|option|\+)$/.test(w)) break;
    }
  // "General Public License as published by the Free Software Foundation; either version 2"
  if (!version)
    for (let k = end + 1; k <= Math.min(words.length - 1, end + VERSION_WINDOW); k++) {
      const w = words[k]!;
      const v = versionOf(family, w);
      if (v && (k === end + 1 || /^(?:version|v|ver)$/.test(words[k - 1] ?? ""))) {
        version = v;
        versionAt = k;
        break;
      }
      // "the GNU Free Documentation License (GFDL) version 1.3": the family's own abbreviation
      if (!BRIDGE.has(w) && !ABBREVIATIONS[family].includes(w)) break;
    }
  if (lesser(version)) family = "lgpl";
  const named = nameTokens.join(" ");
  let orLater = laterBefore || /\+|or later|any later|or newer/.test(named);
  let only = onlyBefore || /\bonly\b/.test(named);
  if (version && !orLater && !only) {
    const after = words.slice(versionAt + 1, versionAt + 1 + LATER_WINDOW).join(" ");
    orLater =
      /^(?:of the (?:license|licence) )?(?:\+|(?:or|and) (?:at your option )?(?:any )?(?:later|newer|higher|greater|above)\b)/.test(
        after,
      ) ||
      /^(?:\+ )?(?:of the (?:license|licence) )?or at your option any later version/.test(after) ||
      // an aside between the version and the grant ("Version 1.2 (local copy, original location) or
      // (at your option) any later version"): only the full grant, after a few plain words that
      // state no other version, choice or limit
      /^(?:(?!or |and |only |version )[a-z]+ ){1,4}or at your option any later version/.test(
        words.slice(versionAt + 1, versionAt + 12).join(" "),
      );
    only = /^only\b/.test(after);
  }
  const idOf = (v: string, later: boolean) =>
    `${SPDX_STEM[family]}-${v.includes(".") ? v : `${v}.0`}-${later ? "or-later" : "only"}`;
  const spdx = version ? idOf(version, orLater) : null;
  const out: GnuLicense = { family, version, orLater: Boolean(version) && orLater, spdx };
  if (version && !orLater) {
    const after = words.slice(versionAt + 1, versionAt + 1 + LATER_WINDOW + 6).join(" ");
    const m =
      /^(?:of the (?:license|licence) )?or at your option version (\d+(?:\.\d+)*)( or any later version)?( accepted| approved)?/.exec(
        after,
      );
    const v2 = m ? versionOf(family, m[1]!) : null;
    if (v2 && v2 !== version) out.also = idOf(v2, Boolean(m![2]) && !m![3]);
  }
  return out;
}

/** What a GNU license read from a text is called in the knowledge base's id space. */
export interface GnuAnswer {
  /** Knowledge-base id when it has this exact license, else the SPDX id (GPL-2.0-or-later). */
  id: string;
  name: string;
  spdx: string | null;
  orLater?: true;
  /** The knowledge-base entry of the version named, when the id is an SPDX id it lacks. */
  base?: string;
}

/**
 * Maps a GNU license onto ids: the knowledge-base entry whose SPDX id is exactly this one (its
 * -only entry for an -only license), else the SPDX id, with `base` naming the entry of the same
 * version; a family without a version is the knowledge base's family entry.
 */
export function gnuAnswer(
  g: GnuLicense,
  kbBySpdx: ReadonlyMap<string, string>,
  nameOf: (id: string) => string | undefined,
  familyEntry: (family: GnuFamily) => string | undefined,
  spdxName: (spdx: string) => string | undefined,
): GnuAnswer | null {
  if (!g.spdx) {
    const fam = familyEntry(g.family);
    return fam ? { id: fam, name: nameOf(fam) ?? fam, spdx: null } : null;
  }
  // the family's own entry may hold one version's text as its reference (the GFDL's is 1.3): a
  // versioned answer keeps its version, with that entry as its base
  const fam = familyEntry(g.family);
  const exact = (id: string) => {
    const hit = kbBySpdx.get(id);
    return hit === fam ? undefined : hit;
  };
  const base = kbBySpdx.get(g.spdx.replace(/-or-later$/, "-only"));
  const kbId = exact(g.spdx) ?? (g.orLater || base === fam ? undefined : base);
  return {
    id: kbId ?? g.spdx,
    name: (kbId && nameOf(kbId)) || spdxName(g.spdx) || g.spdx,
    spdx: g.spdx,
    ...(g.orLater ? { orLater: true as const } : {}),
    ...(!kbId && base ? { base } : {}),
  };
}
