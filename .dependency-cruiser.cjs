/**
 * The layers of src/, checked by dependency-cruiser in CI (`npm run lint:layers`). Each layer imports
 * only from itself and the layers listed before it; docs/architecture.md draws the same picture.
 */
/** The public entry files (package.json `exports`). */
const ENTRIES = '^src/(index|core|kernels|shipments/index|node/index|bullmq/index)\\.ts$';

const layers = [
  ['base', '^src/(errors|validate|version)\\.ts$'],
  ['rng', '^src/rng/'],
  ['designs', '^src/designs/'],
  ['special', '^src/special/'],
  ['linalg', '^src/linalg/'],
  ['distributions', '^src/distributions/'],
  ['samples', '^src/(samples|sketch)/'],
  ['expr', '^src/expr/'],
  ['model', '^src/model/'],
  ['analysis', '^src/(analysis|interchange|report)/'],
  ['shipments', '^src/shipments/'],
  ['node', '^src/node/'],
  ['bullmq', '^src/bullmq/'],
];

/** A layer may not import any layer that comes after it. */
const upward = layers.flatMap(([name, path], index) => {
  const above = layers.slice(index + 1).map(([, abovePath]) => abovePath);
  return above.length === 0
    ? []
    : [
        {
          name: `${name}-imports-only-below`,
          comment: `${name} (${path}) imports only from the layers below it.`,
          severity: 'error',
          from: { path },
          to: { path: above },
        },
      ];
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'No import cycles, type-only imports included: every file reads without its dependants.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...upward,
    {
      name: 'report-not-shipments',
      comment: 'Reports are generic: they never import the shipments domain.',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/shipments/' },
    },
    {
      name: 'entries-are-leaves',
      comment:
        'Only entries import entries (salvo/node re-exports salvo); library files import files.',
      severity: 'error',
      from: { path: '^src/', pathNot: ENTRIES },
      to: { path: ENTRIES },
    },
    {
      name: 'no-orphans',
      comment: 'Every source file is reachable from an entry.',
      severity: 'error',
      from: { orphan: true, path: '^src/', pathNot: '\\.d\\.ts$' },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.build.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
