"""Exact reference values for benchmarks/precision.mjs: the reference workload's shells and valueUsd by
quadrature (never by sampling). shells = C·S·F and valueUsd = C·F·(S·P) with C = PERT(5000, 6700, 8000)
(5000 + 3000·Beta(3.2667, 2.7333)), S = lognormal.ci(300, 600), F = Beta(8, 2), P = lognormal.ci(800,
3000), all independent; S·P is lognormal. So P(C·F·L <= x) = E_{C,F}[Φ((ln(x / (C F)) − μ) / σ)], an
analytic integrand under the two beta weights: Gauss–Jacobi quadrature (200 × 200 nodes; 100 × 100 gives
the same digits to about 1e-14). Quantiles by Brent's method on that cdf. Run once; the output
(benchmarks/results/precision-reference.json) is committed, so benchmarks do not need Python.
"""
import json
import math

import numpy as np
from scipy import optimize, special, stats

Z95 = stats.norm.ppf(0.95)


def ci(lo, hi):
    return (math.log(lo) + math.log(hi)) / 2, (math.log(hi) - math.log(lo)) / (2 * Z95)


def beta_nodes(a, b, n):
    """Nodes and weights of E[g(X)] for X ~ Beta(a, b), by Gauss–Jacobi."""
    t, w = special.roots_jacobi(n, b - 1, a - 1)
    return (1 + t) / 2, w / w.sum()


def reference(n):
    lam = 4
    alpha = 1 + lam * (6700 - 5000) / 3000
    beta_ = 1 + lam * (8000 - 6700) / 3000
    u, wu = beta_nodes(alpha, beta_, n)
    c = 5000 + 3000 * u
    f, wf = beta_nodes(8, 2, n)
    cf = np.outer(c, f)
    w = np.outer(wu, wf)
    mu_s, sigma_s = ci(300, 600)
    mu_p, sigma_p = ci(800, 3000)
    out = {}
    for name, mu, sigma in [
        ("shells", mu_s, sigma_s),
        ("valueUsd", mu_s + mu_p, math.hypot(sigma_s, sigma_p)),
    ]:
        def cdf(x):
            return float(np.sum(w * special.ndtr((np.log(x / cf) - mu) / sigma)))

        mean = float(np.sum(w * cf)) * math.exp(mu + sigma**2 / 2)
        q = {}
        for p in (0.05, 0.5, 0.95):
            q[f"p{round(p * 100)}"] = optimize.brentq(lambda x: cdf(x) - p, 1e3, 1e14, xtol=1e-6, rtol=1e-15)
        out[name] = {"mean": mean, **q}
    out["shells"]["above3M"] = 1 - cdf_shells(3e6, w, cf, mu_s, sigma_s)
    return out


def cdf_shells(x, w, cf, mu, sigma):
    return float(np.sum(w * special.ndtr((np.log(x / cf) - mu) / sigma)))


if __name__ == "__main__":
    coarse = reference(100)
    fine = reference(200)
    for node in fine:
        for key in fine[node]:
            assert abs(fine[node][key] - coarse[node][key]) <= 1e-12 * abs(fine[node][key]) + 1e-15, (node, key)
    fine["_method"] = "Gauss–Jacobi quadrature, 200 × 200 nodes (benchmarks/precision_reference.py)"
    print(json.dumps(fine, indent=2))
