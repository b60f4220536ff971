// A batch of dump rows in columns: what every reader (and every parse worker) hands the audit.
// Typed arrays and one string per batch instead of an object and a few strings per row: at two
// million rows, per-row objects on the auditing thread cost more in garbage collection than
// parsing the whole file, and typed arrays cross from a worker without a copy.
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import { NOASSERTION, NONE } from "../kb/knowledge-base.js";
import { expressionOrNoassertion } from "../kb/resolve-expression.js";
import { resolveLicenseName } from "../kb/resolve-license-name.js";
import { RELATIONS } from "../kb/vocabulary.js";
import { formatExpr } from "../kb/expression.js";
import { entriesWithOther, resolveDeclared } from "../inspect/declared-license.js";
import type { Evidence } from "../inspect/record.js";
import { grown } from "../policy/grown.js";
import type { AuditRow } from "./rows.js";

/** A row's license keeps no evidence: the audit reports the resolved license only. */
const ROW_EVIDENCE: Evidence = { source: "card", file: "", field: "license", value: "" };

export interface ColumnBatch {
  rows: number;
  /** Each row's id, then its bases, each followed by a newline (ids never hold one). */
  text: string;
  /** Where each row's id starts in `text`. */
  idAt: Uint32Array;
  /** Two 32-bit hashes of each lower-cased id (see hashInto). */
  idHash: Uint32Array;
  /** Each row's license, resolved in the knowledge base: an index into `licenses`. */
  license: Uint16Array;
  licenses: string[];
  /** 0 for no relation, else 1 + index into RELATIONS. */
  relation: Uint8Array;
  /** Row i's bases are baseAt/baseHash entries baseStart[i] .. baseStart[i + 1]. */
  baseStart: Uint32Array;
  baseAt: Uint32Array;
  baseHash: Uint32Array;
  skips: Record<string, number>;
  /** The optional columns (FIELD_BITS) some row of the batch holds. */
  fields: number;
}

/** The typed arrays of a batch, to hand to postMessage as transferables. */
export function transferables(b: ColumnBatch): ArrayBuffer[] {
  return [b.idAt, b.idHash, b.license, b.relation, b.baseStart, b.baseAt, b.baseHash].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** The id (or base) string starting at `at`. */
export function stringAt(b: ColumnBatch, at: number): string {
  return b.text.slice(at, b.text.indexOf("\n", at));
}

/**
 * Two independent 32-bit hashes of a lower-cased id (FNV-1a and a multiply-xorshift), written at
 * out[2k], out[2k + 1]. Hub ids are ASCII, folded here without building the lower-case string;
 * anything else goes through toLowerCase first.
 */
export function hashInto(id: string, out: Uint32Array, k: number, lowered = false): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < id.length; i++) {
    let c = id.charCodeAt(i);
    // folded by toLowerCase from the start, as the ASCII folding below cannot fold the rest
    if (c > 0x7f && !lowered) return hashInto(id.toLowerCase(), out, k, true);
    if (c >= 65 && c <= 90) c += 32;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  out[2 * k] = a >>> 0;
  out[2 * k + 1] = (b ^ (b >>> 13)) >>> 0;
}

const RELATION_CODE = new Map<string, number>(RELATIONS.map((r, i) => [r, i + 1]));

/** Collects rows into a ColumnBatch; license spellings are resolved once per distinct spelling. */
export class BatchBuilder {
  private text: string[] = [];
  private textLength = 0;
  private rowCount = 0;
  private baseCount = 0;
  private idAt = new Uint32Array(1024);
  private idHash = new Uint32Array(2048);
  private license = new Uint16Array(1024);
  private relation = new Uint8Array(1024);
  private baseStart = new Uint32Array(1025);
  private baseAt = new Uint32Array(1024);
  private baseHash = new Uint32Array(2048);
  private skips: Record<string, number> = {};
  private fields = 0;
  private licenses: string[] = [];
  private licenseCode = new Map<string, number>();
  /** raw spelling -> license_name (and license_link, when there is one) -> resolved id, across batches */
  private readonly resolved = new Map<string | null, Map<string | null, string>>();

  constructor(private readonly kb: KnowledgeBase) {}

  get rows(): number {
    return this.rowCount;
  }

  skip(reason: string): void {
    this.skips[reason] = (this.skips[reason] ?? 0) + 1;
  }

