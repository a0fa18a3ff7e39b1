import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_NAMES, type Golden, goldenExamples, goldenRuns } from '../helpers/golden.js';

// Results recorded at 7491dbe, before the restructure moved every file (tests/fixtures/golden.json):
// moving code must not change one bit of a sample, a summary or an example's output.
const recorded: Golden = JSON.parse(
  readFileSync(new URL('../fixtures/golden.json', import.meta.url), 'utf8'),
);

describe('results are bit-identical to the recorded ones', () => {
  const runs = goldenRuns();
  for (const [name, expected] of Object.entries(recorded.runs)) {
    it(`${name}: samples, summaries and sensitivity`, () => {
      expect(runs[name]).toEqual(expected);
    });
  }
  const examples = goldenExamples(EXAMPLE_NAMES);
  for (const name of EXAMPLE_NAMES) {
    it(`example ${name}: printed output and written files`, () => {
      expect(examples[name]).toEqual(recorded.examples[name]);
    });
  }
});
