// `npx tsx scripts/model-schema.ts`: writes model.schema.json, the JSON Schema of model files
// (src/model/modelJson.ts), from the families' signatures in src/distributions/json.ts. A test
// (tests/model/modelSchema.test.ts) checks that the file is what this writes, so the two never drift.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { distributionSignatures } from '../src/distributions/json.js';
import type { Slot } from '../src/distributions/signatures.js';
import { MODEL_JSON_VERSION } from '../src/model/modelJson.js';

const SLOT_SCHEMAS: Record<Slot, object> = {
  number: { type: 'number' },
  numbers: { type: 'array', items: { type: 'number' } },
  options: { $ref: '#/$defs/options' },
  distribution: { $ref: '#/$defs/distribution' },
  distributions: { type: 'array', items: { $ref: '#/$defs/distribution' } },
};

/** The schema, as an object. */
export function modelSchema(): object {
  const signatures = distributionSignatures();
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'salvo model file',
    description: `A salvo model (format version ${MODEL_JSON_VERSION}): inputs as distributions written as their factory calls, nodes computed by expressions, correlations and evidence. Written by toModelJson, read by modelFromJson, which checks more than this schema can (expressions compile, no cycles, parameters in range).`,
    type: 'object',
    required: ['format', 'version', 'seed', 'nodes'],
    additionalProperties: false,
    properties: {
      format: { const: 'salvo-model' },
      version: { type: 'integer', minimum: 1, maximum: MODEL_JSON_VERSION },
      seed: { type: ['number', 'string'] },
      title: { type: 'string' },
      nodes: { type: 'array', items: { $ref: '#/$defs/node' } },
      correlations: {
        type: 'array',
        items: {
          type: 'object',
          required: ['a', 'b', 'rho'],
          additionalProperties: false,
          properties: {
            a: { type: 'string' },
            b: { type: 'string' },
            rho: { type: 'number', minimum: -1, maximum: 1 },
          },
        },
      },
      observations: {
        type: 'array',
        items: {
          type: 'object',
          required: ['node', 'distribution'],
          additionalProperties: false,
          properties: {
            node: { type: 'string' },
            distribution: { $ref: '#/$defs/distribution' },
          },
        },
      },
    },
    $defs: {
      // A node has a name, an optional description, and either a distribution or an expression.
      node: {
        oneOf: (
          [
            ['distribution', { $ref: '#/$defs/distribution' }],
            ['expression', { type: 'string', minLength: 1 }],
          ] as const
        ).map(([field, schema]) => ({
          type: 'object',
          required: ['name', field],
          additionalProperties: false,
          properties: {
            name: { $ref: '#/$defs/name' },
            description: { type: 'string' },
            [field]: schema,
          },
        })),
      },
      name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      options: {
        type: 'object',
        propertyNames: { not: { const: 'family' } },
        additionalProperties: { type: 'number' },
      },
      distribution: {
        type: 'object',
        required: ['family', 'args'],
        additionalProperties: false,
        properties: {
          family: { enum: signatures.map((s) => s.family) },
          args: { type: 'array' },
        },
        allOf: signatures.map(({ family, slots, required }) => ({
          if: { properties: { family: { const: family } } },
          // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword
          then: {
            properties: {
              args: {
                type: 'array',
                prefixItems: slots.map((slot) => SLOT_SCHEMAS[slot]),
                items: false,
                minItems: required,
                maxItems: slots.length,
              },
            },
          },
        })),
      },
    },
  };
}

/** The file's text. */
export function modelSchemaText(): string {
  return `${JSON.stringify(modelSchema(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('../model.schema.json', import.meta.url), modelSchemaText());
  console.log('wrote model.schema.json');
}
