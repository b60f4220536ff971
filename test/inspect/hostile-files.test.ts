// Hostile and broken model files fail fast and cleanly: an InputError naming the file (or, inside
// a folder, a model-file-unreadable finding), never a crash, a huge allocation or a hang.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { InputError } from "../../src/errors.js";
import { readGgufHeader } from "../../src/inspect/gguf.js";
import { readSafetensorsMetadata } from "../../src/inspect/safetensors.js";
import { readOnnxInfo } from "../../src/inspect/onnx.js";
import { inspect, inspectFolder } from "../../src/inspect/inspect.js";
import { cli, ROOT } from "../helpers.js";
import {
  GGUF,
  GiB,
  ggufFile,
  ggufKv,
  ggufPreamble,
  ggufString,
  onnxFile,
  pbBytes,
  safetensorsFile,
  safetensorsRaw,
  sparseFile,
  tempDir,
  typed,
  u32,
  u64,
  varint,
} from "./binary-writers.js";

const tmp = tempDir("mlicense-hostile-");
test.after(() => tmp.done());

/** Asserts fn throws an InputError about `file`; returns it for further checks. */
function inputError(fn: () => unknown, file: string, message?: RegExp): InputError {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  assert.ok(
    err instanceof InputError,
    `expected an InputError, got ${err === undefined ? "a result" : String(err)}`,
  );
  assert.equal(err.file, file);
  if (message) assert.match(err.message, message);
  return err;
}

// ---------------------------------------------------------------- GGUF

test("GGUF claiming 2^60 key-value pairs", () => {
  const p = tmp.file("kv.gguf", Buffer.concat([ggufPreamble(2n ** 60n), Buffer.alloc(64)]));
  inputError(() => readGgufHeader(p), p, /key-value/);
});

test("GGUF with a 2^62-byte key and a 2^62-byte string value", () => {
  const key = tmp.file(
    "key.gguf",
    Buffer.concat([ggufPreamble(1n), u64(2n ** 62n), Buffer.from("general.license"), Buffer.alloc(32)]),
  );
  inputError(() => readGgufHeader(key), key, /exceeds the file/);
  const value = tmp.file(
    "value.gguf",
    Buffer.concat([
      ggufPreamble(1n),
      ggufString("general.license"),
      u32(GGUF.STRING),
      u64(2n ** 62n),
      Buffer.from("mit"),
      Buffer.alloc(32),
    ]),
  );
  inputError(() => readGgufHeader(value), value, /exceeds the file/);
});

test("GGUF arrays with huge counts, of fixed-size elements, strings and arrays", () => {
  for (const [elem, name] of [
    [GGUF.U8, "u8"],
    [GGUF.U64, "u64"],
    [GGUF.STRING, "string"],
    [GGUF.ARRAY, "array"],
  ] as const) {
    for (const count of [2n ** 61n, 2n ** 64n - 1n, 1_000_000n]) {
      const p = tmp.file(
        `array-${name}-${count}.gguf`,
        Buffer.concat([
          ggufPreamble(1n),
          ggufString("tokenizer.ggml.tokens"),
          u32(GGUF.ARRAY),
          u32(elem),
          u64(count),
          Buffer.alloc(64),
        ]),
      );
      inputError(() => readGgufHeader(p), p, /exceeds the file|claims/);
    }
  }
});

test("GGUF with an unknown value type, an unknown array element type, too deeply nested arrays", () => {
  const t = tmp.file(
    "type.gguf",
    Buffer.concat([ggufPreamble(1n), ggufString("k"), u32(99), Buffer.alloc(32)]),
  );
  inputError(() => readGgufHeader(t), t, /unknown value type 99/);
  const e = tmp.file(
    "elem.gguf",
    Buffer.concat([ggufPreamble(1n), ggufString("k"), u32(GGUF.ARRAY), u32(77), u64(1), Buffer.alloc(32)]),
  );
  inputError(() => readGgufHeader(e), e, /element type 77/);
  // arrays of arrays of arrays ... each holding one array
  const nest = [ggufPreamble(1n), ggufString("k"), u32(GGUF.ARRAY)];
  for (let i = 0; i < 40; i++) nest.push(u32(GGUF.ARRAY), u64(1));
  nest.push(Buffer.alloc(64));
  const n = tmp.file("nested.gguf", Buffer.concat(nest));
  inputError(() => readGgufHeader(n), n, /nested|exceeds|claims/);
});

