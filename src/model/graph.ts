/**
 * The model graph's edges: which nodes a node reads, and everything it depends on.
 * @internal
 * @module
 */
import type { NodeSpec } from './definition.js';

/** Names a node reads: an expression's identifiers; for callbacks, every node declared before it. */
export function readsOf(nodes: readonly NodeSpec[], index: number): readonly string[] {
  const node = nodes[index];
  if (node.kind === 'input') return [];
  if (node.kind === 'expression') return node.expression.names;
  return nodes.slice(0, index).map((n) => n.name);
}

/** Indexes of the nodes `index` depends on, directly or not (itself excluded). */
export function ancestorsOf(nodes: readonly NodeSpec[], index: number): Set<number> {
  const position = new Map(nodes.map((n, j) => [n.name, j]));
  const seen = new Set<number>();
  const stack = [index];
  while (stack.length > 0) {
    const j = stack.pop() as number;
    for (const name of readsOf(nodes, j)) {
      const k = position.get(name) as number;
      if (!seen.has(k)) {
        seen.add(k);
        stack.push(k);
      }
    }
  }
  return seen;
}

/** Names of the nodes no other node reads: the model's outputs. */
export function outputsOf(nodes: readonly NodeSpec[]): string[] {
  const read = new Set<string>();
  nodes.forEach((_, j) => {
    for (const name of readsOf(nodes, j)) read.add(name);
  });
  return nodes.map((n) => n.name).filter((name) => !read.has(name));
}
