#!/usr/bin/env python3
"""Peer for `mlfit-benchmarks compare`: pandas.read_csv + ridge regression on the same file.

mlfit's objective with --reg-param λ and --no-standardization is
    (1/2n)·‖y − Xβ − β₀‖² + (λ/2)·‖β‖²,
which equals scikit-learn's Ridge objective ‖y − Xβ − β₀‖² + alpha·‖β‖² with alpha = λ·n.

By default scikit-learn is patched with scikit-learn-intelex (oneDAL); --plain runs plain
scikit-learn. Prints one JSON line: timings, whether oneDAL ran, and the coefficients.

    python3 ridge_sklearnex.py FILE [--label y] [--reg-param 0.01] [--plain]
"""
import argparse
import json
import logging
import sys
import time

start = time.perf_counter()
parser = argparse.ArgumentParser()
parser.add_argument("file")
parser.add_argument("--label", default="y")
parser.add_argument("--reg-param", type=float, default=0.01)
parser.add_argument("--plain", action="store_true", help="plain scikit-learn, without sklearnex")
args = parser.parse_args()

accelerated = []
if not args.plain:
    class _Capture(logging.Handler):
        def emit(self, record):
            accelerated.append(record.getMessage())

    logger = logging.getLogger("sklearnex")
    logger.setLevel(logging.INFO)
    logger.addHandler(_Capture())
    from sklearnex import patch_sklearn

    patch_sklearn(verbose=False)

import pandas as pd  # noqa: E402
from sklearn.linear_model import Ridge  # noqa: E402

imported = time.perf_counter()
frame = pd.read_csv(args.file)
y = frame[args.label].to_numpy()
X = frame.drop(columns=[args.label]).to_numpy()
read = time.perf_counter()
n = X.shape[0]
model = Ridge(alpha=args.reg_param * n, solver="auto", fit_intercept=True).fit(X, y)
fitted = time.perf_counter()

json.dump(
    {
        "peer": "scikit-learn" if args.plain else "scikit-learn-intelex",
        "rows": int(n),
        "features": int(X.shape[1]),
        "import_seconds": imported - start,
        "read_seconds": read - imported,
        "fit_seconds": fitted - read,
        "onedal": any("accelerated" in m or "onedal" in m.lower() for m in accelerated),
        "intercept": float(model.intercept_),
        "coefficients": [float(c) for c in model.coef_],
    },
    sys.stdout,
)
sys.stdout.write("\n")
