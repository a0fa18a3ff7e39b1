import { describe, expect, it } from 'vitest';
import { requirePsd } from '../../src/linalg/psdCheck.js';
import { expectSalvoError } from '../helpers/errors.js';

describe('requirePsd', () => {
  it('accepts positive semi-definite matrices, singular ones included', () => {
    expect(() => requirePsd('test', 'm', Float64Array.of(1, 0.5, 0.5, 1), 2, 'm')).not.toThrow();
    expect(() => requirePsd('test', 'm', Float64Array.of(1, 1, 1, 1), 2, 'm')).not.toThrow();
  });

  it('refuses one that is not, naming the parameter and offering the nearest correlation matrix', () => {
    // Eigenvalues 1.9, 1.9 and -0.8.
    const m = Float64Array.of(1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1);
    expectSalvoError(() => requirePsd('test', 'm', m, 3, 'the matrix m'), {
      parameter: 'm',
      messageIncludes: [
        'the matrix m is not positive semi-definite (smallest eigenvalue -0.800)',
        '[[1, 0.5, 0.5], [0.5, 1, -0.5], [0.5, -0.5, 1]]',
      ],
    });
  });
});
