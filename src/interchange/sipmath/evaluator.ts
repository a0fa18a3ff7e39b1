/**
 * The uniforms of a library's trials: its generators (`HDR_2_0`, `Index`) and copulas
 * (`GaussianCopula`, `SIP_Array`), each evaluated once, and its embedded sample arrays.
 * @internal
 * @module
 */
import { SalvoError } from '../../errors.js';
import { cholesky } from '../../linalg/factor.js';
import { requirePsd } from '../../linalg/psdCheck.js';
import { normalCdf, normalQuantile } from '../../special/normal.js';
import { show } from '../../validate.js';
import { HDR_MAX, hdr, requireHdrInteger } from './hdr.js';
import {
  type At,
  arrayAt,
  at,
  findNamed,
  finiteAt,
  IMPORT,
  libraryError,
  objectAt,
  stringAt,
} from './jsonPaths.js';

/** Evaluates the library's generators and copulas, each once. */
export class LibraryEvaluator {
  private readonly rngs = new Map<string, Float64Array | 'index'>();
  private readonly layers = new Map<string, Map<string, Float64Array>>();

  constructor(
    private readonly root: At,
    private readonly first: number,
    private readonly trials: number,
    private readonly parameters: Readonly<Record<string, number>>,
  ) {}

  /** A seed argument: an integer, or a parameter named in the options. */
  private seed(node: At): number {
    const value = node.value;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const type = at(node, 'type');
      if (type.value !== 'parameter') throw libraryError(type, "must be 'parameter'");
      const name = stringAt(at(node, 'name'));
      if (!Object.hasOwn(this.parameters, name)) {
        throw new SalvoError(
          'INVALID_PARAMETER',
          `${IMPORT}: ${node.path} is the parameter ${show(name)}; give its value as options.parameters[${JSON.stringify(name)}]`,
          { parameter: node.path, value },
        );
      }
      return requireHdrInteger(
        IMPORT,
        `options.parameters[${JSON.stringify(name)}]`,
        this.parameters[name],
      );
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > HDR_MAX) {
      throw libraryError(node, `must be an integer from 0 to ${HDR_MAX} (the HDR 2.0 range)`);
    }
    return value;
  }

  /** The uniforms of the generator named `name` (referred to at `from`), or 'index'. */
  rng(name: string, from: At): Float64Array | 'index' {
    const cached = this.rngs.get(name);
    if (cached !== undefined) return cached;
    const entry = findNamed(at(at(this.root, 'U01'), 'rng'), name, 'generators', from);
    const fn = stringAt(at(entry, 'function'));
    let result: Float64Array | 'index';
    if (fn === 'HDR_2_0') {
      const args = at(entry, 'arguments');
      objectAt(args);
      const counter = at(args, 'counter');
      if (counter.value !== undefined && counter.value !== 'PM_Index') {
        throw libraryError(counter, "must be 'PM_Index' (the trial counter)");
      }
      const entity = this.seed(at(args, 'entity'));
      const varId = this.seed(at(args, 'varId'));
      const seed3 = at(args, 'seed3').value === undefined ? 0 : this.seed(at(args, 'seed3'));
      const seed4 = at(args, 'seed4').value === undefined ? 0 : this.seed(at(args, 'seed4'));
      const u = new Float64Array(this.trials);
      for (let t = 0; t < this.trials; t++) u[t] = hdr(this.first + t, varId, entity, seed3, seed4);
      result = u;
    } else if (fn === 'Index') {
      result = 'index';
    } else {
      throw new SalvoError(
        'UNSUPPORTED',
        `${IMPORT}: ${entry.path}.function is ${show(fn)}; salvo evaluates the generators 'HDR_2_0' and 'Index'`,
        { parameter: `${entry.path}.function`, value: fn },
      );
    }
    this.rngs.set(name, result);
    return result;
  }

  /** Uniforms of a generator that must be random (not an index). */
  private uniform(name: string, from: At): Float64Array {
    const u = this.rng(name, from);
    if (u === 'index') {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${IMPORT}: ${from.path} = ${show(name)} is an 'Index' generator, which gives trial numbers, not uniforms`,
        { parameter: from.path, value: name },
      );
    }
    return u;
  }

  /** The uniforms of layer `layer` of the copula named `name`. */
  layer(name: string, layer: string, from: At, layerAt: At): Float64Array {
    let layers = this.layers.get(name);
    if (layers === undefined) {
      layers = this.copula(findNamed(at(at(this.root, 'U01'), 'copula'), name, 'copulas', from));
      this.layers.set(name, layers);
    }
    const u = layers.get(layer);
    if (u === undefined) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${IMPORT}: ${layerAt.path} = ${show(layer)} is not a layer of copula ${show(name)} (layers: ${[...layers.keys()].join(', ')})`,
        { parameter: layerAt.path, value: layer },
      );
    }
    return u;
  }

  private copula(entry: At): Map<string, Float64Array> {
    const fn = stringAt(at(entry, 'function'));
    const args = at(entry, 'arguments');
    objectAt(args);
    const layerNode = at(entry, 'copulaLayer');
    const layerNames = arrayAt(layerNode, 'an array of layer names').map((_, i) =>
      stringAt(at(layerNode, i)),
    );
    const k = layerNames.length;
    const out = new Map<string, Float64Array>();
    if (fn === 'SIP_Array') {
      const type = at(args, 'type');
      if (type.value !== 'array') {
        throw new SalvoError(
          'UNSUPPORTED',
          `${IMPORT}: ${type.path} is ${show(type.value)}; salvo reads copulas embedded as arrays (type 'array'), not files or links`,
          { parameter: type.path, value: type.value },
        );
      }
      const value = at(args, 'value');
      if (arrayAt(value).length !== k) {
        throw libraryError(value, `must hold one array of uniforms per copula layer (${k})`);
      }
      layerNames.forEach((layer, i) => {
        const u = this.arrayValues(at(value, i));
        for (let t = 0; t < this.trials; t++) {
          const x = u[t];
          if (!(x > 0 && x < 1)) {
            throw libraryError(
              at(at(value, i), this.first + t - 1),
              'must be a uniform strictly between 0 and 1',
            );
          }
        }
        out.set(layer, u);
      });
      return out;
    }
    if (fn !== 'GaussianCopula') {
      throw new SalvoError(
        'UNSUPPORTED',
        `${IMPORT}: ${entry.path}.function is ${show(fn)}; salvo evaluates 'GaussianCopula' and 'SIP_Array' copulas`,
        { parameter: `${entry.path}.function`, value: fn },
      );
    }
    const rngNode = at(args, 'rng');
    const rngNames = arrayAt(rngNode, 'an array of generator names').map((_, i) =>
      stringAt(at(rngNode, i)),
    );
    if (rngNames.length !== k) {
      throw libraryError(rngNode, `must name one generator per copula layer (${k})`);
    }
    const factor = this.choleskyOf(at(args, 'correlationMatrix'), k);
    const z = rngNames.map((rngName, j) => {
      const u = this.uniform(rngName, at(rngNode, j));
      const scores = new Float64Array(this.trials);
      for (let t = 0; t < this.trials; t++) scores[t] = normalQuantile(u[t]);
      return scores;
    });
    layerNames.forEach((layer, i) => {
      const u = new Float64Array(this.trials);
      for (let t = 0; t < this.trials; t++) {
        let sum = 0;
        for (let j = 0; j <= i; j++) sum += factor[i * k + j] * z[j][t];
        // Φ rounds to 1 beyond z ≈ 8.3 (never reached by HDR's uniforms, which stay within 2^-33 of
        // the ends, unless several extreme scores add up): keep u inside (0, 1).
        u[t] = Math.min(normalCdf(sum), 1 - 2 ** -53);
      }
      out.set(layer, u);
    });
    return out;
  }

  /** The lower Cholesky factor of the copula's correlation matrix (semi-definite allowed). */
  private choleskyOf(reference: At, k: number): Float64Array {
    objectAt(reference);
    const type = at(reference, 'type');
    if (type.value !== 'globalVariables') {
      throw new SalvoError(
        'UNSUPPORTED',
        `${IMPORT}: ${type.path} is ${show(type.value)}; salvo reads correlation matrices given in globalVariables`,
        { parameter: type.path, value: type.value },
      );
    }
    const name = stringAt(at(reference, 'value'));
    const variable = findNamed(
      at(this.root, 'globalVariables'),
      name,
      'global variables',
      at(reference, 'value'),
    );
    const value = at(variable, 'value');
    objectAt(value);
    const columnsNode = at(value, 'columns');
    const rowsNode = at(value, 'rows');
    const columns = arrayAt(columnsNode).map((_, i) => stringAt(at(columnsNode, i)));
    const rows = arrayAt(rowsNode).map((_, i) => stringAt(at(rowsNode, i)));
    if (columns.length !== k) {
      throw libraryError(columnsNode, `must name one column per copula layer (${k})`);
    }
    if (rows.length !== k || rows.some((row, i) => row !== columns[i])) {
      throw libraryError(
        rowsNode,
        `must list the same ${k} names as ${columnsNode.path}, in the same order`,
      );
    }
    const m = new Float64Array(k * k).fill(Number.NaN);
    const entries = at(value, 'matrix');
    arrayAt(entries).forEach((_, e) => {
      const entry = at(entries, e);
      objectAt(entry);
      const rowName = stringAt(at(entry, 'row'));
      const colName = stringAt(at(entry, 'col'));
      const i = columns.indexOf(rowName);
      const j = columns.indexOf(colName);
      if (i < 0) throw libraryError(at(entry, 'row'), `must be one of ${columns.join(', ')}`);
      if (j < 0) throw libraryError(at(entry, 'col'), `must be one of ${columns.join(', ')}`);
      const x = finiteAt(at(entry, 'value'));
      if (!(x >= -1 && x <= 1))
        throw libraryError(at(entry, 'value'), 'must be a correlation in [-1, 1]');
      if (i === j && Math.abs(x - 1) > 1e-9) {
        throw libraryError(at(entry, 'value'), 'is on the diagonal and must be 1');
      }
      for (const [a, b] of [
        [i, j],
        [j, i],
      ]) {
        const earlier = m[a * k + b];
        if (!Number.isNaN(earlier) && Math.abs(earlier - x) > 1e-12) {
          throw libraryError(
            at(entry, 'value'),
            `must equal the value given for ${columns[b]}, ${columns[a]} (${earlier}): a correlation matrix is symmetric`,
          );
        }
        m[a * k + b] = i === j ? 1 : x;
      }
    });
    // Entries left out are 0 off the diagonal (PySIPmath writes only the non-zero ones) and 1 on it.
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) if (Number.isNaN(m[i * k + j])) m[i * k + j] = i === j ? 1 : 0;
    }
    requirePsd(IMPORT, entries.path, m, k, `the correlation matrix ${entries.path}`);
    return cholesky(m, k, { semidefinite: true });
  }

  /** The numbers of an embedded array, enough of them for the requested trials. */
  arrayValues(node: At): Float64Array {
    const items = arrayAt(node, 'an array of numbers');
    const needed = this.first - 1 + this.trials;
    if (items.length < needed) {
      throw libraryError(
        node,
        `must hold at least ${needed} values for trials ${this.first} to ${needed} (it holds ${items.length})`,
      );
    }
    const out = new Float64Array(this.trials);
    for (let t = 0; t < this.trials; t++) out[t] = finiteAt(at(node, this.first - 1 + t));
    return out;
  }
}
