import { describe, expect, it } from 'vitest';
import { SalvoError } from '../src/errors.js';
import { closestName, editDistance, optionNames, requireKnownOptions } from '../src/validate.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours', () => {
    expect(editDistance('keep', 'keep')).toBe(0);
    expect(editDistance('kepp', 'keep')).toBe(1);
    expect(editDistance('kep', 'keep')).toBe(1);
    expect(editDistance('ekep', 'keep')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('samples', 'keep')).toBe(6);
  });
});

describe('closestName', () => {
  const known = ['samples', 'keep', 'blockSize', 'minEigenvalue'];
  it('suggests a name one or two edits away, or one that differs in case', () => {
    expect(closestName('kepp', known)).toBe('keep');
    expect(closestName('sample', known)).toBe('samples');
    expect(closestName('blocksize', known)).toBe('blockSize');
    expect(closestName('minEigen', known)).toBe('minEigenvalue');
  });
  it('suggests nothing for a name far from all', () => {
    expect(closestName('workers', known)).toBeUndefined();
    expect(closestName('x', known)).toBeUndefined();
    expect(closestName('kepp', [])).toBeUndefined();
  });
});

describe('requireKnownOptions', () => {
  const known = ['samples', 'keep'];
  it('passes known names, non-objects, inherited and symbol keys', () => {
    expect(() =>
      requireKnownOptions('f', 'options', { samples: 1, keep: 'all' }, known),
    ).not.toThrow();
    expect(() => requireKnownOptions('f', 'options', undefined, known)).not.toThrow();
    expect(() => requireKnownOptions('f', 'options', 3, known)).not.toThrow();
    expect(() =>
      requireKnownOptions('f', 'options', Object.create({ kepp: 1 }), known),
    ).not.toThrow();
    expect(() => requireKnownOptions('f', 'options', { [Symbol('s')]: 1 }, known)).not.toThrow();
  });
  it('refuses an unknown name with UNKNOWN_OPTION, naming it and the closest known one', () => {
    try {
      requireKnownOptions('model.run', 'options', { samples: 10, kepp: 'all' }, known);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SalvoError);
      const error = e as SalvoError;
      expect(error.code).toBe('UNKNOWN_OPTION');
      expect(error.parameter).toBe('options.kepp');
      expect(error.value).toBe('all');
      expect(error.message).toBe(
        'model.run: options.kepp is not a known option; did you mean "keep"?',
      );
    }
  });
  it('lists the known names when none is close, and says when there are none', () => {
    expect(() => requireKnownOptions('f', 'options', { workers: 2 }, known)).toThrow(
      'f: options.workers is not a known option; the known names are "samples", "keep"',
    );
    expect(() => requireKnownOptions('f', 'options', { a: 1 }, [])).toThrow(
      'options takes no names',
    );
  });
  it('writes a key that is not an identifier in brackets', () => {
    expect(() => requireKnownOptions('f', 'options', { 'a b': 1 }, known)).toThrow(
      'f: options["a b"] is not a known option',
    );
  });
  it('refuses even an undefined value under an unknown name', () => {
    expect(() => requireKnownOptions('f', 'options', { kepp: undefined }, known)).toThrow(
      SalvoError,
    );
  });
});

describe('optionNames', () => {
  it('returns the list as given (the compiler checks it against the type both ways)', () => {
    interface Example {
      readonly a?: number;
      readonly b: string;
    }
    expect(optionNames<Example>()(['a', 'b'])).toEqual(['a', 'b']);
    // @ts-expect-error the list misses `b`
    optionNames<Example>()(['a']);
    // @ts-expect-error `c` is not a field of Example
    optionNames<Example>()(['a', 'b', 'c']);
  });
});
