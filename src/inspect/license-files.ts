// Reader of the license and terms files of a model repo: LICENSE, COPYING, NOTICE, LICENSE-MODEL,
// MODEL_LICENSE, USE_POLICY.md, GEMMA_TERMS_OF_USE.md, *TERMS*.md ... Each file's text is
// identified (or read as the SPDX expression it states), and every license found becomes a fact
// for the component it speaks for. Every terms file binds whoever ships it: the assembler ANDs them.
import { join } from "node:path";
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import { NOASSERTION } from "../kb/knowledge-base.js";
import type { Component } from "../kb/schema.js";
import { and, idsOf, leaf, type LicenseExpr } from "../kb/expression.js";
import { resolveExpression } from "../kb/resolve-expression.js";
import { identifier, type LicenseMatch } from "../identify/identify.js";
import { emptyFacts, finding, lineAt, type Facts, type LicenseFact, type RepoFiles } from "./facts.js";
import type { Evidence } from "./record.js";

/** Extensions of text a terms file may have. */
const TEXT_EXTENSIONS = new Set(["", "md", "txt", "rst", "markdown", "html", "htm"]);
/** LICENSE.<anything> is a terms file, except for these (LICENSE.py is code, LICENSE.pdf unreadable). */
const NOT_TEXT = new Set([
  "py",
  "js",
  "ts",
  "json",
  "yaml",
  "yml",
  "toml",
  "sh",
  "pdf",
  "png",
  "jpg",
  "docx",
]);

/**
 * Whether a file name says it holds license terms, and which kind: `notice` files are attribution
 * notices as often as terms, so one that names no license is not reported.
 */
export function termsFileKind(name: string): "terms" | "notice" | null {
  if (name.length > 255) return null;
  const lower = name.toLowerCase();
  const dot = lower.lastIndexOf(".");
  const ext = dot > 0 ? lower.slice(dot + 1) : "";
  const stem = dot > 0 ? lower.slice(0, dot) : lower;
  // LICENSE, LICENCE, LICENSE-MODEL, LICENSE_MODEL, LICENSE.apache, COPYING, COPYING.LESSER
  if (/^(licen[cs]e|copying)([._ -]|$)/.test(lower)) return NOT_TEXT.has(ext) ? null : "terms";
  if (!TEXT_EXTENSIONS.has(ext)) return null;
  if (/^notice([._ -]|$)/.test(stem)) return "notice";
  // MODEL_LICENSE, LICENSE_AGREEMENT, GEMMA_TERMS_OF_USE, USE_POLICY, ACCEPTABLE_USE_POLICY
  if (stem.includes("licen") || stem.includes("terms") || /use[_ -]?policy/.test(stem)) return "terms";
  return null;
}

/**
 * Families whose licenses are written for models; in a file that holds one of them beside a
 * software license (a LICENSE with MIT for the code and OpenRAIL-M for the weights), the software
 * license speaks for the code.
 */
const MODEL_FAMILIES = new Set([
  "open-rail",
  "rail",
  "community",
  "research-only",
  "non-commercial",
  "exclusive",
  "policy",
]);

/** The component a file's name says it is for, when it says. */
function componentByName(fileName: string): Component | undefined {
  if (/code/i.test(fileName)) return "code";
  if (/model|weight/i.test(fileName)) return "weights";
  if (/data/i.test(fileName)) return "data";
  return undefined;
}

/** Which component a license found in a file speaks for. */
function componentFor(
  kb: KnowledgeBase,
  fileName: string,
  id: string,
  fileHasModelLicense: boolean,
): Component {
  const byName = componentByName(fileName);
  if (byName) return byName;
  const family = kb.license(id)?.family;
  if (fileHasModelLicense && family && !MODEL_FAMILIES.has(family)) return "code";
  return "weights";
}

/** Past this length a line is not an SPDX tag anyone wrote. */
const MAX_TAG_LINE = 1000;
const SPDX_TAG = "SPDX-License-Identifier:";

/**
 * The expression a file states outright: its whole text when that is one line that resolves to
 * at least one known license, or its first `SPDX-License-Identifier:` line. One linear scan.
 */
function statedExpression(
  kb: KnowledgeBase,
  text: string,
): { written: string; line: number; expr: LicenseExpr; unrecognised: string[] } | null {
  const t = text.trim();
  if (t && t.length <= 300 && !t.includes("\n")) {
    const r = resolveExpression(kb, t);
    // a line of words that names nothing known is left to the text matchers
    if (r && idsOf(r.expr).some((id) => id !== NOASSERTION))
      return {
        written: t,
        line: lineAt(text, text.length - text.trimStart().length),
        expr: r.expr,
        unrecognised: r.unrecognised,
      };
  }
  const at = text.indexOf(SPDX_TAG);
  if (at < 0) return null;
  let end = text.indexOf("\n", at);
  if (end < 0) end = text.length;
  if (end - at > MAX_TAG_LINE) return null;
  let written = text.slice(at + SPDX_TAG.length, end).trim();
  // the tag inside a comment: "/* SPDX-License-Identifier: MIT */", "<!-- ... -->"
  for (const close of ["*/", "-->"])
    if (written.endsWith(close)) written = written.slice(0, -close.length).trim();
  const r = resolveExpression(kb, written);
  if (!r) return null;
  return { written, line: lineAt(text, at), expr: r.expr, unrecognised: r.unrecognised };
}

