// Trailing characters cut by a loop. The pattern it stands for, /[…]+$/, retries from every
// character of a long run that does not end the text: 100 kB of dots before a letter took nine
// seconds, and such runs are what hostile cards and notices are made of.

/** `s` without the trailing characters in `chars` (and white space too, with `space`). */
export function trimEndOf(s: string, chars: string, space = false): string {
  let end = s.length;
  while (end > 0) {
    const c = s[end - 1]!;
    if (chars.includes(c) || (space && /\s/.test(c))) end--;
    else break;
  }
  return end === s.length ? s : s.slice(0, end);
}
