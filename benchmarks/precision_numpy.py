"""numpy's and scipy.qmc's side of benchmarks/precision.mjs: the reference workload (shells and valueUsd)
sampled R times at each N, at random (numpy's default_rng) and with scrambled Sobol points
(scipy.stats.qmc.Sobol, inverted through scipy.stats' ppf), timing each replication. Reads
{"sizes": [...], "sobolSizes": [...], "replications": R} on stdin; prints per method and N the estimates
of every replication and the median seconds per replication. Run by benchmarks/precision.mjs, never by
the tests."""
import json
import math
import sys
import time

import numpy as np
from scipy import special, stats
from scipy.stats import qmc

Z95 = stats.norm.ppf(0.95)
ALPHA = 1 + 4 * 1700 / 3000
BETA = 1 + 4 * 1300 / 3000


def ci(lo, hi):
    return (math.log(lo) + math.log(hi)) / 2, (math.log(hi) - math.log(lo)) / (2 * Z95)


MU_S, SIGMA_S = ci(300, 600)
MU_P, SIGMA_P = ci(800, 3000)


def summarise(shells, value):
    q = np.quantile(shells, [0.05, 0.5, 0.95])
    vq = np.quantile(value, [0.95])
    return {
        "mean": float(shells.mean()),
        "p5": float(q[0]),
        "p50": float(q[1]),
        "p95": float(q[2]),
        "above3M": float(np.mean(shells > 3e6)),
        "valueMean": float(value.mean()),
        "valueP95": float(vq[0]),
    }


def random_run(n, seed):
    g = np.random.default_rng(seed)
    c = 5000 + 3000 * g.beta(ALPHA, BETA, n)
    s = g.lognormal(MU_S, SIGMA_S, n)
    f = g.beta(8, 2, n)
    p = g.lognormal(MU_P, SIGMA_P, n)
    shells = c * s * f
    return summarise(shells, shells * p)


def sobol_run(n, seed):
    u = qmc.Sobol(d=4, scramble=True, seed=seed).random(n)
    c = 5000 + 3000 * stats.beta.ppf(u[:, 0], ALPHA, BETA)
    s = np.exp(MU_S + SIGMA_S * special.ndtri(u[:, 1]))
    f = stats.beta.ppf(u[:, 2], 8, 2)
    p = np.exp(MU_P + SIGMA_P * special.ndtri(u[:, 3]))
    shells = c * s * f
    return summarise(shells, shells * p)


def measure(run, n, replications):
    estimates = []
    seconds = []
    for r in range(replications):
        start = time.perf_counter()
        estimates.append(run(n, 1000 + r))
        seconds.append(time.perf_counter() - start)
    return {"estimates": estimates, "seconds": float(np.median(seconds))}


if __name__ == "__main__":
    config = json.load(sys.stdin)
    out = {"numpy random": {}, "scipy.qmc Sobol": {}}
    for n in config["sizes"]:
        out["numpy random"][str(n)] = measure(random_run, n, config["replications"])
    for n in config["sobolSizes"]:
        out["scipy.qmc Sobol"][str(n)] = measure(sobol_run, n, config["replications"])
    out["_versions"] = {"numpy": np.__version__, "scipy": __import__("scipy").__version__}
    print(json.dumps(out))
