// Model-file metadata (GGUF, safetensors, ONNX) read from small files the tests write byte by byte.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readGgufHeader } from "../../src/inspect/gguf.js";
import { readSafetensorsMetadata } from "../../src/inspect/safetensors.js";
import { readOnnxInfo } from "../../src/inspect/onnx.js";
import { inspect, inspectFile, inspectFolder } from "../../src/inspect/inspect.js";
import {
  GGUF,
  GiB,
  ggufFile,
  onnxFile,
  onnxMetadataProp,
  pbBytes,
  pbVarint,
  safetensorsFile,
  sparseFile,
  tempDir,
  typed,
  u32,
  varint,
} from "./binary-writers.js";

const tmp = tempDir();
test.after(() => tmp.done());

const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code).sort();

/** What llama.cpp's convert script writes for a fine-tune of Llama 3.1, plus a vocabulary. */
function llamaGguf(extra: Record<string, Parameters<typeof ggufFile>[0][string]> = {}): Buffer {
  return ggufFile(
    {
      "general.architecture": "llama",
      "general.type": "model",
      "general.name": "Llama 3.1 8B Ultrachat",
      "general.finetune": "ultrachat",
      "general.size_label": "8B",
      "general.license": "llama3.1",
      "general.base_model.count": 1,
      "general.base_model.0.name": "Llama 3.1 8B",
      "general.base_model.0.organization": "Meta Llama",
      "general.base_model.0.repo_url": "https://huggingface.co/meta-llama/Llama-3.1-8B",
      "general.dataset.count": 1,
      "general.dataset.0.name": "Ultrachat 200k",
      "general.dataset.0.repo_url": "https://huggingface.co/datasets/HuggingFaceH4/ultrachat_200k",
      "general.tags": ["text-generation", "llama-3"],
      "llama.context_length": 131072,
      "llama.rope.freq_base": typed(GGUF.F32, 500000),
      "general.file_type": 15,
      "tokenizer.ggml.model": "gpt2",
      "tokenizer.ggml.tokens": Array.from({ length: 500 }, (_, i) => `tok${i}`),
      "tokenizer.ggml.token_type": typed(
        GGUF.ARRAY,
        Array.from({ length: 500 }, () => 1),
        GGUF.I32,
      ),
      "tokenizer.ggml.bos_token_id": 128000,
      "tokenizer.ggml.add_bos_token": true,
      "general.quantization_version": 2,
      ...extra,
    },
    { tensorCount: 291, tensorBytes: 4096 },
  );
}

test("readGgufHeader reads version, counts and typed values, and keeps long arrays as their length", () => {
  const p = tmp.file("llama.gguf", llamaGguf());
  const h = readGgufHeader(p);
  assert.equal(h.version, 3);
  assert.equal(h.tensorCount, 291n);
  const m = h.metadata;
  assert.equal(m["general.license"], "llama3.1");
  assert.equal(m["general.name"], "Llama 3.1 8B Ultrachat");
  assert.equal(m["general.base_model.count"], 1);
  assert.equal(m["llama.context_length"], 131072);
  assert.equal(m["llama.rope.freq_base"], 500000);
  assert.equal(m["tokenizer.ggml.add_bos_token"], true);
  assert.deepEqual(m["general.tags"], ["text-generation", "llama-3"]);
  // vocabularies are skipped, not loaded
  assert.deepEqual(m["tokenizer.ggml.tokens"], [500]);
  assert.deepEqual(m["tokenizer.ggml.token_type"], [500]);
});

