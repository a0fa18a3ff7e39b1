import { describe, expect, it } from 'vitest';
import {
  histogram,
  model,
  normal,
  sensitivityTable,
  terminalHistogram,
  textTable,
  timelineTable,
} from '../../src/index.js';
import { expectSalvoError } from '../helpers/errors.js';

describe('textTable', () => {
  it('aligns text left and numbers right, with an underlined header', () => {
    const table = textTable(
      [
        ['shells', 2.31e6, '1.4M–3.4M'],
        ['value (USD)', 4.2e9, '1.1B–12B'],
      ],
      { header: ['quantity', 'median', '90% interval'] },
    );
    expect(table.split('\n')).toEqual([
      'quantity     median  90% interval',
      '-----------  ------  ------------',
      'shells         2.3M  1.4M–3.4M',
      'value (USD)    4.2B  1.1B–12B',
    ]);
    expect(textTable([['a', 'b']], { align: ['right', 'left'] })).toBe('a  b');
    expect(textTable([])).toBe('');
  });

  it('rejects ragged rows and odd cells, naming them', () => {
    expectSalvoError(() => textTable([['a', 1], ['b']]), { parameter: 'rows[1]' });
    expectSalvoError(() => textTable([['a', {} as never]]), { parameter: 'rows[0][1]' });
    expectSalvoError(() => textTable([['a']], { align: ['left', 'right'] }), {
      parameter: 'align',
    });
    expectSalvoError(() => textTable('rows' as never), { parameter: 'rows' });
  });
});

describe('terminalHistogram', () => {
  it('draws bars in eighths proportional to the counts, shares, and markers', () => {
    const h = histogram([1, 2, 2, 3, 3, 3, 4], { bins: 3, range: [1, 4] });
    expect(
      terminalHistogram(h, { width: 12, markers: [{ value: 3.5, label: 'reported' }] }).split('\n'),
    ).toEqual([
      '1–2  ███          14%',
      '2–3  ██████       29%',
      '3–4  ████████████ 57%  ◀ reported',
    ]);
    const partial = terminalHistogram(
      histogram([0, 1, 1, 1, 1, 1, 1, 1, 1], { bins: 2, range: [0, 2] }),
      {
        width: 1,
      },
    );
    expect(partial.split('\n')[0]).toContain('▏'); // one eighth of the longest bar
    const outside = terminalHistogram(h, { markers: [{ value: 10, label: 'far' }] });
    expect(outside).toContain('(far at 10 is outside the range shown)');
  });

  it("draws a run's weighted histogram too (shares of weight)", () => {
    const run = model({ seed: 1 })
      .input('x', normal(0, 1))
      .observe('x', normal(1, 0.5))
      .run({ samples: 20_000 });
    const text = terminalHistogram(run.histogram('x', { bins: 6, range: [-2, 4] }));
    expect(text.split('\n')).toHaveLength(6);
    const shares = text.split('\n').map((line) => line.trim().split(/\s+/).at(-1));
    expect(shares.every((s) => s?.endsWith('%'))).toBe(true);
  });

  it('rejects what is not a histogram, a bad width or a bad marker', () => {
    expectSalvoError(() => terminalHistogram({} as never), { parameter: 'h' });
    const h = histogram([1, 2, 3], { bins: 2 });
    expectSalvoError(() => terminalHistogram(h, { width: 0 }), { parameter: 'width' });
    expectSalvoError(() => terminalHistogram(h, { markers: [{ value: 1 } as never] }), {
      parameter: 'markers[0]',
    });
  });
});

describe('sensitivityTable', () => {
  it('writes one row per input with the tornado levels in the header', () => {
    const run = model({ seed: 1 })
      .input('a', normal(0, 2))
      .input('b', normal(0, 1))
      .derive('y', 'a + b')
      .run({ samples: 10_000 });
    const lines = sensitivityTable(run.sensitivity('y', { tornado: [0.25, 0.75] })).split('\n');
    expect(lines[0]).toBe('input  at p25  at p75  rank corr.  first-order');
    expect(lines.slice(2).map((l) => l.split(/\s+/)[0])).toEqual(['a', 'b']);
    expectSalvoError(() => sensitivityTable({ inputs: [] } as never), { parameter: 's' });
  });
});

describe('timelineTable', () => {
  it("writes each month's median and 90% band, and refuses an empty list", () => {
    const bands = [
      { month: '2024-01', p5: 900, p25: 950, p50: 1_000, p75: 1_050, p95: 1_100 },
      { month: '2024-02', p5: 1_800, p25: 1_900, p50: 2_000, p75: 2_100, p95: 2_300 },
    ];
    expect(timelineTable(bands).split('\n')).toEqual([
      'month    median   90% band',
      '-------  ------  ---------',
      '2024-01      1K   900–1.1K',
      '2024-02      2K  1.8K–2.3K',
    ]);
    expect(timelineTable(bands, (x) => `${x / 1_000}K`).split('\n')[2]).toBe(
      '2024-01      1K  0.9K–1.1K',
    );
    expect(() => timelineTable([])).toThrow(/timelineTable: bands must be a non-empty list/);
  });
});
