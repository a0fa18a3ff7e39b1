"""numpy's side of salvo's benchmarks: best-of-7 ns per value for each statement given on stdin as JSON
{name: statement}; prints {name: ns}. Run by benchmarks/run.mjs, never by the tests."""
import json
import sys
import time

import numpy as np

N = 10_000_000
REPS = 7
g = np.random.default_rng(1)
x = g.standard_normal(N)
y = g.standard_normal(N)
z = g.standard_normal(N)
buf = np.empty(N)
results = {}
for name, statement in json.load(sys.stdin).items():
    code = compile(statement, name, "exec")
    env = {"np": np, "g": g, "x": x, "y": y, "z": z, "buf": buf, "N": N}
    exec(code, env)
    exec(code, env)
    times = []
    for _ in range(REPS):
        start = time.perf_counter_ns()
        exec(code, env)
        times.append((time.perf_counter_ns() - start) / N)
    results[name] = min(times)
results["_numpy"] = np.__version__
print(json.dumps(results))
