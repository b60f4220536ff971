// Numbers that compare as strings do, for strings met one by one: the engine sorts a summary's
// groups by a fixed order of strings millions of times, and comparing numbers is several times
// cheaper than comparing strings. A new string goes halfway between its neighbours' numbers; when
// no double is left between them, every place is renumbered in place (callers hold the place
// objects and read `r` when they compare, so a renumbering never leaves them stale).

/** A string's place: `r` orders as `s` does among every place of the same OrderRanks. */
export interface Rank {
  readonly s: string;
  r: number;
}

const GAP = 2 ** 20;

export class OrderRanks {
  /** Every place handed out, sorted by its string. */
  private readonly list: Rank[] = [];

  get size(): number {
    return this.list.length;
  }

  rank(s: string): Rank {
    const list = this.list;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.s < s) lo = mid + 1;
      else hi = mid;
    }
    if (lo < list.length && list[lo]!.s === s) return list[lo]!;
    const before = lo > 0 ? list[lo - 1]!.r : 0;
    const after = lo < list.length ? list[lo]!.r : before + 2 * GAP;
    const e: Rank = { s, r: (before + after) / 2 };
    list.splice(lo, 0, e);
    if (!(e.r > before && e.r < after)) list.forEach((x, i) => (x.r = (i + 1) * GAP));
    return e;
  }
}
