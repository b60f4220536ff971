// Drops a row whose id was among the last few thousand seen, cheaply, where an exact table of
// every id would cost as much as parsing. The parse workers use it: a row repeated over and over
// (the shape that filled 2.4 GB from a 12 MB file) is dropped where it is read, and a repeat this
// misses is still caught, exactly, by the audit's own id table. What the batches hold then grows at
// most with the file, as it does for a file of distinct rows.
import { hashInto } from "./batch.js";

const SLOTS = 1 << 12;

export class RecentIds {
  /** The two hashes of the id last given to `seen`. */
  readonly hash = new Uint32Array(2);
  private readonly h1 = new Int32Array(SLOTS);
  private readonly h2 = new Int32Array(SLOTS);
  private readonly ids: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);

  /** True when `id` (compared without case) is one of the recent ids; else it becomes one. */
  seen(id: string): boolean {
    hashInto(id, this.hash, 0);
    const a = this.hash[0]! | 0;
    const b = this.hash[1]! | 0;
    const k = (a ^ (b >>> 7)) & (SLOTS - 1);
    const old = this.ids[k];
    if (old !== undefined && this.h1[k] === a && this.h2[k] === b) {
      if (old === id || (old.length === id.length && old.toLowerCase() === id.toLowerCase())) return true;
    }
    this.h1[k] = a;
    this.h2[k] = b;
    this.ids[k] = id;
    return false;
  }
}
