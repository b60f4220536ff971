import { test } from "node:test";
import assert from "node:assert/strict";
import { thousands } from "../../src/text/thousands.js";

test("thousands groups digits as en-US does", () => {
  for (const n of [0, 7, 999, 1000, 12345, 700_000_000, -1234567, 1e21, 2.5])
    assert.equal(
      thousands(n),
      Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toLocaleString("en-US") : String(n),
    );
});