test("not GGUF: wrong magic, unsupported version, too small", () => {
  const magic = tmp.file("magic.gguf", Buffer.concat([Buffer.from("GGML"), Buffer.alloc(60)]));
  inputError(() => readGgufHeader(magic), magic, /not a GGUF file/);
  const version = tmp.file("version.gguf", Buffer.concat([ggufPreamble(0n, 0n, 99), Buffer.alloc(8)]));
  inputError(() => readGgufHeader(version), version, /version 99/);
  const small = tmp.file("small.gguf", Buffer.from("GGUF"));
  inputError(() => readGgufHeader(small), small);
  const empty = tmp.file("empty.gguf", Buffer.alloc(0));
  inputError(() => readGgufHeader(empty), empty);
});

test("every truncation of a GGUF header is an InputError", () => {
  const full = ggufFile({
    "general.name": "Truncated",
    "general.license": "mit",
    "general.base_model.count": 1,
    "general.base_model.0.repo_url": "https://huggingface.co/org/base",
    "tokenizer.ggml.tokens": Array.from({ length: 70 }, (_, i) => `t${i}`),
    scores: typed(GGUF.ARRAY, [1, 2, 3], GGUF.F32),
  });
  assert.equal(readGgufHeader(tmp.file("whole.gguf", full)).metadata["general.license"], "mit");
  for (let n = 0; n < full.length; n++) {
    const p = tmp.file("cut.gguf", full.subarray(0, n));
    inputError(() => readGgufHeader(p), p);
  }
});

test("a GGUF key that is empty or repeated is an InputError", () => {
  // keys are non-empty dotted names and unique (GGUF spec); an empty key repeated over a zero-filled
  // region is what lets a 24-byte header send the reader through billions of key-value pairs
  const empty = tmp.file("empty-key.gguf", Buffer.concat([ggufPreamble(2n), ggufKv("", 1), ggufKv("", 2)]));
  inputError(() => readGgufHeader(empty), empty, /key/);
  const dup = tmp.file(
    "dup-key.gguf",
    Buffer.concat([
      ggufPreamble(2n),
      ggufKv("general.license", "mit"),
      ggufKv("general.license", "llama3.1"),
    ]),
  );
  inputError(() => readGgufHeader(dup), dup, /general\.license/);
});

// ---------------------------------------------------------------- safetensors

test("safetensors header length larger than the file, or absurd", () => {
  const big = tmp.file("big.safetensors", safetensorsRaw('{"__metadata__":{}}', 0, 10_000n));
  inputError(() => readSafetensorsMetadata(big), big, /larger than the file/);
  const huge = tmp.file("huge.safetensors", safetensorsRaw("{}", 0, 2n ** 64n - 1n));
  inputError(() => readSafetensorsMetadata(huge), huge, /larger than the file/);
  const tiny = tmp.file("tiny.safetensors", Buffer.from([1, 2, 3]));
  inputError(() => readSafetensorsMetadata(tiny), tiny, /too small/);
});

test("safetensors header that is not a JSON object, or whose __metadata__ is not a map", () => {
  for (const [name, text] of [
    ["notjson", "{not json"],
    ["array", "[1,2,3]"],
    ["string", '"x"'],
    ["null", "null"],
    ["meta-array", '{"__metadata__":[1]}'],
    ["meta-string", '{"__metadata__":"mit"}'],
  ]) {
    const p = tmp.file(`${name}.safetensors`, safetensorsRaw(text!, 8));
    inputError(() => readSafetensorsMetadata(p), p);
  }
});

test("every truncation of a safetensors header is an InputError", () => {
  const full = safetensorsFile({ "modelspec.license": "mit" }, 0);
  for (let n = 0; n < full.length; n++) {
    const p = tmp.file("cut.safetensors", full.subarray(0, n));
    inputError(() => readSafetensorsMetadata(p), p);
  }
});

// ---------------------------------------------------------------- ONNX

test("ONNX with a length beyond the file, a bad wire type, field 0 or a runaway varint", () => {
  const len = tmp.file(
    "len.onnx",
    Buffer.concat([varint((7 << 3) | 2), varint(2n ** 62n), Buffer.alloc(16)]),
  );
  inputError(() => readOnnxInfo(len), len, /exceeds the file/);
  const wire = tmp.file("wire.onnx", Buffer.concat([varint((3 << 3) | 3), Buffer.alloc(8)]));
  inputError(() => readOnnxInfo(wire), wire, /wire type/);
  const zero = tmp.file("zero.onnx", Buffer.alloc(64));
  inputError(() => readOnnxInfo(zero), zero, /field number 0/);
  const runaway = tmp.file("varint.onnx", Buffer.alloc(32, 0xff));
  inputError(() => readOnnxInfo(runaway), runaway);
  const bigMeta = tmp.file("meta.onnx", pbBytes(14, Buffer.alloc(2 * 1024 * 1024, 0x20)));
  inputError(() => readOnnxInfo(bigMeta), bigMeta, /metadata/);
});