test("every GGUF value type reads back as written", () => {
  const p = tmp.file(
    "types.gguf",
    ggufFile({
      u8: typed(GGUF.U8, 200),
      i8: typed(GGUF.I8, -5),
      u16: typed(GGUF.U16, 65000),
      i16: typed(GGUF.I16, -300),
      u32: typed(GGUF.U32, 4_000_000_000),
      i32: typed(GGUF.I32, -70000),
      f32: typed(GGUF.F32, 0.5),
      bool: typed(GGUF.BOOL, 0),
      str: "héllo",
      u64: typed(GGUF.U64, 2n ** 63n),
      i64: typed(GGUF.I64, -(2n ** 40n)),
      f64: typed(GGUF.F64, 1.25),
      arr: typed(GGUF.ARRAY, [1, 2, 3], GGUF.U16),
    }),
  );
  assert.deepEqual(readGgufHeader(p).metadata, {
    u8: 200,
    i8: -5,
    u16: 65000,
    i16: -300,
    u32: 4_000_000_000,
    i32: -70000,
    f32: 0.5,
    bool: false,
    str: "héllo",
    u64: 2n ** 63n,
    i64: -(2n ** 40n),
    f64: 1.25,
    arr: [1, 2, 3],
  });
});

test("a GGUF file: license (Hub id), name, base model from repo_url, dataset", () => {
  const p = tmp.file("Llama-3.1-8B-Ultrachat.Q4_K_M.gguf", llamaGguf());
  const r = inspectFile(p);
  assert.equal(r.license.id, "llama3.1");
  assert.deepEqual(
    r.license.evidence.map((e) => [e.source, e.field, e.value]),
    [["gguf", "general.license", "llama3.1"]],
  );
  assert.equal(r.name, "Llama 3.1 8B Ultrachat");
  assert.equal(r.nameSource, "gguf");
  assert.equal(r.id, "Llama-3.1-8B-Ultrachat.Q4_K_M");
  assert.deepEqual(
    r.bases.map((b) => [b.id, b.relation]),
    [["meta-llama/Llama-3.1-8B", "finetune"]],
  );
  assert.deepEqual(
    r.datasets.map((d) => d.id),
    ["HuggingFaceH4/ultrachat_200k"],
  );
  assert.deepEqual(
    r.components.map((c) => [c.kind, c.license]),
    [["weights", "llama3.1"]],
  );
  assert.deepEqual(codes(r), []);
});

test("GGUF base models without repo_url are organization/name; every index up to the count is read", () => {
  const p = tmp.file(
    "merge.gguf",
    ggufFile({
      "general.name": "Mistral Zephyr Slerp",
      "general.license": "apache-2.0",
      "general.base_model.count": 2,
      "general.base_model.0.name": "Mistral-7B-v0.1",
      "general.base_model.0.organization": "mistralai",
      "general.base_model.1.name": "zephyr-7b-beta",
      "general.base_model.1.organization": "HuggingFaceH4",
      "general.base_model.1.repo_url": "https://huggingface.co/HuggingFaceH4/zephyr-7b-beta",
      // beyond the count: not a base
      "general.base_model.2.repo_url": "https://huggingface.co/google/gemma-7b",
    }),
  );
  const r = inspectFile(p);
  assert.equal(r.license.id, "apache-2.0");
  assert.deepEqual(
    r.bases.map((b) => b.id),
    ["mistralai/Mistral-7B-v0.1", "HuggingFaceH4/zephyr-7b-beta"],
  );
  for (const b of r.bases) assert.equal(b.evidence[0]!.source, "gguf");
});

test("GGUF general.license 'other' resolves through general.license.name", () => {
  const p = tmp.file(
    "deepseek.gguf",
    ggufFile({
      "general.name": "DeepSeek Coder 6.7B Instruct",
      "general.license": "other",
      "general.license.name": "deepseek",
      "general.license.link": "https://github.com/deepseek-ai/DeepSeek-Coder/blob/main/LICENSE-MODEL",
    }),
  );
  const r = inspectFile(p);
  assert.equal(r.license.id, "deepseek");
  assert.equal(r.license.declared, "other");
  assert.ok(r.license.evidence.some((e) => e.source === "gguf" && e.field === "license_name"));
  assert.deepEqual(codes(r), []);
});

