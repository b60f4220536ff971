// 100 kB adversarial lines for every pattern in the inspect readers that sees user text: a card's
// fields, tags and heading, license values and expressions, license-file texts and names, config
// and mergekit values, model-file metadata, Hub ids. Each case runs the reader or function that
// holds the pattern; regex-safety.test.ts runs them all in a child process, so that one that
// backtracks catastrophically shows as a hang stopped, not as a test run that never ends.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import { resolveExpression } from "../../src/kb/resolve-expression.js";
import { cleanModelId } from "../../src/inspect/model-id.js";
import { firstHeading } from "../../src/inspect/card-heading.js";
import { frontMatterLines } from "../../src/inspect/card-lines.js";
import { relationOf } from "../../src/inspect/model-card.js";
import { termsFileKind } from "../../src/inspect/license-files.js";
import { fileStem, MODEL_FILE } from "../../src/inspect/model-file-metadata.js";
import { resolveDeclared, resolveOther } from "../../src/inspect/declared-license.js";
import { inspectFiles } from "../../src/inspect/model-folder.js";
import { inspectFile } from "../../src/inspect/target.js";
import { InputError } from "../../src/errors.js";
import { ggufFile, onnxFile, safetensorsFile } from "./binary-writers.js";

const N = 100_000;
const rep = (s: string, total = N): string => s.repeat(Math.ceil(total / s.length)).slice(0, total);

/** Shapes that make backtracking patterns explode: long runs of one character, alternations of two, near-misses at the end. */
export const LINES: Record<string, string> = {
  spaces: rep(" "),
  "spaces then x": rep(" ") + "x",
  tabs: rep("\t"),
  slashes: rep("/") + "x",
  "at signs then newline": "a/" + rep("@") + "\n",
  hashes: rep("#"),
  "hash space": rep("# "),
  dashes: rep("-"),
  "dash space": rep("- "),
  colons: rep(":"),
  "word dots": rep("a."),
  "word chars": rep("a"),
  "tree paths": "https://huggingface.co/" + rep("/tree/"),
  parens: rep("("),
  "paren space": rep("( "),
  "and chain": rep("a AND "),
  "or chain": rep("mit OR "),
  "with chain": rep("mit WITH "),
  documentref: "DocumentRef-" + rep("a"),
  licenseref: "LicenseRef-" + rep("x"),
  "plus signs": rep("+"),
  "license tag": "license:" + rep(" "),
  "base tag": "base_model:adapter:" + rep(":"),
  "spdx tag": "SPDX-License-Identifier:" + rep(" ") + "x",
  "model key": "model:" + rep(" ") + "x",
  quotes: rep('"'),
  "nul-free control": rep("\u000b"),
  unicode: rep("é\u2028"),
};

const kb = knowledgeBase();

/** A card whose front matter carries `line` in every field the readers look at. */
function card(line: string): string {
  const y = JSON.stringify(line);
  return [
    "---",
    `license: ${y}`,
    `license_name: ${y}`,
    `license_link: ${y}`,
    `base_model: [${y}]`,
    `base_model_relation: ${y}`,
    `datasets: [${y}]`,
    `generated_by: [${y}]`,
    `model_name: ${y}`,
    `tags: [${y}, ${JSON.stringify("license:" + line)}, ${JSON.stringify("base_model:merge:" + line)}]`,
    "---",
    "",
    line,
    `# ${line}`,
    line,
  ].join("\n");
}

export interface Case {
  name: string;
  run(line: string): void;
}

/** Only an InputError may escape: a clean error is as good as an answer. */
function clean(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
  }
}

function withTemp(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "mlicense-regex-"));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const CASES: Case[] = [
  { name: "cleanModelId", run: (l) => void cleanModelId(l) },
  { name: "firstHeading", run: (l) => void firstHeading(`${l}\n# ${l}\n#${l}`) },
  {
    name: "frontMatterLines",
    run: (l) => {
      const text = `---\n${l}: x\n${l}\nkey: [${l}]\n---\n`;
      frontMatterLines(text, 6).valueLines("key", [l, l, l]);
    },
  },
  { name: "relationOf", run: (l) => void relationOf(l) },
  { name: "resolveExpression", run: (l) => void resolveExpression(kb, l) },
  {
    name: "resolveDeclared",
    run: (l) => void resolveDeclared(kb, [{ value: l, evidence: { source: "card", value: l } }]),
  },
  {
    name: "resolveOther",
    run: (l) => void resolveOther(kb, "other", { name: l, link: l }, { source: "card", value: "other" }),
  },
  { name: "termsFileKind", run: (l) => void termsFileKind(l) },
  { name: "MODEL_FILE and fileStem", run: (l) => void (MODEL_FILE.test(l), fileStem(l)) },
  {
    name: "model card, license file, configs and mergekit config (uploads)",
    run: (l) =>
      clean(() =>
        inspectFiles({
          "README.md": card(l),
          LICENSE: `${l}\nSPDX-License-Identifier: ${l}\n`,
          "USE_POLICY.md": l,
          NOTICE: l,
          "config.json": JSON.stringify({ _name_or_path: l, architectures: [l] }),
          "adapter_config.json": JSON.stringify({ base_model_name_or_path: l }),
          "mergekit_config.yml": `merge_method: ${JSON.stringify(l)}\nmodels:\n  - model: ${JSON.stringify(l)}\nbase_model: ${JSON.stringify(l)}\n`,
          [l.slice(0, 200)]: l,
        }),
      ),
  },
  {
    name: "a one-line LICENSE",
    run: (l) => clean(() => inspectFiles({ LICENSE: l.slice(0, 300) }) && inspectFiles({ LICENSE: l })),
  },
  {
    name: "model-file metadata (GGUF, safetensors, ONNX)",
    run: (l) =>
      withTemp((dir) => {
        const gguf = join(dir, "m.gguf");
        writeFileSync(
          gguf,
          ggufFile({
            "general.name": l,
            "general.license": l,
            "general.license.name": l,
            "general.license.link": l,
            "general.base_model.count": 1,
            "general.base_model.0.repo_url": l,
            "general.source.url": l,
            "general.dataset.count": 1,
            "general.dataset.0.name": l,
          }),
        );
        clean(() => inspectFile(gguf));
        const st = join(dir, "m.safetensors");
        writeFileSync(
          st,
          safetensorsFile({ "modelspec.license": l, "modelspec.merged_from": l, "modelspec.title": l }),
        );
        clean(() => inspectFile(st));
        const onnx = join(dir, "m.onnx");
        writeFileSync(onnx, onnxFile({ metadata: { license: l, [l.slice(0, 1000)]: l } }));
        clean(() => inspectFile(onnx));
      }),
  },
];
