/**
 * Enrico Fermi's classic question, to show the library is not about munitions: how many piano tuners
 * work in Chicago? Every input is a rough range, not a fact; the answer is a range, and the tornado
 * says which guess to improve first.
 *
 * The inputs follow the usual textbook version of the estimate (population about 2.7 million, a piano
 * in one household in twenty or so, a tuning a year, a tuner doing a few a day); change them and see.
 *
 * It ends with the same estimate typed as one expression, as Squiggle users write it: every range
 * inline (`0.3 to 1.5`, `pert(2, 4, 6)`), numbers with suffixes (`2.7M`).
 *
 * Run: npm run example -- piano-tuners    or    npx tsx examples/piano-tuners.ts
 * SALVO_SAMPLES sets the sample count (default 200,000).
 */
import {
  beta,
  formatInterval,
  formatNumber,
  lognormal,
  model,
  normal,
  pert,
  terminalHistogram,
  textTable,
} from '../src/index.js';

const sampleCount = Number(process.env.SALVO_SAMPLES ?? 200_000);

const run = model({ seed: 'fermi-piano-tuners' })
  // City of Chicago, about 2.7 million people.
  .input('people', normal(2.7e6, 0.1e6))
  .input('peoplePerHousehold', pert(2, 2.5, 3))
  // Share of households with a piano: a few per cent to one in ten.
  .input('shareWithPiano', beta(2, 30))
  // Tunings per piano per year: most are tuned less than once a year.
  .input('tuningsPerPianoPerYear', lognormal.ci(0.3, 1.5))
  // A tuner: two hours a tuning with travel, about four a day, 250 working days.
  .input('tuningsPerTunerPerDay', pert(2, 4, 6))
  .input('workingDaysPerYear', pert(200, 250, 270))
  .derive('pianos', 'people / peoplePerHousehold * shareWithPiano')
  .derive('tuningsPerYear', 'pianos * tuningsPerPianoPerYear')
  .derive('tuners', 'tuningsPerYear / (tuningsPerTunerPerDay * workingDaysPerYear)')
  .run({ samples: sampleCount });

const q = run.summary('tuners').quantiles;
console.log('How many piano tuners work in Chicago? (Fermi)');
console.log(`${sampleCount.toLocaleString('en-US')} samples, seed 'fermi-piano-tuners'\n`);
console.log(
  `Pianos:  ${formatInterval({ estimate: run.quantile('pianos', 0.5), lower: run.quantile('pianos', 0.05), upper: run.quantile('pianos', 0.95), level: 0.9 })}`,
);
// People come in whole numbers.
const whole = (x: number) => formatNumber(Math.round(x));
console.log(
  `Tuners:  ${formatInterval({ estimate: q.p50, lower: q.p5, upper: q.p95, level: 0.9 }, whole)}`,
);
console.log(
  `P(more than 100 tuners) = ${(100 * run.probability('tuners', '>', 100)).toFixed(0)}%\n`,
);
console.log(
  terminalHistogram(run.histogram('tuners', { bins: 12, range: [0, 300] }), { width: 30 }),
);
console.log('\nWhich guess matters most (median tuners with the input at its p10 / p90):');
console.log(
  textTable(
    run
      .sensitivity('tuners')
      .inputs.map((d) => [
        d.input,
        formatNumber(d.tornado.outputAtLow),
        formatNumber(d.tornado.outputAtHigh),
      ]),
    { header: ['input', 'at p10', 'at p90'], align: ['left', 'right', 'right'] },
  ),
);

// The same estimate as one expression, Squiggle-style: each inline distribution becomes an input of its
// own (named after the node and the call: 'tuners: pert(2, 4, 6)'), drawn from its own streams, so
// the samples differ from the builder's above but the distribution is the same.
const quick = model({ seed: 'fermi-piano-tuners' })
  .derive(
    'tuners',
    'normal(2.7M, 0.1M) / pert(2, 2.5, 3) * beta(2, 30) * (0.3 to 1.5) / (pert(2, 4, 6) * pert(200, 250, 270))',
  )
  .run({ samples: sampleCount });
console.log(`\nThe same in one expression:  ${formatInterval(quick.interval('tuners'), whole)}`);
console.log(`  its inputs: ${quick.nodeNames.filter((name) => name !== 'tuners').join('; ')}`);