test("GGUF general.license 'other' with no name is NOASSERTION, reported", () => {
  const p = tmp.file("other.gguf", ggufFile({ "general.license": "other" }));
  const r = inspectFile(p);
  assert.equal(r.license.id, "NOASSERTION");
  assert.ok(
    r.findings.some((f) => f.code === "other-without-name" || f.code === "license-not-recognised"),
    codes(r).join(","),
  );
});

test("a GGUF file without any license is NONE with a no-license finding", () => {
  const p = tmp.file("bare.gguf", ggufFile({ "general.architecture": "llama" }));
  const r = inspectFile(p);
  assert.equal(r.license.id, "NONE");
  assert.equal(r.name, "bare");
  assert.equal(r.nameSource, "file");
  assert.deepEqual(codes(r), ["no-license"]);
});

test("a GGUF whose license differs from the card's: gguf-license-differs, the card's license stays", () => {
  const dir = join(tmp.dir, "llama-finetune-gguf");
  mkdirSync(dir);
  writeFileSync(join(dir, "README.md"), "---\nlicense: apache-2.0\n---\n\n# llama-finetune-gguf\n");
  writeFileSync(join(dir, "model.Q8_0.gguf"), llamaGguf());
  const r = inspectFolder(dir);
  assert.equal(r.license.id, "apache-2.0");
  const f = r.findings.find((x) => x.code === "gguf-license-differs");
  assert.ok(f, codes(r).join(","));
  assert.equal(f.file, join(dir, "model.Q8_0.gguf"));
  assert.match(f.message, /llama3\.1/);
  assert.match(f.message, /apache-2\.0/);
  // the GGUF's base and dataset still count
  assert.deepEqual(
    r.bases.map((b) => b.id),
    ["meta-llama/Llama-3.1-8B"],
  );
  assert.deepEqual(
    r.datasets.map((d) => d.id),
    ["HuggingFaceH4/ultrachat_200k"],
  );
});

test("a GGUF that agrees with the card adds evidence and no finding", () => {
  const dir = join(tmp.dir, "llama-agrees");
  mkdirSync(dir);
  writeFileSync(
    join(dir, "README.md"),
    "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\n---\n\n# llama-agrees\n",
  );
  writeFileSync(join(dir, "model.gguf"), llamaGguf());
  const r = inspectFolder(dir);
  assert.equal(r.license.id, "llama3.1");
  assert.deepEqual(codes(r), []);
  const w = r.components.find((c) => c.kind === "weights")!;
  assert.deepEqual([...new Set(w.evidence.map((e) => e.source))].sort(), ["card", "gguf"]);
  // the card's base and the GGUF's base are one base with two pieces of evidence
  assert.equal(r.bases.length, 1);
  assert.deepEqual(r.bases[0]!.evidence.map((e) => e.source).sort(), ["card", "gguf"]);
});

test("GGUF v1 (32-bit lengths and counts) is read", () => {
  // v1 wrote every string length and array count as uint32; v2 widened them to uint64
  const s = (x: string) => Buffer.concat([u32(Buffer.byteLength(x)), Buffer.from(x)]);
  const file = Buffer.concat([
    Buffer.from("GGUF"),
    u32(1),
    u32(0), // tensor count
    u32(2), // kv count
    s("general.name"),
    u32(GGUF.STRING),
    s("tinyllamas stories 260k"),
    s("general.license"),
    u32(GGUF.STRING),
    s("mit"),
  ]);
  const p = tmp.file("v1.gguf", file);
  const h = readGgufHeader(p);
  assert.equal(h.version, 1);
  assert.deepEqual(h.metadata, { "general.name": "tinyllamas stories 260k", "general.license": "mit" });
});

// ---------------------------------------------------------------- safetensors

test("readSafetensorsMetadata returns __metadata__ and nothing of the tensor entries", () => {
  const p = tmp.file(
    "model.safetensors",
    safetensorsFile({ format: "pt", "modelspec.license": "creativeml-openrail-m" }),
  );
  assert.deepEqual(readSafetensorsMetadata(p), {
    format: "pt",
    "modelspec.license": "creativeml-openrail-m",
  });
  assert.deepEqual(readSafetensorsMetadata(tmp.file("none.safetensors", safetensorsFile(null))), {});
});

