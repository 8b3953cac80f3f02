#!/usr/bin/env python3
"""Peer of `mlfit-benchmarks compare` for k-means: pandas.read_csv + scikit-learn KMeans.

mlfit's `train kmeans --k K --max-iter N --tol T` lowers Σ wᵢ‖xᵢ − c_a(i)‖² by Lloyd
iterations, as scikit-learn's KMeans(n_clusters=K, algorithm="lloyd", n_init=1) does. Two
differences to keep in mind when comparing:
  - the stopping rule: mlfit (Spark's rule) stops when no center moves more than T
    (squared move ≤ T²); scikit-learn stops when the squared center shift summed over the
    centers is ≤ tol·(mean variance of the features), or when the labels stop changing. With
    T = 0 both run to their fixed point or to max_iter; `--tol 0` here passes tol=0.
  - the starting centers: `--init-model FILE` reads the centers of an mlfit k-means model
    file (its `model.clusterCenters`, columns matched to the CSV by the file's `features`)
    and passes them as `init=array`, so both programs start from the same centers;
    otherwise `init="k-means++"` with `--seed` (mlfit's default is k-means||).
`cost` is Σ‖x − c‖² to the nearest final center from exact differences, computed here from
the fitted centers outside the timed part (the same sum as mlfit's `trainingCost` and as
peers/kmeans_spark.py's `cost`); `inertia` is scikit-learn's own `inertia_` (the same
quantity, for reference). `seconds_per_iteration` is the fit ÷ `n_iter_`.

`--defaults` fits `KMeans(n_clusters=K, random_state=S)` with every other setting at
scikit-learn's defaults (the real-data check of the benchmark); `--seeds 1,2,…` fits once per
seed and prints the lists `costs` and `iterations_per_seed` too.

With --intelex, scikit-learn is patched by scikit-learn-intelex (oneDAL) first, its threads
set by daal4py's `daalinit`; whether oneDAL ran the fit is read from sklearnex's own log,
captured during the fit only. Prints one JSON line: timings, the cost, the iterations and
the centers.

    python3 kmeans_sklearn.py FILE --k 100 [--label L] [--max-iter 20] [--tol 0]
        [--init-model m.json] [--seed 1] [--seeds 1,2,3] [--defaults] [--threads 2] [--intelex]
"""
import argparse

import sklearn_common
import json
import os
import sys
import time

start = time.perf_counter()
parser = argparse.ArgumentParser()
parser.add_argument("file")
parser.add_argument("--label", default=None, help="a column to leave out of the features")
parser.add_argument("--k", type=int, required=True)
parser.add_argument("--max-iter", type=int, default=20)
parser.add_argument("--tol", type=float, default=1e-4)
parser.add_argument("--init-model", default=None, help="an mlfit k-means model file whose centers start the fit")
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--seeds", default=None, help="comma-separated seeds: one fit per seed")
parser.add_argument("--defaults", action="store_true", help="scikit-learn's defaults but k and the seed")
parser.add_argument("--threads", type=int, default=os.cpu_count())
parser.add_argument("--intelex", action="store_true", help="patch scikit-learn with scikit-learn-intelex")
args = parser.parse_args()

messages = sklearn_common.prepare(args.threads, args.intelex)
if args.intelex:
    try:
        import daal4py

        daal4py.daalinit(args.threads)  # oneDAL's threads (TBB ignores OMP_NUM_THREADS)
    except (ImportError, AttributeError):
        pass

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402


def exact_cost(X, centers, block=8192):
    """Σ‖x − c‖² to the nearest center: nearest by the expansion, then exact differences."""
    center_norms = (centers * centers).sum(axis=1)
    total = 0.0
    for start in range(0, X.shape[0], block):
        x = X[start:start + block]
        d = (x * x).sum(axis=1)[:, None] - 2.0 * (x @ centers.T) + center_norms[None, :]
        diff = x - centers[d.argmin(axis=1)]
        total += float((diff * diff).sum())
    return total


imported = time.perf_counter()
frame = pd.read_csv(args.file, dtype=np.float64)
if args.label is not None:
    frame = frame.drop(columns=[args.label])
init = "k-means++"
if args.init_model is not None:
    with open(args.init_model) as handle:
        saved = json.load(handle)
    frame = frame[saved["features"]]
    init = np.asarray(saved["model"]["clusterCenters"], dtype=np.float64)
X = frame.to_numpy()
read = time.perf_counter()

seeds = [int(s) for s in args.seeds.split(",")] if args.seeds else [args.seed]
results = []
for seed in seeds:
    if args.defaults:
        estimator = KMeans(n_clusters=args.k, random_state=seed)
    else:
        estimator = KMeans(
            n_clusters=args.k, init=init, n_init=1, max_iter=args.max_iter, tol=args.tol, algorithm="lloyd",
            random_state=seed)
    messages.clear()  # only what the fit logs
    fitted_start = time.perf_counter()
    model = estimator.fit(X)
    fitted = time.perf_counter()
    fit_log = list(messages)
    results.append((model, fitted - fitted_start, fit_log))

model, fit_seconds, fit_log = results[0]
iterations = int(model.n_iter_)
output = {
    "peer": "scikit-learn-intelex" if args.intelex else "scikit-learn",
    "estimator": "KMeans" if args.defaults else "KMeans(algorithm=lloyd)",
    "rows": int(X.shape[0]),
    "features": int(X.shape[1]),
    "threads": args.threads,
    "init": "initial-model" if args.init_model is not None else "k-means++",
    "import_seconds": imported - start,
    "read_seconds": read - imported,
    "fit_seconds": fit_seconds,
    "seconds_per_iteration": fit_seconds / max(1, iterations),
    "onedal": any("accelerated" in m for m in fit_log) if args.intelex else False,
    "onedal_log": fit_log,
    "iterations": iterations,
    "cost": exact_cost(X, np.asarray(model.cluster_centers_, dtype=np.float64)),
    "inertia": float(model.inertia_),
    "cluster_sizes": [int(c) for c in np.bincount(model.labels_, minlength=args.k)],
    "centers": [[float(v) for v in row] for row in model.cluster_centers_],
}
if args.seeds:
    output["seeds"] = seeds
    output["costs"] = [exact_cost(X, np.asarray(m.cluster_centers_, dtype=np.float64)) for m, _, _ in results]
    output["iterations_per_seed"] = [int(m.n_iter_) for m, _, _ in results]
json.dump(output, sys.stdout)
sys.stdout.write("\n")
