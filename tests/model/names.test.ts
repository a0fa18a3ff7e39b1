import { describe, expect, it } from 'vitest';
import { constant, model, normal } from '../../src/index.js';
import { expectSalvoError } from '../helpers/errors.js';

// Node names that an expression would read as something other than the node (a constant, an
// operator), or that a plain JavaScript object cannot hold as a key, are refused with the reason;
// words that mathjs knows but that an expression still reads as the node are accepted.

describe('model(): names that expressions or objects would misread', () => {
  const refused: readonly [string, string][] = [
    ['Infinity', 'the constant Infinity'],
    ['NaN', 'the constant NaN'],
    ['true', 'the constant true'],
    ['false', 'the constant false'],
    ['null', 'the constant null'],
    ['undefined', 'the constant undefined'],
    ['not', 'the operator not'],
    ['__proto__', 'prototype'],
    ['exp', 'function name'],
  ];
  for (const [name, why] of refused) {
    it(`refuses ${name} in .input, .derive and .deriveEach, saying why`, () => {
      const m = model({ seed: 1 }).input('x', normal(0, 1));
      for (const [where, declare] of [
        ['model.input', () => m.input(name, normal(0, 1))],
        ['model.derive', () => m.derive(name, 'x * 2')],
        ['model.derive', () => m.derive(name, ({ x }) => x)],
        ['model.deriveEach', () => m.deriveEach(name, ({ x }) => x)],
      ] as const) {
        const error = expectSalvoError(declare, {
          parameter: 'name',
          messageIncludes: [where, why],
        });
        expect(error.value).toBe(name);
      }
    });
  }

  // Each of these is a word of mathjs's language (an operator between two values, or a constant when
  // mathjs evaluates), but where a salvo expression reads a value it reads the node.
  for (const name of ['and', 'or', 'xor', 'mod', 'to', 'in', 'pi', 'e', 'E', 'PI', 'i', 'end']) {
    it(`accepts ${name}, and every expression form reads the node`, () => {
      const m = model({ seed: 1 }).input('x', constant(5)).input(name, constant(3));
      const forms: readonly [string, number][] = [
        [name, 3],
        [`1 + ${name}`, 4],
        [`-${name}`, -3],
        [`(${name})`, 3],
        [`${name} ^ 2`, 9],
        [`2 ^ ${name}`, 8],
        [`x * ${name}`, 15],
        [`${name} - x`, -2],
        [`max(${name}, 1)`, 3],
        [`x < ${name} ? 1 : ${name}`, 3],
        [`x > ${name} ? ${name} : x`, 3],
        [`${name} * ${name}`, 9],
      ];
      for (const [form, expected] of forms) {
        const run = m.derive('y', form).run({ samples: 3 });
        expect([...run.samples('y')], form).toEqual([expected, expected, expected]);
      }
    });
  }

  it('names shared with Object.prototype work in rows, callbacks, expressions and JSON', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'toJSON']) {
      const run = model({ seed: 1 })
        .input(name, constant(2))
        .deriveEach('each', (row) => (row as Record<string, number>)[name] * 3)
        .derive('expression', `${name} * 3`)
        .run({ samples: 2 });
      expect([...run.samples('each')], name).toEqual([6, 6]);
      expect([...run.samples('expression')], name).toEqual([6, 6]);
      expect(Object.keys(JSON.parse(JSON.stringify(run)).nodes), name).toEqual([
        name,
        'each',
        'expression',
      ]);
    }
  });
});
