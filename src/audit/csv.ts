// RFC 4180 CSV: records, and the fields of a record. A quoted field may hold line breaks (a model
// card in a cell, a multi-line description): lines are gathered into one record while a quoted
// field is open, so such a row is one row, not a row cut short and junk rows after it.

/** What `CsvRecords.push` returns for a record longer than the bound (dropped, then read on). */
export const TOO_LONG = Symbol("too long");

const enum Q {
  /** At the start of a field. */
  FieldStart,
  /** In a field that is not quoted. */
  Plain,
  /** In a quoted field. */
  Quoted,
  /** Just after a quote inside a quoted field: its end, or the first of a doubled quote. */
  QuoteInQuoted,
}

/**
 * Lines (as the line reader gives them: without their "\n", null for one past the bound) into
 * records. Blank lines between records are passed over; inside a quoted field they are content.
 */
export class CsvRecords {
  private pieces: string[] = [];
  private length = 0;
  private state = Q.FieldStart;

  constructor(private readonly maxLength: number) {}

  /** The record `line` completes, null when it is still open (or the line is blank), TOO_LONG. */
  push(line: string | null): string | null | typeof TOO_LONG {
    if (line === null || this.length + line.length > this.maxLength) {
      this.reset();
      return TOO_LONG;
    }
    if (!this.pieces.length && !line.trim()) return null;
    this.pieces.push(line);
    this.length += line.length + 1;
    let q = this.state;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (q === Q.Quoted) {
        if (c === 34) q = Q.QuoteInQuoted;
      } else if (c === 44) q = Q.FieldStart;
      else if (q === Q.QuoteInQuoted) q = c === 34 ? Q.Quoted : Q.Plain;
      else if (q === Q.FieldStart) q = c === 34 ? Q.Quoted : Q.Plain;
    }
    if (q === Q.Quoted) {
      // the line break is the field's: the record goes on with the next line
      this.state = q;
      return null;
    }
    const record = this.pieces.length === 1 ? line : this.pieces.join("\n");
    this.reset();
    return record;
  }

  /** Whether a quoted field is open: the record so far runs on to the next line. */
  get open(): boolean {
    return this.state === Q.Quoted;
  }

  /** At the end of the text: a record whose quoted field never closed, as far as it goes. */
  end(): string | null {
    const record = this.pieces.length ? this.pieces.join("\n") : null;
    this.reset();
    return record;
  }

  private reset(): void {
    this.pieces = [];
    this.length = 0;
    this.state = Q.FieldStart;
  }
}

/** One record's fields: quoted fields with doubled quotes, line breaks inside them kept. */
export function splitCsv(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = "";
      i++;
      while (i < line.length) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            v += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else v += line[i++];
      }
      out.push(v);
      if (line[i] === ",") i++;
      else break;
    } else {
      const j = line.indexOf(",", i);
      if (j < 0) {
        out.push(line.slice(i).replace(/\r$/, ""));
        break;
      }
      out.push(line.slice(i, j));
      i = j + 1;
    }
  }
  return out;
}
