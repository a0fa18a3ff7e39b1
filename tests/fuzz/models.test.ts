import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  beta,
  lognormal,
  type ModelRun,
  model,
  normal,
  pert,
  poisson,
  uniform,
} from '../../src/index.js';
import { codedOrValid, fuzz, hostileNumber, hostileValue } from './harness.js';

/** Node names: ordinary ones, and words an expression or an object could read as something else. */
const nodeName = fc.oneof(
  { arbitrary: fc.constantFrom('x', 'y', 'shells', 'valueUsd', 'x_1', 'X'), weight: 4 },
  {
    arbitrary: fc.constantFrom(
      'Infinity',
      'NaN',
      'true',
      'false',
      'null',
      'undefined',
      'not',
      'and',
      'or',
      'mod',
      'to',
      'in',
      'pi',
      'e',
      '__proto__',
      'constructor',
      'toString',
      'exp',
      'a b',
      '',
      '1x',
      'x'.repeat(300),
    ),
    weight: 1,
  },
);

/** Expression text from tokens: names, numbers, operators, functions, and tokens that do not belong. */
const expression = fc
  .array(
    fc.oneof(
      { arbitrary: fc.constantFrom('x', 'y', 'x', 'y', 'z'), weight: 6 },
      { arbitrary: fc.constantFrom('1', '2.5', '0', '1e308', '-1', '1k', '3M'), weight: 3 },
      {
        arbitrary: fc.constantFrom(' + ', ' - ', ' * ', ' / ', ' ^ ', ' % ', ' ** ', ' > ', ' == '),
        weight: 6,
      },
      {
        arbitrary: fc.constantFrom(
          'exp(',
          'log(',
          'sqrt(',
          'abs(',
          'min(',
          'max(',
          'pow(',
          '(',
          ')',
          ', ',
        ),
        weight: 4,
      },
      {
        arbitrary: fc.constantFrom(
          'constructor',
          '__proto__',
          ';',
          '=',
          '[',
          ']',
          '"',
          '.',
          '?',
          ':',
          'import',
          '!',
        ),
        weight: 1,
      },
    ),
    { minLength: 1, maxLength: 14 },
  )
  .map((tokens) => tokens.join(''));

/** Run options: ordinary ones, with now and then a hostile value or a misspelt name. */
const runOptions = fc.oneof(
  { arbitrary: fc.record({ samples: fc.integer({ min: 1, max: 9000 }) }), weight: 4 },
  {
    arbitrary: fc.record(
      {
        samples: fc.oneof(fc.integer({ min: 1, max: 9000 }), hostileValue),
        keep: fc.oneof(fc.constantFrom('all', 'none'), fc.constant(['x']), hostileValue),
        blockSize: fc.oneof(fc.constantFrom(4096, 8192), hostileValue),
        quantiles: fc.oneof(
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }),
          hostileValue,
        ),
        exactQuantiles: fc.oneof(fc.constant(['y']), hostileValue),
      },
      { requiredKeys: ['samples'] },
    ),
    weight: 2,
  },
  { arbitrary: hostileValue, weight: 1 },
);

/** A run's summaries hold their invariants; a node with no finite sample answers EMPTY_DATA. */
function checkRun(run: ModelRun<string>): void {
  for (const name of run.nodeNames) {
    codedOrValid(
      'run.summary',
      () => run.summary(name),
      (s) => {
        const qs = [s.min, s.quantiles.p5, s.quantiles.p25, s.quantiles.p50, s.quantiles.p75];
        qs.push(s.quantiles.p95, s.max);
        for (let i = 1; i < qs.length; i++) expect(qs[i]).toBeGreaterThanOrEqual(qs[i - 1]);
        expect(s.nonFinite).toBeGreaterThanOrEqual(0);
        expect(s.nonFinite).toBeLessThanOrEqual(s.n);
      },
    );
  }
  codedOrValid(
    'JSON.stringify(run)',
    () => JSON.stringify(run),
    (text) => {
      const parsed = JSON.parse(text) as { nodes: Record<string, unknown> };
      expect(Object.keys(parsed.nodes).sort()).toEqual([...run.nodeNames].sort());
    },
  );
}

describe('fuzz: models built and run as a JavaScript caller might', () => {
  it('a node is what an expression naming it reads: a coded error, or the same samples', () => {
    fuzz(nodeName, (name) => {
      codedOrValid(
        'expression reading a node',
        () =>
          model({ seed: 4 })
            .input(name, normal(0, 1))
            .derive('copyOfInput', name)
            .derive('row', (nodes) =>
              (nodes as Record<string, { values: Float64Array }>)[name].values.slice(),
            )
            .run({ samples: 100 }),
        (run) => {
          expect(run.samples('copyOfInput' as never)).toEqual(run.samples(name as never));
          expect(run.samples('row' as never)).toEqual(run.samples(name as never));
          checkRun(run);
        },
      );
    });
  });

  it('inputs with hostile names and parameters: a coded error, or a model that runs', () => {
    const family = fc.constantFrom('normal', 'lognormal', 'uniform', 'pert', 'beta', 'poisson');
    fuzz(
      nodeName,
      family,
      fc.array(hostileNumber, { minLength: 3, maxLength: 3 }),
      (name, f, [a, b, c]) => {
        codedOrValid(
          `model.input(${f})`,
          () => {
            const dist = {
              normal: () => normal(a, b),
              lognormal: () => lognormal(a, b),
              uniform: () => uniform(a, b),
              pert: () => pert(a, b, c),
              beta: () => beta(a, b),
              poisson: () => poisson(a),
            }[f]();
            return model({ seed: 1 }).input(name, dist).run({ samples: 500 });
          },
          checkRun,
        );
      },
    );
  });

  it('derived nodes from expression text: a coded error, or summaries that hold', () => {
    fuzz(nodeName, expression, (name, text) => {
      codedOrValid(
        'model.derive(expression)',
        () =>
          model({ seed: 2 })
            .input('x', normal(0, 1))
            .input('y', uniform(1, 2))
            .input('z', lognormal(0, 1))
            .derive(name, text)
            .run({ samples: 300 }),
        checkRun,
      );
    });
  });

  it('run options: a coded error (always for a misspelt name), or a run whose summaries hold', () => {
    const misspelt = fc.option(fc.constantFrom('sample', 'kepp', 'block', 'quantile', 'Samples'), {
      nil: undefined,
    });
    fuzz(runOptions, misspelt, (options, typo) => {
      const given =
        typo === undefined || typeof options !== 'object' || options === null
          ? options
          : { ...(options as object), [typo]: 1 };
      let ran = false;
      codedOrValid(
        'model.run(options)',
        () =>
          model({ seed: 3 })
            .input('x', normal(0, 1))
            .derive('y', 'x * 2')
            .run(given as never),
        (run) => {
          ran = true;
          checkRun(run);
        },
      );
      if (typo !== undefined && typeof options === 'object' && options !== null)
        expect(ran).toBe(false);
    });
  });
});
