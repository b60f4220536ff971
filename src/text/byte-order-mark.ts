// A text's byte-order mark: which encoding it names, and how many bytes it takes. Editors and
// Windows tools write one (Excel's UTF-8 CSV, PowerShell's UTF-16); every reader that looks at a
// file's first bytes asks here.

export type Encoding = "utf-8" | "utf-16le" | "utf-16be";

/** The encoding the mark at the start of `head` names (UTF-8 when there is none), and its length. */
export function byteOrderMark(head: Uint8Array): { encoding: Encoding; length: number } {
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  return { encoding: "utf-8", length: 0 };
}
