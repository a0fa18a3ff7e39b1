import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SalvoError } from '../../src/errors.js';
import {
  compileExpressionTree,
  compileExpression as compileWith,
  type ExpressionTree,
  generatedLoopCount,
  MAX_EXPRESSION_DEPTH,
  MAX_EXPRESSION_TERMS,
} from '../../src/expr/compile.js';
import { parseWithMathjs } from '../../src/expr/mathjsParser.js';
import { lognormal, model, normal, uniform } from '../../src/index.js';
import { expectSalvoError } from '../helpers/errors.js';

// These tests call the compiler directly, with the parser that model() from 'salvo' hands its models.
const compileExpression = (
  source: string,
  known: readonly string[],
  where?: string,
  options: { interpret?: boolean } = {},
) => compileWith(source, known, where, { ...options, parse: parseWithMathjs });

const f64 = (...xs: number[]) => Float64Array.from(xs);

function run(
  source: string,
  columns: Record<string, Float64Array>,
  interpret = false,
): Float64Array {
  const known = Object.keys(columns);
  const compiled = compileExpression(source, known, 'test', { interpret });
  const n = Object.values(columns)[0]?.length ?? 1;
  const out = new Float64Array(n);
  compiled.evaluate(
    compiled.names.map((name) => columns[name]),
    out,
  );
  return out;
}

describe('compileExpression: known answers, generated and interpreted', () => {
  const a = f64(1, -2, 0, Number.NaN, 2.5, -2.5);
  const b = f64(3, 4, 0, 1, 0.5, 0.5);
  it.each([
    ['a + b * 2', [7, 6, 0, Number.NaN, 3.5, -1.5]],
    ['(a + b) * 2', [8, 4, 0, Number.NaN, 6, -4]],
    ['-a ^ 2', [-1, -4, -0, Number.NaN, -6.25, -6.25]],
    ['a / 0', [Infinity, -Infinity, Number.NaN, Number.NaN, Infinity, -Infinity]],
    ['a < b', [1, 1, 0, 0, 0, 1]],
    ['a == b', [0, 0, 1, 0, 0, 0]],
    ['a != b', [1, 1, 0, 1, 1, 1]],
    // NaN > 0 is 0 (as in numpy), so the NaN row takes b
    ['a > 0 ? a : b', [1, 4, 0, 1, 2.5, 0.5]],
    ['a ? 10 : 20', [10, 10, 20, Number.NaN, 10, 10]],
    ['round(a)', [1, -2, 0, Number.NaN, 3, -3]],
    ['max(a, b, 0)', [3, 4, 0, Number.NaN, 2.5, 0.5]],
    ['min(a)', [1, -2, 0, Number.NaN, 2.5, -2.5]],
    [
      'pow(b, 2) + sqrt(b) + abs(a) + floor(b) + ceil(b)',
      [
        1 * 9 + Math.sqrt(3) + 1 + 3 + 3,
        16 + 2 + 2 + 4 + 4,
        0,
        1 + 1 + Number.NaN + 1 + 1,
        0.25 + Math.sqrt(0.5) + 2.5 + 0 + 1,
        0.25 + Math.sqrt(0.5) + 2.5 + 0 + 1,
      ],
    ],
    // log(0) = -Infinity and exp(-Infinity) = 0
    ['exp(log(b)) - b + log10(100)', [2, 2, 2, 2, 2, 2]],
    ['1e3 * b', [3000, 4000, 0, 1000, 500, 500]],
  ])('%s', (source, expected) => {
    for (const interpret of [false, true]) {
      const out = run(source, { a, b }, interpret);
      expected.forEach((x, i) => {
        if (Number.isNaN(x)) expect(out[i], `${source}[${i}]`).toBeNaN();
        else expect(out[i], `${source}[${i}] (interpret: ${interpret})`).toBeCloseTo(x, 12);
      });
    }
  });

  it('reports the names it reads, in order of first appearance, and whether it generated code', () => {
    const compiled = compileExpression('b * a + b', ['a', 'b', 'c'], 'test');
    expect(compiled.names).toEqual(['b', 'a']);
    expect(compiled.generated).toBe(true);
    expect(compileExpression('a', ['a'], 'test', { interpret: true }).generated).toBe(false);
  });
});