test("safetensors modelspec: license, merged_from as merge bases, title as the name", () => {
  const p = tmp.file(
    "pony-anime-merge.safetensors",
    safetensorsFile({
      "modelspec.sai_model_spec": "1.0.0",
      "modelspec.architecture": "stable-diffusion-xl-v1-base",
      "modelspec.title": "Pony Anime Merge",
      "modelspec.license": "openrail++",
      "modelspec.merged_from":
        "stabilityai/stable-diffusion-xl-base-1.0, https://huggingface.co/cagliostrolab/animagine-xl-3.1",
    }),
  );
  const r = inspectFile(p);
  assert.equal(r.license.id, "openrail++");
  assert.deepEqual(
    r.license.evidence.map((e) => [e.source, e.field]),
    [["safetensors", "modelspec.license"]],
  );
  assert.deepEqual(
    r.bases.map((b) => [b.id, b.relation]),
    [
      ["stabilityai/stable-diffusion-xl-base-1.0", "merge"],
      ["cagliostrolab/animagine-xl-3.1", "merge"],
    ],
  );
  assert.equal(r.name, "Pony Anime Merge");
  assert.deepEqual(codes(r), []);
});

test("a safetensors file with no license metadata is NONE", () => {
  const r = inspectFile(tmp.file("plain.safetensors", safetensorsFile({ format: "pt" })));
  assert.equal(r.license.id, "NONE");
  assert.deepEqual(codes(r), ["no-license"]);
});

// ---------------------------------------------------------------- ONNX

test("readOnnxInfo reads producer, model version and metadata_props, skipping the graph", () => {
  const p = tmp.file(
    "model.onnx",
    onnxFile({
      metadata: { license: "mit", author: "Example Lab" },
      graphBytes: 4 * 1024 * 1024,
      producer: "pytorch",
      modelVersion: 3,
      docString: "A tiny classifier",
    }),
  );
  assert.deepEqual(readOnnxInfo(p), {
    producerName: "pytorch",
    modelVersion: 3,
    docString: "A tiny classifier",
    metadata: { license: "mit", author: "Example Lab" },
  });
});

test("an ONNX file: metadata_props license, before or after the graph", () => {
  for (const metadataFirst of [false, true]) {
    const p = tmp.file(
      `resnet-${metadataFirst}.onnx`,
      onnxFile({ metadata: { License: "apache-2.0" }, graphBytes: 1 << 20, metadataFirst }),
    );
    const r = inspect(p);
    assert.equal(r.license.id, "apache-2.0");
    assert.deepEqual(
      r.license.evidence.map((e) => [e.source, e.field]),
      [["onnx", "metadata_props.License"]],
    );
    assert.equal(r.target.kind, "file");
    assert.deepEqual(codes(r), []);
  }
});

test("ONNX metadata entries that are not about the license are ignored", () => {
  const p = tmp.file("nolicense.onnx", onnxFile({ metadata: { author: "x", "converted-from": "mit" } }));
  assert.equal(inspectFile(p).license.id, "NONE");
});

test("an ONNX file whose 50 GB graph precedes the metadata is read by seeking past the graph", () => {
  const p = join(tmp.dir, "huge-graph.onnx");
  const head = Buffer.concat([
    pbVarint(1, 8),
    pbBytes(2, "pytorch"),
    // field 7 (graph), length-delimited, 50 GiB long: tag, then the varint length, then nothing
    Buffer.from([(7 << 3) | 2]),
    varint(50 * GiB),
  ]);
  const tail = onnxMetadataProp("license", "cc-by-4.0");
  sparseFile(p, head, head.length + 50 * GiB + tail.length, { at: head.length + 50 * GiB, data: tail });
  const info = readOnnxInfo(p);
  assert.equal(info.producerName, "pytorch");
  assert.deepEqual(info.metadata, { license: "cc-by-4.0" });
  assert.equal(inspectFile(p).license.id, "cc-by-4.0");
});
