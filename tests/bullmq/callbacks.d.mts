import type { NodeSamples, Samples } from '../../src/index.js';

export function throwOnce(nodes: NodeSamples<'shells'>): Samples | Float64Array;
export function alwaysThrow(): never;
