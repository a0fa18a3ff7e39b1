import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { empirical, model, normal, uniform } from '../../src/index.js';
import { csvColumnNames, fromCsv, toCsv } from '../../src/interchange/csv.js';
import { expectSalvoError } from '../helpers/errors.js';

/** Element-wise Object.is, so that -0 and NaN count as themselves. */
function expectSameDoubles(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      expect.fail(`index ${i}: ${Object.is(actual[i], -0) ? '-0' : actual[i]} !== ${expected[i]}`);
    }
  }
}

const AWKWARD = Float64Array.of(
  0,
  -0,
  5e-324, // the smallest subnormal
  -2.2250738585072014e-308, // the smallest normal, negated
  0.1 + 0.2,
  1 / 3,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.EPSILON,
  2 ** 53 + 2,
  1e21, // String switches to exponent notation here
  1e-7, // and here
  123456789.12345679,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
);

describe('toCsv', () => {
  const run = model({ seed: 'csv' })
    .input('x', normal(10, 2))
    .input('u', uniform(0, 1))
    .derive('ratio', 'x / (u - u)') // ±Infinity or NaN in every row
    .derive('y', 'x * u')
    .run({ samples: 5_000 });

  it('writes a header of node names in declaration order and one index-aligned row per sample', () => {
    const text = toCsv(run);
    const lines = text.split('\n');
    expect(lines[0]).toBe('x,u,ratio,y');
    expect(lines).toHaveLength(5_000 + 2); // header, rows, and the empty string after the last \n
    expect(lines.at(-1)).toBe('');
    for (const i of [0, 1, 2_345, 4_999]) {
      expect(lines[i + 1]).toBe(
        ['x', 'u', 'ratio', 'y'].map((name) => String(run.samples(name as 'x')[i])).join(','),
      );
    }
  });

  it('writes the requested nodes in the requested order, and at most maxRows rows', () => {
    const text = toCsv(run, { names: ['y', 'x'], maxRows: 3 });
    const lines = text.split('\n');
    expect(lines).toEqual([
      'y,x',
      `${run.samples('y')[0]},${run.samples('x')[0]}`,
      `${run.samples('y')[1]},${run.samples('x')[1]}`,
      `${run.samples('y')[2]},${run.samples('x')[2]}`,
      '',
    ]);
    expect(toCsv(run, { maxRows: 0 })).toBe('x,u,ratio,y\n');
  });

  it('round-trips a run exactly, non-finite samples included', () => {
    const back = fromCsv(toCsv(run));
    expect(Object.keys(back)).toEqual(['x', 'u', 'ratio', 'y']);
    for (const name of ['x', 'u', 'ratio', 'y'] as const) {
      expectSameDoubles(back[name], run.samples(name));
    }
    expect(back.ratio.some((v) => Number.isNaN(v) || !Number.isFinite(v))).toBe(true);
  });

  it('writes the documented spellings: shortest round-trip decimals, -0, NaN, ±Infinity', () => {
    const text = toCsv({ v: AWKWARD });
    expect(text.split('\n').slice(1, -1)).toEqual([
      '0',
      '-0',
      '5e-324',
      '-2.2250738585072014e-308',
      '0.30000000000000004',
      '0.3333333333333333',
      '1.7976931348623157e+308',
      '-1.7976931348623157e+308',
      '2.220446049250313e-16',
      '9007199254740994',
      '1e+21',
      '1e-7',
      '123456789.12345679',
      'NaN',
      'Infinity',
      '-Infinity',
    ]);
    expectSameDoubles(fromCsv(text).v, AWKWARD);
  });

  it('round-trips any doubles exactly (property, every double fast-check makes: NaN, -0, subnormals)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }).chain((rows) =>
          fc.array(fc.array(fc.double(), { minLength: rows, maxLength: rows }), {
            minLength: 1,
            maxLength: 4,
          }),
        ),
        (columnValues) => {
          const columns: Record<string, Float64Array> = {};
          columnValues.forEach((values, j) => {
            columns[`c${j}`] = Float64Array.from(values);
          });
          const back = fromCsv(toCsv(columns));
          expect(Object.keys(back)).toEqual(Object.keys(columns));
          for (const name of Object.keys(columns)) expectSameDoubles(back[name], columns[name]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('round-trips column names holding commas, quotes, line breaks and spaces (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }),
        (names) => {
          const columns: Record<string, Float64Array> = {};
          names.forEach((name, j) => {
            Object.defineProperty(columns, name, {
              value: Float64Array.of(j, -j - 0.5),
              enumerable: true,
            });
          });
          const back = fromCsv(toCsv(columns));
          // Both objects list integer-like names ("0") first, as JavaScript orders keys.
          expect(Object.keys(back)).toEqual(Object.keys(columns));
          names.forEach((name, j) => {
            expectSameDoubles(back[name], Float64Array.of(j, -j - 0.5));
          });
        },
      ),
      { numRuns: 300 },
    );
    expect(toCsv({ 'a,b': Float64Array.of(1), 'say "hi"': Float64Array.of(2) })).toBe(
      '"a,b","say ""hi"""\n1,2\n',
    );
  });

  it('throws NOT_KEPT naming a requested node that was not kept, and leaves unkept nodes out by default', () => {
    const partial = model({ seed: 1 })
      .input('x', normal(0, 1))
      .derive('y', 'x * 2')
      .run({ samples: 10, keep: ['x'] });
    expectSalvoError(() => toCsv(partial, { names: ['x', 'y'] }), {
      code: 'NOT_KEPT',
      parameter: 'name',
      messageNamesParameter: false,
      messageIncludes: '"y"',
    });
    expect(toCsv(partial).split('\n')[0]).toBe('x');
  });

  it('rejects unknown nodes, repeated names, bad maxRows, and columns that are not index-aligned', () => {
    expectSalvoError(() => toCsv(run, { names: ['x', 'nope' as 'x'] }), {
      parameter: 'name',
      messageNamesParameter: false,
      messageIncludes: '"nope"',
    });
    expectSalvoError(() => toCsv(run, { names: ['x', 'x'] }), { parameter: 'names[1]' });
    expectSalvoError(() => toCsv(run, { names: 'x' as unknown as string[] }), {
      parameter: 'names',
    });
    expectSalvoError(() => toCsv(run, { maxRows: -1 }), { parameter: 'maxRows' });
    expectSalvoError(() => toCsv(run, { maxRows: 1.5 }), { parameter: 'maxRows' });
    expectSalvoError(() => toCsv({ a: Float64Array.of(1, 2), b: Float64Array.of(1) }), {
      code: 'LENGTH_MISMATCH',
      parameter: 'source["b"]',
    });
    expectSalvoError(() => toCsv({ a: [1, 2] as unknown as Float64Array }), {
      parameter: 'source["a"]',
    });
    expectSalvoError(() => toCsv({ a: Float64Array.of(1) }, { names: ['b'] }), {
      parameter: 'source["b"]',
      messageIncludes: 'columns: a',
    });
    expectSalvoError(() => toCsv(null as unknown as Record<string, Float64Array>), {
      parameter: 'source',
    });
  });
});

