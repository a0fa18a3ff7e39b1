#!/usr/bin/env python3
"""Reference points for salvo's Sobol tests: unscrambled Sobol points from scipy.

Run from the repository root:  python3 scripts/sobol-reference.py
It rewrites tests/fixtures/sobol-reference.json; the tests read only the JSON, never Python.

scipy.stats.qmc.Sobol(d, scramble=False, bits=32) draws points in Gray-code order (point i is the XOR
of the direction numbers selected by the bits of i ^ (i >> 1)), as salvo's fillSobol does, so the
points are compared index by index. Each value is stored as the integer coordinate * 2^32 (exact).
"""
import json
import pathlib
import warnings

import numpy as np
import scipy
from scipy.stats import qmc

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "fixtures" / "sobol-reference.json"

DIMENSIONS = [0, 1, 2, 3, 4, 5, 6, 7, 12, 31, 100, 128, 200, 254, 255]
COUNT = 128  # the first points of each dimension
SKIP_START = 1_000_003  # and a run of points far into the sequence (fast_forward)
SKIP_COUNT = 32
LAST_START = 2**32 - 8  # and the last points an index can address, in the first 8 dimensions
# (fast_forward steps through every index: quick for 8 dimensions, not for 256)


def draw(start: int, count: int, dimensions: list[int]) -> np.ndarray:
    sobol = qmc.Sobol(max(dimensions) + 1, scramble=False, bits=32)
    if start:
        sobol.fast_forward(start)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "The balance properties of Sobol' points require n = 2^m"
        points = sobol.random(count)
    scaled = points * 2.0**32
    assert np.all(scaled == np.floor(scaled)) and np.all(scaled < 2.0**32)
    return scaled.astype(np.int64)


def runs() -> list[dict]:
    result = []
    for start, count, dimensions in [
        (0, COUNT, DIMENSIONS),
        (SKIP_START, SKIP_COUNT, DIMENSIONS),
        (LAST_START, 8, DIMENSIONS[:8]),
    ]:
        points = draw(start, count, dimensions)
        result.append(
            {
                "first": start,
                "dimensions": {str(d): [int(x) for x in points[:, d]] for d in dimensions},
            }
        )
    return result


def main() -> None:
    OUTPUT.write_text(
        json.dumps(
            {
                "source": f"scipy {scipy.__version__} stats.qmc.Sobol(d, scramble=False, bits=32), Gray-code order; "
                "values are coordinate * 2^32; made by scripts/sobol-reference.py",
                "runs": runs(),
            },
            separators=(",", ":"),
        )
        + "\n"
    )
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