test("every truncation of an ONNX file is an InputError or a result, never anything else", () => {
  const full = onnxFile({ metadata: { license: "mit" }, graphBytes: 100 });
  for (let n = 0; n < full.length; n++) {
    const p = tmp.file("cut.onnx", full.subarray(0, n));
    try {
      readOnnxInfo(p);
    } catch (e) {
      assert.ok(e instanceof InputError, `prefix ${n}: ${String(e)}`);
      assert.equal(e.file, p);
    }
  }
});

// ---------------------------------------------------------------- the file system

test("a symbolic link loop: readers, inspect and a folder holding it", () => {
  const dir = join(tmp.dir, "loop-model");
  mkdirSync(dir);
  writeFileSync(join(dir, "README.md"), "---\nlicense: mit\n---\n# loop-model\n");
  symlinkSync("b.gguf", join(dir, "a.gguf"));
  symlinkSync("a.gguf", join(dir, "b.gguf"));
  symlinkSync("loop.safetensors", join(dir, "loop.safetensors"));
  const a = join(dir, "a.gguf");
  inputError(() => readGgufHeader(a), a, /symbolic link loop/);
  const s = join(dir, "loop.safetensors");
  inputError(() => readSafetensorsMetadata(s), s, /symbolic link loop/);
  inputError(() => inspect(a), a, /symbolic link loop/);
  const r = inspectFolder(dir);
  assert.equal(r.license.id, "mit");
  const unreadable = r.findings.filter((f) => f.code === "model-file-unreadable");
  assert.deepEqual(unreadable.map((f) => f.file).sort(), [a, join(dir, "b.gguf"), s]);
  for (const f of unreadable) assert.match(f.message, /symbolic link loop/);
});

test("a broken model file inside a folder is a finding, not an exception", () => {
  const dir = join(tmp.dir, "broken-model");
  mkdirSync(dir);
  writeFileSync(join(dir, "README.md"), "---\nlicense: apache-2.0\n---\n# broken-model\n");
  writeFileSync(join(dir, "model.gguf"), Buffer.concat([ggufPreamble(2n ** 60n), Buffer.alloc(8)]));
  writeFileSync(join(dir, "model.safetensors"), safetensorsRaw("{}", 0, 2n ** 40n));
  writeFileSync(join(dir, "model.onnx"), Buffer.alloc(16));
  const r = inspectFolder(dir);
  assert.equal(r.license.id, "apache-2.0");
  const files = r.findings.filter((f) => f.code === "model-file-unreadable").map((f) => f.file);
  assert.deepEqual(
    files.sort(),
    ["model.gguf", "model.onnx", "model.safetensors"].map((n) => join(dir, n)),
  );
});

test("a device or a folder named like a model file is refused, not read", () => {
  const dev = join(tmp.dir, "zero.gguf");
  symlinkSync("/dev/zero", dev);
  inputError(() => readGgufHeader(dev), dev, /not a regular file/);
  const folder = join(tmp.dir, "folder.safetensors");
  mkdirSync(folder);
  inputError(() => readSafetensorsMetadata(folder), folder, /not a regular file/);
});

test(
  "a FIFO named like a model file or LICENSE inside a folder does not block inspection",
  { skip: process.platform === "win32" && "no FIFOs" },
  () => {
    // Opening a FIFO for reading blocks until a writer appears: forever, in a folder from an
    // archive. The check runs in a child process so that a regression fails instead of hanging.
    const dir = join(tmp.dir, "fifo-model");
    mkdirSync(dir);
    writeFileSync(join(dir, "README.md"), "---\nlicense: mit\n---\n# fifo-model\n");
    execFileSync("mkfifo", [join(dir, "model.gguf"), join(dir, "LICENSE")]);
    const inspectUrl = pathToFileURL(join(ROOT, "dist", "src", "inspect", "inspect.js")).href;
    const script = `
      const { inspectFolder, inspect } = await import(${JSON.stringify(inspectUrl)});
      const r = inspectFolder(${JSON.stringify(dir)});
      let fileError = null;
      try { inspect(${JSON.stringify(join(dir, "model.gguf"))}); } catch (e) { fileError = e.name; }
      console.log(JSON.stringify({ license: r.license.id, codes: r.findings.map((f) => f.code), fileError }));
    `;
    // the limit only stops a hang; a working reader answers at once
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
      timeout: 30_000,
      killSignal: "SIGKILL",
    });
    assert.equal(child.signal, null, "inspecting a folder with a FIFO in it hung");
    assert.equal(child.status, 0, child.stderr);
    const out = JSON.parse(child.stdout) as { license: string; codes: string[]; fileError: string };
    assert.equal(out.license, "mit");
    assert.ok(out.codes.includes("model-file-unreadable"), out.codes.join(","));
    assert.equal(out.fileError, "InputError");
  },
);

