/**
 * Distributions as plain data, so that a model can be rebuilt in a worker thread: every built-in
 * family turns into a {@link SerializedDistribution} (its factory's arguments, nested for mixtures and
 * truncations) and back into an object that samples bit for bit like the original.
 * @internal
 * @module
 */
import { SalvoError } from '../errors.js';
import { show } from '../validate.js';
import { givenArguments } from './arguments.js';
import { bernoulli } from './bernoulli.js';
import { beta } from './beta.js';
import { binomial } from './binomial.js';
import { categorical } from './categorical.js';
import { constant } from './constant.js';
import { empirical, empiricalSortedData } from './empirical.js';
import { exponential } from './exponential.js';
import { gamma } from './gamma.js';
import { lognormal } from './lognormal.js';
import { logUniform } from './logUniform.js';
import { metalogFromParams } from './metalog/index.js';
import { mixture } from './mixture.js';
import { negativeBinomial } from './negativeBinomial.js';
import { normal } from './normal.js';
import { pert } from './pert.js';
import { poisson } from './poisson.js';
import { studentT } from './studentT.js';
import { triangular } from './triangular.js';
import { truncated } from './truncated/index.js';
import type { Distribution } from './types.js';
import { uniform } from './uniform.js';

/** A distribution as structured-cloneable data. */
export type SerializedDistribution =
  | { readonly family: 'params'; readonly name: string; readonly params: Record<string, number> }
  | { readonly family: 'empirical'; readonly data: Float64Array }
  | {
      readonly family: 'categorical';
      readonly values: Float64Array;
      readonly weights: Float64Array;
    }
  | {
      readonly family: 'mixture';
      readonly components: readonly SerializedDistribution[];
      readonly weights: Float64Array | undefined;
    }
  | {
      readonly family: 'truncated';
      readonly base: SerializedDistribution;
      readonly min: number;
      readonly max: number;
    };

type P = Record<string, number>;

/** Families rebuilt from their `params` alone, by calling their factory. */
const FROM_PARAMS: Readonly<Record<string, (p: P) => Distribution>> = {
  uniform: (p) => uniform(p.min, p.max),
  normal: (p) => normal(p.mean, p.sd),
  lognormal: (p) => lognormal(p.mu, p.sigma),
  logUniform: (p) => logUniform(p.min, p.max),
  triangular: (p) => triangular(p.min, p.mode, p.max),
  pert: (p) => pert(p.min, p.mode, p.max, { lambda: p.lambda }),
  beta: (p) => beta(p.alpha, p.beta),
  gamma: (p) => gamma(p.shape, p.scale),
  exponential: (p) => exponential(p.rate),
  studentT: (p) => studentT(p.df, { location: p.location, scale: p.scale }),
  constant: (p) => constant(p.value),
  poisson: (p) => poisson(p.lambda),
  binomial: (p) => binomial(p.n, p.p),
  negativeBinomial: (p) => negativeBinomial(p.r, p.p),
  bernoulli: (p) => bernoulli(p.p),
  metalog: (p) => metalogFromParams(p),
};

/**
 * The serialized form of a built-in distribution, or `undefined` for one salvo cannot rebuild (a user-defined
 * object implementing `Distribution`, or anything containing one).
 */
export function serializeDistribution(dist: Distribution): SerializedDistribution | undefined {
  const family = dist.family;
  if (Object.hasOwn(FROM_PARAMS, family)) {
    // Only trust the family name for salvo's own objects: a rebuilt twin must describe itself alike.
    let twin: Distribution;
    try {
      twin = FROM_PARAMS[family]({ ...dist.params });
    } catch {
      return undefined;
    }
    if (Object.getPrototypeOf(twin) !== Object.getPrototypeOf(dist)) return undefined;
    return { family: 'params', name: family, params: { ...dist.params } };
  }
  if (family === 'empirical') {
    const data = empiricalSortedData(dist);
    return data === undefined ? undefined : { family: 'empirical', data: data.slice() };
  }
  const args = givenArguments(dist);
  if (family === 'categorical' && args !== undefined) {
    const [values, weights] = args as [Float64Array, Float64Array];
    return { family: 'categorical', values: values.slice(), weights: weights.slice() };
  }
  if (family === 'mixture' && args !== undefined) {
    const [components, weights] = args as [readonly Distribution[], Float64Array | undefined];
    const parts: SerializedDistribution[] = [];
    for (const component of components) {
      const serialized = serializeDistribution(component);
      if (serialized === undefined) return undefined;
      parts.push(serialized);
    }
    return { family: 'mixture', components: parts, weights: weights?.slice() };
  }
  if (family === 'truncated' && 'base' in dist) {
    const base = serializeDistribution((dist as unknown as { base: Distribution }).base);
    if (base === undefined) return undefined;
    return { family: 'truncated', base, min: dist.params.min, max: dist.params.max };
  }
  return undefined;
}

/** Rebuilds a distribution from its serialized form. */
export function deserializeDistribution(serialized: SerializedDistribution): Distribution {
  switch (serialized.family) {
    case 'params': {
      const make = FROM_PARAMS[serialized.name];
      if (make === undefined) break;
      return make(serialized.params);
    }
    case 'empirical':
      return empirical(serialized.data);
    case 'categorical':
      return categorical(serialized.values, serialized.weights);
    case 'mixture':
      return mixture(serialized.components.map(deserializeDistribution), serialized.weights);
    case 'truncated': {
      const bounds: { min?: number; max?: number } = {};
      if (serialized.min !== Number.NEGATIVE_INFINITY) bounds.min = serialized.min;
      if (serialized.max !== Number.POSITIVE_INFINITY) bounds.max = serialized.max;
      return truncated(deserializeDistribution(serialized.base), bounds);
    }
  }
  throw new SalvoError(
    'INVALID_PARAMETER',
    `deserializeDistribution: unknown serialized distribution ${show(serialized)}`,
    { parameter: 'serialized', value: serialized },
  );
}
