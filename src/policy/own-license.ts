// A model's own license expression as the engine judges it: its alternatives (an OR is the
// licensee's choice), each a set of license codes that bind together (an AND).
import { choicesOf, parseExprString } from "../kb/expression.js";
import type { License } from "../kb/schema.js";
import type { LicenseTable } from "./summary.js";

export interface OwnLicense {
  /** The expression as given. */
  expr: string;
  /** Each alternative: license codes that all bind. Never empty. */
  alternatives: number[][];
  /** The alternative a model's descendants are taken to inherit (see `inheritedChoice`). */
  inherited: number;
  /** The expression could not be expanded (over MAX_CHOICES alternatives): judged as unknown. */
  tooComplex: boolean;
}

/** How much an alternative asks of descendants; the lowest is the one they inherit. */
function burden(lic: License | undefined): number {
  if (!lic) return 1000;
  const f = lic.flow_down;
  let b = 0;
  if (lic.terms.commercial.value === "forbidden" || f.non_commercial) b += 64;
  if (f.same_license) b += 32;
  if (f.use_restrictions) b += 16;
  if (f.naming) b += 8;
  if (lic.thresholds.length) b += 4;
  if (f.notice || f.license_copy) b += 1;
  return b;
}

/** Interned per expression string. */
export class OwnLicenses {
  private readonly memo = new Map<string, number>();
  readonly list: OwnLicense[] = [];

  constructor(private readonly licenses: LicenseTable) {}

  /** The own-license id of an expression string (an id, or AND / OR over ids). */
  of(expr: string): number {
    const id = this.memo.get(expr);
    return id !== undefined ? id : this.intern(expr);
  }

  /** `of` for an expression met for the first time (apart: its closures would make every call allocate). */
  private intern(expr: string): number {
    const parsed = parseExprString(expr);
    const choices = parsed ? choicesOf(parsed) : [[expr]];
    const alternatives = (choices ?? [[expr]]).map((alt) => alt.map((x) => this.licenses.code(x)));
    let inherited = 0;
    let best = Infinity;
    alternatives.forEach((alt, i) => {
      const b = alt.reduce((s, c) => s + burden(this.licenses.entries[c]), 0);
      if (b < best) {
        best = b;
        inherited = i;
      }
    });
    const id = this.list.length;
    this.list.push({ expr, alternatives, inherited, tooComplex: choices === null });
    this.memo.set(expr, id);
    return id;
  }
}