  /** `idHash`: the id's two hashes when the caller has them already (from hashInto). */
  add(r: AuditRow, idHash?: Uint32Array): void {
    const i = this.rowCount;
    // each column by what it needs (baseStart holds one more than the rows)
    this.idAt = grown(this.idAt, i + 1, 2);
    this.idHash = grown(this.idHash, 2 * (i + 1), 2);
    this.license = grown(this.license, i + 1, 2);
    this.relation = grown(this.relation, i + 1, 2);
    this.baseStart = grown(this.baseStart, i + 2, 2);
    this.idAt[i] = this.textLength;
    this.push(r.id);
    if (idHash) {
      this.idHash[2 * i] = idHash[0]!;
      this.idHash[2 * i + 1] = idHash[1]!;
    } else hashInto(r.id, this.idHash, i);
    const lic = this.resolve(r.license, r.licenseName, r.licenseLink);
    let code = this.licenseCode.get(lic);
    if (code === undefined) {
      code = this.licenses.length;
      this.licenses.push(lic);
      this.licenseCode.set(lic, code);
    }
    this.license[i] = code;
    this.relation[i] = r.relation ? (RELATION_CODE.get(r.relation) ?? 0) : 0;
    for (const b of r.bases) {
      const k = this.baseCount++;
      this.baseAt = grown(this.baseAt, k + 1, 2);
      this.baseHash = grown(this.baseHash, 2 * (k + 1), 2);
      this.baseAt[k] = this.textLength;
      this.push(b);
      hashInto(b, this.baseHash, k);
    }
    this.fields |= r.fields;
    this.rowCount = i + 1;
    this.baseStart[i + 1] = this.baseCount;
  }

  private push(s: string): void {
    this.text.push(s);
    this.textLength += s.length + 1;
  }

  /**
   * The license a row's spellings name: Hub id, then license_name and license_link (as `check`
   * resolves a card's `license: other`), then an SPDX expression.
   */
  private resolve(raw: string | null, name: string | null, link: string | null): string {
    let byName = this.resolved.get(raw);
    if (!byName) this.resolved.set(raw, (byName = new Map()));
    // a link is rare beside a name: one key for both only then
    const key = link === null ? name : `${name ?? ""}\u0000${link}`;
    let id = byName.get(key);
    if (id) return id;
    const kb = this.kb;
    if (!raw && !name && !link) id = NONE;
    else {
      id = (raw && kb.fromHubId(raw)) || undefined;
      if ((!id || id === NOASSERTION) && (name || link)) {
        // `other` in a list ("apache-2.0 and other") is the one entry the name stands for: the
        // others bind too, as `inspect` reads the same card
        const entries = raw ? entriesWithOther(raw) : null;
        if (entries) {
          const values = entries.map((value) => ({ value, evidence: ROW_EVIDENCE }));
          const d = resolveDeclared(kb, values, { name: name ?? undefined, link: link ?? undefined });
          if (d) id = formatExpr(d.expr);
        } else id = resolveLicenseName(kb, { name: name ?? undefined, link: link ?? undefined })?.id ?? id;
      }
      if (!id && raw) id = expressionOrNoassertion(raw, kb) ?? undefined;
      id ??= NOASSERTION;
    }
    byName.set(key, id);
    return id;
  }

  /** The batch so far; the builder starts a new one. */
  finish(): ColumnBatch {
    const rows = this.rowCount;
    const bases = this.baseCount;
    const batch: ColumnBatch = {
      rows,
      text: this.text.length ? this.text.join("\n") + "\n" : "",
      idAt: this.idAt.slice(0, rows),
      idHash: this.idHash.slice(0, 2 * rows),
      license: this.license.slice(0, rows),
      licenses: this.licenses,
      relation: this.relation.slice(0, rows),
      baseStart: this.baseStart.slice(0, rows + 1),
      baseAt: this.baseAt.slice(0, bases),
      baseHash: this.baseHash.slice(0, 2 * bases),
      skips: this.skips,
      fields: this.fields,
    };
    this.fields = 0;
    this.text = [];
    this.textLength = 0;
    this.rowCount = 0;
    this.baseCount = 0;
    this.skips = {};
    this.licenses = [];
    this.licenseCode = new Map();
    return batch;
  }
}
