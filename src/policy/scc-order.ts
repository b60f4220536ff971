// The order a lineage graph is judged in: bases before the models built on them, and every cycle
// as one component. Iterative, so a chain of any depth needs no stack of calls.
import type { GraphInput } from "./engine.js";

/** What the order reads of a graph. */
export type BaseGraph = Pick<GraphInput, "size" | "baseCount" | "base" | "id">;

/**
 * Strongly connected components of the base graph (iterative Tarjan: no recursion, any depth),
 * each handed to `visit` after every component it reaches, so bases are summarised before the
 * models built on them; the list handed over is valid only during the call. Returns the nodes in
 * that order.
 */
export function sccOrder(g: BaseGraph, visit: (component: number[]) => void): Int32Array {
  const n = g.size;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const order = new Int32Array(n);
  let at = 0;
  let counter = 0;
  const callNode: number[] = [];
  const callEdge: number[] = [];
  const single: number[] = [0];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    // a model whose bases are all done (as every model is when bases come first) is a component
    // of its own: what the search below would find, without its stacks. Between searches nothing
    // is on the stack, so a visited base is a finished one; a base that is the model itself is not.
    let ready = true;
    for (let e = 0, m = g.baseCount(root); e < m && ready; e++) ready = index[g.base(root, e)] !== -1;
    if (ready) {
      index[root] = low[root] = counter++;
      single[0] = root;
      visit(single);
      order[at++] = root;
      continue;
    }
    callNode.push(root);
    callEdge.push(0);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (callNode.length) {
      const v = callNode[callNode.length - 1]!;
      const e = callEdge[callEdge.length - 1]!;
      if (e < g.baseCount(v)) {
        callEdge[callEdge.length - 1] = e + 1;
        const w = g.base(v, e);
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          callNode.push(w);
          callEdge.push(0);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      callNode.pop();
      callEdge.pop();
      if (callNode.length) {
        const parent = callNode[callNode.length - 1]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        // a model in no cycle, as nearly all are, in one reused list: an array per model was
        // millions of small objects for the collector
        let comp: number[];
        if (stack[stack.length - 1] === v) {
          stack.pop();
          onStack[v] = 0;
          comp = single;
          comp[0] = v;
        } else {
          comp = [];
          let w: number;
          do {
            w = stack.pop()!;
            onStack[w] = 0;
            comp.push(w);
          } while (w !== v);
        }
        // members of a cycle in a fixed order, whatever order the rows came in
        if (comp.length > 1) comp.sort((a, b) => (g.id(a) < g.id(b) ? -1 : g.id(a) > g.id(b) ? 1 : 0));
        visit(comp);
        for (const c of comp) order[at++] = c;
      }
    }
  }
  return order;
}
