// Strings as JSON text, for writers that build JSON lines by hand. JSON.stringify scans and copies
// every string it is given, which was most of the time of an audit's --out; a string made of
// pieces already known to need no escaping only needs its quotes.

/** No character JSON.stringify would escape: quotes, backslashes, control characters, surrogates. */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** Whether `s` is written in JSON as it is, between quotes. */
export function isPlain(s: string): boolean {
  return PLAIN.test(s);
}

/** `JSON.stringify(s)`, without its scan when the caller knows `s` is plain. */
export function quoted(s: string, plain = isPlain(s)): string {
  return plain ? '"' + s + '"' : JSON.stringify(s);
}