describe('fromCsv', () => {
  it('reads what spreadsheets and pandas write: quotes, CRLF, a BOM, spaces, inf and nan, trailing blank lines', () => {
    const text = '\ufeff"lead time, days",cost\r\n 12 ,1e3\r\n15.5,-inf\r\n"9",nan\r\n\r\n\r\n';
    const columns = fromCsv(text);
    expect(Object.keys(columns)).toEqual(['lead time, days', 'cost']);
    expect(columns['lead time, days']).toEqual(Float64Array.of(12, 15.5, 9));
    expectSameDoubles(columns.cost, Float64Array.of(1000, Number.NEGATIVE_INFINITY, Number.NaN));
    expect(fromCsv('a\r1\r2').a).toEqual(Float64Array.of(1, 2)); // old Mac line ends, no final break
    // A file encoded twice starts with two byte-order marks; neither belongs to the first name.
    expect(Object.keys(fromCsv('\ufeff\ufeffx,y\n1,2\n'))).toEqual(['x', 'y']);
    expect(fromCsv('x,y\n').x).toEqual(new Float64Array(0));
    expect(fromCsv('"multi\nline",b\n1,2\n')['multi\nline']).toEqual(Float64Array.of(1));
    expect(fromCsv('+Infinity,-0,.5,5.\n1,2,3,4\n')['+Infinity']).toEqual(Float64Array.of(1));
    expectSameDoubles(
      fromCsv('a\n+Infinity\n-0\n.5\n5.\n').a,
      Float64Array.of(Infinity, -0, 0.5, 5),
    );
  });

  it('gives columns that become model inputs through empirical', () => {
    const columns = fromCsv('leadTimeDays\n12\n15\n9\n');
    const run = model({ seed: 1 })
      .input('leadTimeDays', empirical(columns.leadTimeDays))
      .run({ samples: 1_000 });
    expect(new Set(run.samples('leadTimeDays'))).toEqual(new Set([12, 15, 9]));
  });

  it("keeps the file's column order for integer-like names (csvColumnNames, toCsv)", () => {
    // Issue 16: a plain object lists '3' before 'key', so the header order was lost.
    const text = 'key,3,2024,0,x\n1,2,3,4,5\n';
    const columns = fromCsv(text);
    expect(csvColumnNames(columns)).toEqual(['key', '3', '2024', '0', 'x']);
    expect(toCsv(columns)).toBe(text);
    // Existing callers: the same record of columns.
    expect(columns['3']).toEqual(Float64Array.of(2));
    expect(Object.keys(columns).sort()).toEqual(['0', '2024', '3', 'key', 'x']);
    // Columns added later come last; deleted ones are left out.
    const edited: Record<string, Float64Array> = columns;
    edited['7'] = Float64Array.of(6);
    delete edited['2024'];
    expect(csvColumnNames(edited)).toEqual(['key', '3', '0', 'x', '7']);
    // Any other object: its key order.
    expect(csvColumnNames({ b: new Float64Array(0), 1: new Float64Array(0) })).toEqual(['1', 'b']);
    expectSalvoError(() => csvColumnNames(null as never), { parameter: 'columns' });
  });

  it('keeps a column named __proto__ as a column', () => {
    const columns = fromCsv('__proto__,b\n1,2\n');
    expect(Object.keys(columns)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(columns)).toBe(Object.prototype);
  });

  it('names the row of a ragged row, counting the header as row 1', () => {
    expectSalvoError(() => fromCsv('x,y\n1,2\n3\n'), {
      parameter: 'text',
      messageIncludes: 'row 3 has 1 field, the header has 2',
    });
    expectSalvoError(() => fromCsv('x,y\n1,2,3\n'), {
      parameter: 'text',
      messageIncludes: 'row 2 has 3 fields, the header has 2',
    });
    expectSalvoError(() => fromCsv('x,y\n1,2\n\n3,4\n'), {
      parameter: 'text',
      messageIncludes: 'row 3 has 1 field',
    });
  });

  it('names the row and column of a cell that is not a number', () => {
    const error = expectSalvoError(() => fromCsv('x,costUsd\n1,2\n3,$4\n'), {
      parameter: 'text',
      messageIncludes: ['row 3', 'column "costUsd" (column 2)', '"$4"'],
    });
    expect(error.value).toBe('$4');
    for (const cell of [
      '',
      '  ',
      '0x10',
      '1_000',
      '1e',
      'e5',
      '--1',
      'Inf inity',
      'NaNa',
      '1.2.3',
    ]) {
      expectSalvoError(() => fromCsv(`a,b\n1,${cell}\n`), {
        parameter: 'text',
        messageIncludes: ['row 2', 'column "b"'],
        context: JSON.stringify(cell),
      });
    }
    expectSalvoError(() => fromCsv('a\n\n1\n'), {
      parameter: 'text',
      messageIncludes: ['row 2', 'an empty cell'],
    });
  });

  it('rejects a missing, empty or repeated header name, an unclosed quote, and text that is not a string', () => {
    expectSalvoError(() => fromCsv(''), { parameter: 'text', messageIncludes: 'header' });
    expectSalvoError(() => fromCsv('\n1\n'), { parameter: 'text', messageIncludes: 'header' });
    expectSalvoError(() => fromCsv('a,,c\n1,2,3\n'), {
      parameter: 'text',
      messageIncludes: 'header column 2 has no name',
    });
    expectSalvoError(() => fromCsv('a,b,a\n1,2,3\n'), {
      parameter: 'text',
      messageIncludes: 'header column 3 repeats the name "a" of column 1',
    });
    expectSalvoError(() => fromCsv('a,"b\n1,2\n'), {
      parameter: 'text',
      messageIncludes: 'starts on line 1 is never closed',
    });
    expectSalvoError(() => fromCsv(42 as unknown as string), { parameter: 'text' });
  });
});
