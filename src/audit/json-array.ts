// The rows of a dump written as one JSON array, as the Hub API answers a listing and as
// `json.dump(models, f)` saves it: one line of gigabytes, or an object over many pretty-printed
// lines; or written as objects one after another, pretty-printed, as `jq '.[]'` writes them.
// Read line by line, such a file was one unusable row, or none. The text is cut into its rows as
// it streams by (each row is then JSON.parse's), so memory stays bounded by one row, never by the
// file.

/** What the cutter hands on: an element's text, or null for one longer than the bound. */
export type Element = string | null;

const enum State {
  /**
   * Outside the arrays: whitespace, an array's opening bracket (pages of a listing, one after
   * another), or an object that is a row of its own.
   */
  Outside,
  /** After an opening bracket or a comma: an element, or the closing bracket. */
  Expect,
  /** Inside an element. */
  Element,
  /** Past something that is no array: the rest is not read. */
  Junk,
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff;
}

/**
 * Cuts a JSON array's text, given in pieces of any size, into its elements. It follows strings
 * and nesting only: whether an element is valid JSON is left to JSON.parse, so a broken element
 * costs that element, not the rest.
 */
export class ArrayElements {
  private state = State.Outside;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The element so far, in pieces, and its length; past `maxLength` it is dropped to its end. */
  private pieces: string[] = [];
  private length = 0;
  private dropping = false;
  /** Text outside the arrays that is not one: counted once by the caller. */
  trailing = false;
  /** Whether the element being cut is an object outside any array (it ends with its own brace). */
  bare = false;

  constructor(private readonly maxLength: number) {}

  /** The elements that end in `text`, in order. */
  feed(text: string, out: Element[]): void {
    if (!text) return;
    let from = 0;
    let i = 0;
    // a string that an earlier piece left open: its end first
    if (this.state === State.Element && this.inString) {
      const q = this.stringEnd(text, this.escaped ? 1 : 0);
      if (q < 0) {
        this.take(text, 0, text.length);
        return;
      }
      this.inString = false;
      i = q + 1;
    }
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case State.Expect:
          if (isSpace(c)) continue;
          if (c === 93) {
            this.state = State.Outside;
            continue;
          }
          this.state = State.Element;
          this.bare = false;
          from = i;
          this.depth = 0;
          break;
        case State.Outside:
          if (isSpace(c)) continue;
          if (c === 91) this.state = State.Expect;
          else if (c === 123) {
            // an object outside any array is a row of its own (jq writes rows so, one after another)
            this.state = State.Element;
            this.bare = true;
            from = i;
            this.depth = 0;
            break;
          } else {
            this.trailing = true;
            this.state = State.Junk;
          }
          continue;
        case State.Junk:
          return;
        case State.Element:
          break;
      }
      // inside an element, outside its strings
      if (c === 34) {
        // most of a row is strings: to the closing quote at once
        const q = this.stringEnd(text, i + 1);
        if (q < 0) {
          this.inString = true;
          break;
        }
        i = q;
      } else if (c === 123 || c === 91) this.depth++;
      else if ((c === 125 || c === 93) && this.depth > 0) {
        if (--this.depth === 0 && this.bare) {
          this.take(text, from, i + 1);
          this.finish(out);
          this.state = State.Outside;
        }
      } else if (this.depth === 0 && (c === 44 || c === 93)) {
        this.take(text, from, i);
        this.finish(out);
        this.state = c === 44 ? State.Expect : State.Outside;
      }
    }
    if (this.state === State.Element) this.take(text, from, text.length);
  }

  /**
   * Where the string whose text starts at `p` ends (its closing quote), or -1 when it runs past
   * the end of `text`; then `escaped` says whether the text ends inside an escape.
   */
  private stringEnd(text: string, p: number): number {
    for (let at = p; ;) {
      const q = text.indexOf('"', at);
      // a quote is the string's end unless an odd run of backslashes escapes it
      let k = q < 0 ? text.length : q;
      let run = 0;
      while (k > p && text.charCodeAt(k - 1) === 92) {
        k--;
        run++;
      }
      if (q < 0) {
        this.escaped = run % 2 === 1;
        return -1;
      }
      if (run % 2 === 0) return q;
      at = q + 1;
    }
  }

  /**
   * At the end of the text: an element cut short by the end is handed on as it is (JSON.parse
   * says what is wrong with it); true when the array was never closed.
   */
  end(out: Element[]): boolean {
    if (this.state === State.Element) {
      this.finish(out);
      return true;
    }
    return this.state === State.Expect;
  }

  private take(text: string, from: number, to: number): void {
    if (this.dropping || to <= from) return;
    this.length += to - from;
    if (this.length > this.maxLength) {
      this.dropping = true;
      this.pieces = [];
    } else this.pieces.push(text.slice(from, to));
  }

  private finish(out: Element[]): void {
    out.push(this.dropping ? null : this.pieces.join("").trimEnd());
    this.pieces = [];
    this.length = 0;
    this.dropping = false;
  }
}
