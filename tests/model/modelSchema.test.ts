import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelSchemaText } from '../../scripts/model-schema.js';
import {
  categorical,
  lognormal,
  type Model,
  metalog,
  mixture,
  model,
  modelFromJson,
  normal,
  pert,
  SalvoError,
  studentT,
  toModelJson,
  truncated,
} from '../../src/index.js';

const SCHEMA_FILE = new URL('../../model.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
const validate = new Ajv2020({
  strict: true,
  strictTuples: false, // a family's trailing options may be left out: shorter lists are valid
  allowUnionTypes: true,
  allErrors: true,
}).compile(schema);

const shipments = model({ seed: 'nk' })
  .input('containers', pert(5_500, 6_700, 8_000))
  .input('transitDays', mixture([normal(10, 2), lognormal.ci(20, 30)], [0.8, 0.2]))
  .input('crates', categorical([20, 40], [1, 3]))
  .input('delay', truncated(studentT(3, { scale: 2 }), { min: 0 }))
  .input('weightKg', metalog([9, 3.5, 3.1]))
  .correlate('containers', 'transitDays', 0.2)
  .derive('shells', 'containers * (380 to 600)')
  .observe('shells', lognormal(Math.log(1.5e6), 0.4)) as Model<string>;

describe('the JSON Schema of model files (model.schema.json)', () => {
  it('is what scripts/model-schema.ts writes from the families (npm run schema)', () => {
    // Compared as data: the formatter lays the committed file out its own way.
    expect(schema).toEqual(JSON.parse(modelSchemaText()));
  });

  it('accepts what toModelJson writes', () => {
    const file = JSON.parse(JSON.stringify(toModelJson(shipments, { title: 'Shipments' })));
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses files of the wrong shape', () => {
    const good = toModelJson(shipments);
    const node = (n: object) => ({ ...good, nodes: [n] });
    for (const bad of [
      { ...good, format: 'other' },
      { ...good, version: 2 },
      { ...good, seed: undefined },
      node({ name: 'has space', expression: '1' }),
      node({ name: 'x', expression: '1', distribution: { family: 'normal', args: [0, 1] } }),
      node({ name: 'x', distribution: { family: 'normale', args: [0, 1] } }),
      node({ name: 'x', distribution: { family: 'normal', args: [0] } }),
      node({ name: 'x', distribution: { family: 'pert', args: [1, 2, 3, 4] } }),
      node({ name: 'x', distribution: { family: 'mixture', args: [[1, 2]] } }),
      { ...good, correlations: [{ a: 'x', b: 'y', rho: 2 }] },
    ]) {
      expect(validate(JSON.parse(JSON.stringify(bad))), JSON.stringify(bad)).toBe(false);
    }
  });

  it('accepts every file modelFromJson reads (property: the schema is never stricter)', () => {
    const good = JSON.parse(JSON.stringify(toModelJson(shipments))) as Record<string, unknown>;
    const nodes = good.nodes as Record<string, unknown>[];
    const variant = fc
      .tuple(
        fc.nat(),
        fc.constantFrom('distribution', 'expression', 'description'),
        fc.oneof(
          fc.jsonValue(),
          fc.constantFrom('containers * 2', 'shells + (1 to 2)', 'max(containers, 1)'),
          fc.record({
            family: fc.constantFrom('normal', 'ci', 'pert', 'gamma', 'studentT', 'empirical'),
            args: fc.array(fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constant({ level: 0.5 })), {
              maxLength: 4,
            }),
          }),
        ),
      )
      .map(([at, field, value]) => {
        const copy = nodes.map((n) => ({ ...n }));
        copy[at % copy.length][field] = value;
        return { ...good, nodes: copy };
      });
    let read = 0;
    fc.assert(
      fc.property(variant, (file) => {
        try {
          modelFromJson(file as never);
        } catch (error) {
          expect(error).toBeInstanceOf(SalvoError);
          return;
        }
        read++;
        expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
      }),
      { numRuns: 300, seed: 5 },
    );
    expect(read).toBeGreaterThan(30);
  });
});
