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
`inertia_` is the cost of the final assignment to the final centers, mlfit's `trainingCost`.

With --intelex, scikit-learn is patched by scikit-learn-intelex (oneDAL) first; whether
oneDAL ran the fit is read from sklearnex's own log. Prints one JSON line: timings, the cost,
the iterations and the centers.

    python3 kmeans_sklearn.py FILE --k 100 [--label L] [--max-iter 20] [--tol 0]
        [--init-model m.json] [--seed 1] [--threads 2] [--intelex]
"""
import argparse
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
parser.add_argument("--threads", type=int, default=os.cpu_count())
parser.add_argument("--intelex", action="store_true", help="patch scikit-learn with scikit-learn-intelex")
args = parser.parse_args()

# Thread counts must be set before numpy's BLAS and oneDAL start.
for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[name] = str(args.threads)

messages = []
if args.intelex:
    import logging

    class _Capture(logging.Handler):
        def emit(self, record):
            messages.append(record.getMessage())

    logger = logging.getLogger("sklearnex")
    logger.setLevel(logging.INFO)
    logger.addHandler(_Capture())
    from sklearnex import patch_sklearn

    patch_sklearn(verbose=False)

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402

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

estimator = KMeans(
    n_clusters=args.k, init=init, n_init=1, max_iter=args.max_iter, tol=args.tol, algorithm="lloyd",
    random_state=args.seed)
fitted_start = time.perf_counter()
model = estimator.fit(X)
fitted = time.perf_counter()

json.dump(
    {
        "peer": "scikit-learn-intelex" if args.intelex else "scikit-learn",
        "estimator": type(estimator).__name__,
        "rows": int(X.shape[0]),
        "features": int(X.shape[1]),
        "threads": args.threads,
        "init": "initial-model" if args.init_model is not None else "k-means++",
        "import_seconds": imported - start,
        "read_seconds": read - imported,
        "fit_seconds": fitted - fitted_start,
        "onedal": any("accelerated" in m or "onedal" in m.lower() for m in messages) if args.intelex else False,
        "iterations": int(model.n_iter_),
        "cost": float(model.inertia_),
        "cluster_sizes": [int(c) for c in np.bincount(model.labels_, minlength=args.k)],
        "centers": [[float(v) for v in row] for row in model.cluster_centers_],
    },
    sys.stdout,
)
sys.stdout.write("\n")