function matchEvidence(path: string, m: LicenseMatch): Evidence {
  return {
    source: "license-file",
    file: path,
    ...(m.lines ? { field: `lines ${m.lines[0]}-${m.lines[1]}`, line: m.lines[0] } : {}),
    value: `${m.name} (${m.method}, ${Math.round(m.confidence * 100)}%${m.modified ? ", modified" : ""})`,
  };
}

function readOne(
  kb: KnowledgeBase,
  files: RepoFiles,
  name: string,
  kind: "terms" | "notice",
  facts: Facts,
): void {
  const path = join(files.dir, name);
  const text = files.read(path);
  if (!text.ok) {
    if (text.code !== "is-directory")
      facts.findings.push(
        finding({
          severity: "warning",
          code: "license-file-unreadable",
          message: `${name}: ${text.message}.`,
          file: path,
        }),
      );
    return;
  }
  const stated = statedExpression(kb, text.text);
  if (stated) {
    facts.licenses.push({
      component: componentByName(name) ?? "weights",
      kind: "terms-file",
      expr: stated.expr,
      evidence: [
        {
          source: "license-file",
          file: path,
          field: "SPDX expression",
          line: stated.line,
          value: stated.written,
        },
      ],
    });
    for (const w of stated.unrecognised)
      facts.findings.push(
        finding({
          severity: "warning",
          code: "license-not-recognised",
          message: `${name} states the license '${w}', which is not recognised; it stands as NOASSERTION, its terms unknown.`,
          file: path,
          line: stated.line,
        }),
      );
    return;
  }
  const res = identifier().identifyText(text.text, path);
  if (res.error) {
    facts.findings.push(
      finding({
        severity: "warning",
        code: "license-file-unreadable",
        message: `${name}: ${res.error.message}.`,
        file: path,
      }),
    );
    return;
  }
  if (!res.matches.length) {
    if (kind === "notice") return;
    facts.findings.push(
      finding({
        severity: "warning",
        code: "license-file-not-recognised",
        message: `${name} holds a text that matches no known license; its terms are unknown and bind as NOASSERTION.`,
        file: path,
      }),
    );
    facts.licenses.push({
      component: componentByName(name) ?? "weights",
      kind: "terms-file",
      expr: leaf(NOASSERTION),
      evidence: [{ source: "license-file", file: path, value: "unrecognised text" }],
    });
    return;
  }
  const licenses = res.matches.filter((m) => m.part !== "acceptable-use-policy");
  const hasModelLicense = licenses.some((m) => MODEL_FAMILIES.has(kb.license(m.id)?.family ?? ""));
  const byComponent = new Map<Component, LicenseFact>();
  for (const m of licenses) {
    const component = componentFor(kb, name, m.id, hasModelLicense && licenses.length > 1);
    const prev = byComponent.get(component);
    const ev = matchEvidence(path, m);
    if (prev) {
      prev.expr = and(prev.expr, leaf(m.id));
      prev.evidence.push(ev);
    } else byComponent.set(component, { component, kind: "terms-file", expr: leaf(m.id), evidence: [ev] });
    if (m.modified)
      facts.findings.push(
        finding({
          severity: "info",
          code: "license-modified",
          message: `${name} is ${m.name} with changes; read the changed lines before relying on the standard terms.`,
          license: m.id,
          file: path,
          ...(m.lines ? { line: m.lines[0] } : {}),
        }),
      );
  }
  facts.licenses.push(...byComponent.values());
  // an acceptable-use policy governs use of the model: it belongs to the weights' license
  for (const m of res.matches.filter((x) => x.part === "acceptable-use-policy"))
    facts.licenses.push({
      component: "weights",
      kind: "policy-file",
      expr: leaf(m.id),
      evidence: [matchEvidence(path, m)],
    });
}

export function readLicenseFiles(files: RepoFiles, kb: KnowledgeBase): Facts {
  const facts = emptyFacts();
  const terms = files.names
    .map((name) => ({ name, kind: termsFileKind(name) }))
    .filter((x): x is { name: string; kind: "terms" | "notice" } => x.kind !== null)
    // LICENSE and COPYING first, then the other terms files, each group by name: the order the
    // licenses appear in the weights' expression
    .sort((a, b) => {
      const pa = /^(licen[cs]e|copying)/i.test(a.name) ? 0 : 1;
      const pb = /^(licen[cs]e|copying)/i.test(b.name) ? 0 : 1;
      return pa - pb || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
  for (const { name, kind } of terms) readOne(kb, files, name, kind, facts);
  return facts;
}
