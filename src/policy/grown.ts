// Typed arrays that grow as they fill: the engine's tables, pools and scratch lists, and the
// audit's columns.

type Growable = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;

/**
 * `a` itself when it holds `need` items, else a copy of it `factor` times as long (again until
 * it holds them). By half again by default: the pools of a million judgments are large buffers,
 * and a doubling leaves up to half of one unused.
 */
export function grown<T extends Growable>(a: T, need: number, factor = 1.5): T {
  if (need <= a.length) return a;
  let n = Math.max(1, Math.floor(a.length * factor));
  while (n < need) n = Math.floor(n * factor) + 1;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}
