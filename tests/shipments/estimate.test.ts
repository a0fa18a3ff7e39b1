import { describe, expect, expectTypeOf, it } from 'vitest';
import { constant, lognormal, type ModelRun, normal } from '../../src/index.js';
import {
  defaultShipmentInputs,
  type ShipmentNode,
  shipmentEstimate,
} from '../../src/shipments/index.js';
import { expectSalvoError } from '../helpers/errors.js';

describe('shipmentEstimate', () => {
  const run = shipmentEstimate().run({ samples: 50_000 });

  it('derives every output from its inputs, sample by sample', () => {
    const v = (name: ShipmentNode) => run.samples(name);
    const [containers, carrying, share152, rpc152, rpc122] = [
      v('containers'),
      v('shareCarryingRounds'),
      v('share152mm'),
      v('roundsPerContainer152mm'),
      v('roundsPerContainer122mm'),
    ];
    for (let i = 0; i < 50_000; i += 499) {
      expect(v('capacityRounds152mm')[i]).toBe(containers[i] * rpc152[i]);
      expect(v('rounds152mm')[i]).toBe(containers[i] * carrying[i] * share152[i] * rpc152[i]);
      expect(v('rounds122mm')[i]).toBe(containers[i] * carrying[i] * (1 - share152[i]) * rpc122[i]);
      expect(v('rounds')[i]).toBe(v('rounds152mm')[i] + v('rounds122mm')[i]);
      expect(v('serviceableRounds')[i]).toBe(v('rounds')[i] * (1 - v('unserviceableShare')[i]));
      expect(v('valueUsd')[i]).toBe(
        v('rounds152mm')[i] * v('pricePerRound152mmUsd')[i] +
          v('rounds122mm')[i] * v('pricePerRound122mmUsd')[i],
      );
      expect(v('shareOfEconomy')[i]).toBe(v('valueUsd')[i] / v('economyUsd')[i]);
    }
  });

  it("reproduces the statements' capacity conversion and keeps the estimate below it", () => {
    // "About 6,700 containers ... could hold about three million rounds of 152mm shells."
    const capacity = run.summary('capacityRounds152mm').quantiles.p50;
    expect(capacity).toBeGreaterThan(2.8e6);
    expect(capacity).toBeLessThan(3.5e6);
    expect(Math.abs(run.summary('containers').quantiles.p50 - 6_700)).toBeLessThan(100);
    expect(run.summary('rounds').quantiles.p50).toBeLessThan(capacity);
    expect(run.summary('serviceableRounds').quantiles.p50).toBeLessThan(
      run.summary('rounds').quantiles.p50,
    );
    // North Korea's economy: about US$25 billion.
    expect(Math.abs(run.summary('economyUsd').quantiles.p50 / 25e9 - 1)).toBeLessThan(0.02);
  });

  it('replaces any input and stays an ordinary model (observe, derive, typed names)', () => {
    const usCount = shipmentEstimate({ seed: 1, inputs: { containers: constant(10_000) } });
    const r = usCount
      .derive('roundsPerMonth', 'rounds / 6')
      .observe('rounds', lognormal(Math.log(1.5e6), 0.4))
      .run({ samples: 20_000 });
    expect(r.samples('containers').every((c) => c === 10_000)).toBe(true);
    expect(r.weighted).toBe(true);
    expect(r.summary('roundsPerMonth').mean).toBeCloseTo(r.summary('rounds').mean / 6, 6);
    expectTypeOf(r).toEqualTypeOf<ModelRun<ShipmentNode | 'roundsPerMonth'>>();
    expect(Object.keys(defaultShipmentInputs())).toHaveLength(9);
    // The same seed gives the same run; a replaced input changes only what depends on it.
    const again = shipmentEstimate({ inputs: { economyUsd: normal(30e9, 1e9) } }).run({
      samples: 50_000,
    });
    expect(again.samples('rounds')).toEqual(run.samples('rounds'));
    expect(again.samples('shareOfEconomy')).not.toEqual(run.samples('shareOfEconomy'));
  });

  it('rejects unknown inputs and non-distributions, naming them', () => {
    expectSalvoError(() => shipmentEstimate({ inputs: { contaners: constant(1) } as never }), {
      code: 'UNKNOWN_OPTION',
      parameter: 'inputs.contaners',
      messageIncludes: ['did you mean "containers"?'],
    });
    expectSalvoError(() => shipmentEstimate({ inputs: { containers: 6_700 as never } }), {
      parameter: 'inputs.containers',
    });
    expectSalvoError(() => shipmentEstimate(null as never), { parameter: 'options' });
  });
});