// Random expressions over x, y, z from the supported grammar: the generated loop and the interpreter
// must agree bit for bit on random inputs (including NaN, ±Infinity, ±0).
const leaf = fc.oneof(
  fc.constantFrom('x', 'y', 'z'),
  fc.double({ min: -100, max: 100, noNaN: true }).map((v) => `(${v})`),
);
const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .tuple(
        tie('e'),
        fc.constantFrom('+', '-', '*', '/', '^', '<', '<=', '>', '>=', '==', '!='),
        tie('e'),
      )
      .map(([l, op, r]) => `(${l} ${op} ${r})`),
    tie('e').map((e) => `(-${e})`),
    fc
      .tuple(
        fc.constantFrom('exp', 'log', 'log10', 'sqrt', 'abs', 'floor', 'ceil', 'round'),
        tie('e'),
      )
      .map(([f, e]) => `${f}(${e})`),
    fc
      .tuple(fc.constantFrom('min', 'max', 'pow'), tie('e'), tie('e'))
      .map(([f, a, b]) => `${f}(${a}, ${b})`),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
  ),
})).e;

describe('shorthand: number suffixes and **', () => {
  const x = f64(3, -2, 0.5);
  it.each([
    ['x * 1M', [3e6, -2e6, 5e5]],
    ['x + 2.5B', [2.5e9 + 3, 2.5e9 - 2, 2.5e9 + 0.5]],
    ['x * 0 + 3T', [3e12, 3e12, 3e12]],
    // The decimal exponent moves (the double nearest 0.267e9), never 0.267 × 1e9 (which rounds up).
    ['x * 0 + 0.267B', [267_000_000, 267_000_000, 267_000_000]],
    ['x * 0 + 1e3k + .5k + 1.5e-3k', [1e6 + 500 + 1.5, 1e6 + 500 + 1.5, 1e6 + 500 + 1.5]],
    ['x ** 2', [9, 4, 0.25]],
    ['-x ** 2', [-9, -4, -0.25]],
    ['2 ** 3 ** 2 + x * 0', [512, 512, 512]],
  ])('%j', (source, expected) => {
    for (const interpret of [false, true]) {
      expect(Array.from(run(source, { x }, interpret))).toEqual(expected);
    }
  });

  it('leaves names with digits alone, and a suffix after a space is still implicit multiplication', () => {
    expect(Array.from(run('x2k * 1k', { x2k: f64(5) }))).toEqual([5000]);
    expect(Array.from(run('kB + M', { kB: f64(1), M: f64(2) }))).toEqual([3]);
    expect(() => run('2 k', { k: f64(1) })).toThrow(/implicit multiplication is not allowed/);
  });

  it('any number with a suffix equals the number typed out with its exponent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom(['k', 3], ['M', 6], ['B', 9], ['T', 12]),
        (digits, point, [suffix, exponent]) => {
          const text = String(digits);
          const written =
            point === 0 || point >= text.length
              ? text
              : `${text.slice(0, text.length - point)}.${text.slice(text.length - point)}`;
          const value = run(`x * 0 + ${written}${suffix}`, { x: f64(1) })[0];
          return Object.is(value, Number(`${written}e${exponent}`));
        },
      ),
    );
  });

  it('syntax errors point at the text as typed', () => {
    expect(() => run('x *** 2', { x })).toThrow(
      /Value expected \(char 5\)\n {2}x \*\*\* 2\n {6}\^/,
    );
    expect(() => run('1M + x +', { x })).toThrow(
      /Unexpected end of expression \(char 9\)\n {2}1M \+ x \+\n {10}\^/,
    );
  });
});

