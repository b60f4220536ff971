// 700000000 → "700,000,000". Number#toLocaleString would do it, but its first call loads ICU's
// locale data (about 30 ms), a cost every `check` of a Llama model would pay at start-up.

/** An integer with commas between groups of three digits; other numbers as String() writes them. */
export function thousands(n: number): string {
  if (!Number.isSafeInteger(n)) return String(n);
  const s = String(Math.abs(n));
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ",";
    out += s[i];
  }
  return n < 0 ? `-${out}` : out;
}
