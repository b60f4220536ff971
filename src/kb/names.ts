// Name folding shared by every lookup: "Apache License 2.0", "apache-2.0" and "Apache 2" must meet.

/** Lower-cases and reduces a name to space-separated tokens; "3.0" and "3" are the same version. */
export function nameTokens(s: string): string[] {
  return (
    s
      .toLowerCase()
      .replace(/[\u2010-\u2015]/g, "-")
      // split letter/digit boundaries: llama3.1 -> llama 3.1, bloom-1b7 stays as is
      .replace(/([a-z])(\d)/g, "$1 $2")
      .replace(/\+/g, " + ")
      .split(/[^a-z0-9.+]+/)
      .map((t) => t.replace(/^\.+|\.+$/g, ""))
      .filter(Boolean)
      .map((t) => (/^\d+(\.\d+)*$/.test(t) ? t.replace(/(\.0)+$/, "") : t))
  );
}

export function foldName(s: string): string {
  return nameTokens(s).join(" ");
}

/** Damerau-free Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