describe('compileExpression: generated loop equals the interpreter', () => {
  it('on random expressions and random inputs', () => {
    const column = fc.float64Array({ minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(expression, column, column, column, (source, x, y, z) => {
        const generated = run(source, { x, y, z });
        const interpreted = run(source, { x, y, z }, true);
        return generated.every((v, i) => Object.is(v, interpreted[i]));
      }),
      { numRuns: 300 },
    );
  });
});

describe('compileExpression: bad expressions are refused with the offending token marked', () => {
  it.each([
    [
      'contaners * x',
      /unknown name "contaners"; names declared so far: x, y\n {2}contaners \* x\n {2}\^{9}/,
    ],
    ['x * log', /unknown name "log" \(log is a function: call it as log\(\.\.\.\)\)/],
    ['sin(x)', /unsupported function "sin"; supported: exp, log/],
    ['pow(x)', /pow takes 2 arguments, got 1/],
    ['x +', /syntax error: Unexpected end of expression \(char 4\)\n {2}x \+\n {5}\^/],
    ['2 x', /implicit multiplication is not allowed/],
    ['x = 3', /assignment expressions are not supported/],
    ['"text"', /only numbers may appear as constants/],
    ['x and y', /operator "and" is not supported/],
    ['', /must be non-empty text/],
  ])('%j', (source, message) => {
    let error: unknown;
    try {
      compileExpression(source, ['x', 'y'], 'model.derive("z")');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SalvoError);
    expect((error as SalvoError).code).toBe('INVALID_PARAMETER');
    expect((error as SalvoError).parameter).toBe('expression');
    expect((error as SalvoError).message).toMatch(message);
  });
});

describe('model.derive with expressions', () => {
  const base = model({ seed: 'expr' })
    .input('containers', uniform(6_000, 7_400))
    .input('roundsPerContainer', lognormal.ci(380, 600))
    .input('share', uniform(0.4, 0.9));

  it('gives exactly the samples of the equivalent callback', () => {
    const byExpression = base
      .derive('shells', 'containers * roundsPerContainer * share')
      .run({ samples: 20_000 });
    const byCallback = base
      .derive('shells', ({ containers, roundsPerContainer, share }) =>
        containers.mul(roundsPerContainer).mul(share),
      )
      .run({ samples: 20_000 });
    expect(byExpression.samples('shells')).toEqual(byCallback.samples('shells'));
  });

  it('is checked when declared, against the names declared so far (no reading ahead, no self-reference)', () => {
    expect(() => base.derive('shells', 'containers * pricePerShellUsd')).toThrow(
      /unknown name "pricePerShellUsd"/,
    );
    expect(() => base.derive('shells', 'shells + 1')).toThrow(/unknown name "shells"/);
  });

  it('counts the non-finite values an expression produces instead of averaging them', () => {
    const run = model({ seed: 2 })
      .input('x', normal(0, 1))
      .derive('inverse', 'x > 0 ? 1 / (x - x) : 1')
      .run({ samples: 50_000 });
    const summary = run.summary('inverse');
    expect(summary.nonFinite).toBeGreaterThan(20_000);
    expect(summary.mean).toBe(1);
  });
});

describe("'salvo/core'", () => {
  it('exports everything the root entry does, with a model whose derive refuses expression text', async () => {
    const root = await import('../../src/index.js');
    const core = await import('../../src/core.js');
    expect(Object.keys(core).sort()).toEqual(Object.keys(root).sort());
    // The two that parse expressions differ: model and modelFromJson.
    for (const name of Object.keys(root)) {
      if (name !== 'model' && name !== 'modelFromJson')
        expect(core[name as keyof typeof core], name).toBe(root[name as keyof typeof root]);
    }
    expect(core.model).not.toBe(root.model);
    expect(core.modelFromJson).not.toBe(root.modelFromJson);
    const base = core.model({ seed: 1 }).input('a', normal(0, 1));
    // Callbacks work and give the same samples as the root entry's model.
    const viaCore = base
      .derive('b', ({ a }) => a.mul(2))
      .run({ samples: 5000 })
      .samples('b');
    const viaRoot = root
      .model({ seed: 1 })
      .input('a', normal(0, 1))
      .derive('b', 'a * 2')
      .run({ samples: 5000 })
      .samples('b');
    expect(viaCore).toEqual(viaRoot);
  });

  it("refuses expression text with UNSUPPORTED, even after models of 'salvo' have parsed some", async () => {
    const root = await import('../../src/index.js');
    const core = await import('../../src/core.js');
    // A model of 'salvo' parses; that must not hand the parser to models of 'salvo/core'.
    root.model({ seed: 1 }).input('a', normal(0, 1)).derive('b', 'a * 2');
    const base = core.model({ seed: 1 }).input('a', normal(0, 1));
    expect(() => base.derive('b', 'a * 2')).toThrow(
      /expression text needs the expression parser.*'salvo\/core'/,
    );
    // Nor do later builders of the same model gain it (correlate, observe keep what the model has).
    const later = base.input('c', normal(0, 1)).correlate('a', 'c', 0.5).observe('a', normal(0, 1));
    expectSalvoError(() => later.derive('d', 'a + c'), {
      code: 'UNSUPPORTED',
      parameter: 'expression',
    });
    // And the models of 'salvo' keep theirs through every builder step.
    const rootLater = root
      .model({ seed: 1 })
      .input('a', normal(0, 1))
      .input('c', normal(0, 1))
      .correlate('a', 'c', 0.5)
      .observe('a', normal(0, 1));
    expect(rootLater.derive('d', 'a + c').names).toEqual(['a', 'c', 'd']);
  });
});

describe('compileExpression: expressions too large or too deep are refused, never slow or uncoded', () => {
  const sum = (terms: number) => Array.from({ length: terms }, () => 'x').join(' + ');
  const tooLarge = (f: () => unknown, cause?: typeof Error) => {
    const error = expectSalvoError(f, {
      code: 'EXPRESSION_TOO_LARGE',
      parameter: 'expression',
      messageNamesParameter: false,
    });
    if (cause !== undefined) expect(error.cause).toBeInstanceOf(cause);
    return error;
  };

  it('a 10,000-term sum throws EXPRESSION_TOO_LARGE from .derive, with the depth limit', () => {
    const m = model({ seed: 1 }).input('x', normal(0, 1));
    const error = tooLarge(() => m.derive('y', sum(10_000)));
    expect(error.message).toContain('model.derive("y")');
    expect(error.message).toContain(`${MAX_EXPRESSION_DEPTH.toLocaleString('en-US')} levels`);
  });

  it('1,000 nested parentheses, where mathjs runs out of stack, keep its RangeError as the cause', () => {
    tooLarge(() => compileExpression(`${'('.repeat(1000)}x${')'.repeat(1000)}`, ['x']), RangeError);
  });

  it('a 3,000-term sum is refused instead of silently falling back to the interpreter', () => {
    tooLarge(() => compileExpression(sum(3_000), ['x']));
  });

  it('max( of 100,000 arguments is refused with the size limit', () => {
    const error = tooLarge(() =>
      compileExpression(`max(${Array.from({ length: 100_000 }, () => 'x').join(', ')})`, ['x']),
    );
    expect(error.message).toContain(`${MAX_EXPRESSION_TERMS.toLocaleString('en-US')} terms`);
  });

  it('at the limits, expressions are generated and give the interpreter’s values', () => {
    const x = f64(1.5, -2, 0.25);
    const deepest = sum(MAX_EXPRESSION_DEPTH); // depth: the n - 1 additions and the first term
    // max( of n names has n + 1 terms
    const widest = `max(${Array.from({ length: MAX_EXPRESSION_TERMS - 1 }, () => 'x').join(', ')})`;
    for (const source of [deepest, widest]) {
      expect(compileExpression(source, ['x']).generated).toBe(true);
      expect(run(source, { x })).toEqual(run(source, { x }, true));
    }
    tooLarge(() => compileExpression(sum(MAX_EXPRESSION_DEPTH + 1), ['x']));
    tooLarge(() => compileExpression(`${widest.slice(0, -1)}, x)`, ['x']));
  });

  it('when generating the loop runs out of stack, the error is coded (never a silent interpreter)', () => {
    // A tree deeper than any expression compileExpression accepts, built by hand.
    let tree: ExpressionTree = { kind: 'symbol', index: 0 };
    for (let k = 0; k < 5_000; k++) {
      tree = { kind: 'binary', op: '-', left: { kind: 'constant', value: k }, right: tree };
    }
    tooLarge(() => compileExpressionTree('deep', ['x'], tree), RangeError);
  });
});

describe('the cache of generated loops', () => {
  it('stays bounded when a program builds many distinct expressions (a sweep writing constants)', () => {
    for (let k = 0; k < 1_100; k++) {
      const compiled = compileExpression(`a * ${k + 0.5}`, ['a'], 'test');
      expect(compiled.generated).toBe(true);
    }
    expect(generatedLoopCount()).toBeLessThanOrEqual(1_024);
    // A loop used again is kept: the expression still compiles, and gives its value.
    expect(run('a * 1099.5', { a: f64(2) })).toEqual(f64(2199));
  });
});