test("50 GB sparse GGUF and safetensors files with a valid tiny header are read from the header", () => {
  const g = sparseFile(
    join(tmp.dir, "sparse.gguf"),
    ggufFile({ "general.name": "Sparse", "general.license": "llama3.1" }),
    50 * GiB,
  );
  const h = readGgufHeader(g);
  assert.equal(h.metadata["general.license"], "llama3.1");
  const s = sparseFile(
    join(tmp.dir, "sparse.safetensors"),
    safetensorsFile({ "modelspec.license": "creativeml-openrail-m" }, 0),
    50 * GiB,
  );
  assert.deepEqual(readSafetensorsMetadata(s), { "modelspec.license": "creativeml-openrail-m" });
  assert.equal(inspect(g).license.id, "llama3.1");
  assert.equal(inspect(s).license.id, "creativeml-openrail-m");
  // and inside a folder
  const dir = join(tmp.dir, "sparse-model");
  mkdirSync(dir);
  writeFileSync(join(dir, "README.md"), "---\nlicense: llama3.1\n---\n# sparse-model\n");
  sparseFile(join(dir, "model.gguf"), ggufFile({ "general.license": "llama3.1" }), 50 * GiB);
  sparseFile(join(dir, "model.safetensors"), safetensorsFile({ format: "pt" }, 0), 50 * GiB);
  const r = inspectFolder(dir);
  assert.equal(r.license.id, "llama3.1");
  assert.deepEqual(
    r.findings.map((f) => f.code),
    [],
  );
});

// ---------------------------------------------------------------- the CLI

test("CLI: inspect <bad file> exits 2 and names the file", async () => {
  const bad = tmp.file("bad.gguf", Buffer.concat([ggufPreamble(2n ** 60n), Buffer.alloc(8)]));
  const r = await cli("inspect", bad);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.ok(r.stderr.includes(bad), r.stderr);
  assert.doesNotMatch(r.stderr, /internal error/);
  const j = await cli("inspect", bad, "--json");
  assert.equal(j.code, 2);
  assert.equal(j.json.error.file, bad);
  assert.equal(j.json.error.code, "bad-header");
  for (const [name, data] of [
    ["bad.safetensors", safetensorsRaw("{}", 0, 2n ** 50n)],
    ["bad.onnx", Buffer.alloc(10)],
    ["cut.gguf", ggufFile({ "general.license": "mit" }).subarray(0, 30)],
  ] as const) {
    const p = tmp.file(name, data);
    const x = await cli("inspect", p, "--json");
    assert.equal(x.code, 2, name);
    assert.equal(x.json.error.file, p, name);
    assert.ok(x.stderr.includes(p), x.stderr);
  }
});

test("CLI: inspect of a symbolic link loop and of a missing file exit 2 naming the file", async () => {
  const loop = join(tmp.dir, "self.gguf");
  symlinkSync("self.gguf", loop);
  const r = await cli("inspect", loop, "--json");
  assert.equal(r.code, 2);
  assert.equal(r.json.error.file, loop);
  assert.match(r.stderr, /symbolic link loop/);
  const missing = join(tmp.dir, "missing.gguf");
  const m = await cli("inspect", missing);
  assert.equal(m.code, 2);
  assert.ok(m.stderr.includes(missing), m.stderr);
});

test("CLI: a 50 GB sparse GGUF inspects like a small one", async () => {
  const p = sparseFile(
    join(tmp.dir, "cli-sparse.gguf"),
    ggufFile({ "general.license": "apache-2.0", "general.name": "Big" }),
    50 * GiB,
  );
  const r = await cli("inspect", p, "--json");
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.json.license.id, "apache-2.0");
  assert.equal(r.json.name, "Big");
});
