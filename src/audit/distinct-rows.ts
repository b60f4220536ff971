// Drops repeated ids while a dump is read, so what the audit holds grows with the distinct rows,
// not with the file: one row repeated through a 12 MB .gz held 2.4 GB of identical batches.
// "First row wins", as in the audit's own table. Exact: the hashes only find a candidate, and a
// candidate's id is read back (`idOf`) before a row is called a repeat.
import { hashInto } from "./batch.js";
import { IdTable } from "./id-table.js";

export class DistinctRows {
  private readonly table = new IdTable();
  /** The two hashes of the id last given to `keep`. */
  readonly hash = new Uint32Array(2);
  private count = 0;

  /** `idOf(row)`: the id of an earlier kept row, numbered from 0 in the order they were kept. */
  constructor(private readonly idOf: (row: number) => string) {}

  /** Rows kept so far. */
  get rows(): number {
    return this.count;
  }

  /** True, numbering the row, when `id` was not seen before; false for a repeat. */
  keep(id: string): boolean {
    hashInto(id, this.hash, 0);
    if (!this.table.insert(this.hash[0]!, this.hash[1]!, this.count, () => id, this.idOf)) return false;
    this.count++;
    return true;
  }
}
