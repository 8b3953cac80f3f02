#!/usr/bin/env python3
"""Peer of `mlfit-benchmarks compare`: pandas.read_csv + a scikit-learn linear model.

mlfit with --reg-param λ, --elastic-net-param α and --no-standardization minimizes
    (1/2n)·‖y − Xβ − β₀‖² + λ·α·‖β‖₁ + λ·(1−α)/2·‖β‖²,
which is exactly scikit-learn's
  - LinearRegression()                                  for λ = 0 (OLS),
  - Ridge(alpha = λ·n)                                  for α = 0 (its loss is not divided by 2n),
  - ElasticNet(alpha = λ, l1_ratio = α), Lasso(alpha=λ) for α > 0.

With --intelex, scikit-learn is patched by scikit-learn-intelex first; whether oneDAL ran
the fit is read from sklearnex's own log. Prints one JSON line: timings, quality on the
training data (RMSE and the objective above), coefficients.

    python3 linear_sklearn.py FILE --model ols|ridge|lasso|elastic-net [--reg-param 0.01]
        [--elastic-net-param 0.5] [--tol 1e-6] [--max-iter 1000] [--threads 2] [--intelex]
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
parser.add_argument("--label", default="y")
parser.add_argument("--model", choices=["ols", "ridge", "lasso", "elastic-net"], required=True)
parser.add_argument("--reg-param", type=float, default=0.01)
parser.add_argument("--elastic-net-param", type=float, default=0.5)
parser.add_argument("--tol", type=float, default=1e-6)
parser.add_argument("--max-iter", type=int, default=1000)
parser.add_argument("--threads", type=int, default=os.cpu_count())
parser.add_argument("--intelex", action="store_true", help="patch scikit-learn with scikit-learn-intelex")
args = parser.parse_args()

messages = sklearn_common.prepare(args.threads, args.intelex)

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn import linear_model  # noqa: E402

imported = time.perf_counter()
frame = pd.read_csv(args.file, dtype=np.float64)
y = frame[args.label].to_numpy()
X = frame.drop(columns=[args.label]).to_numpy()
read = time.perf_counter()
n = X.shape[0]
lam, alpha = args.reg_param, args.elastic_net_param
if args.model == "ols":
    lam, alpha = 0.0, 0.0
    estimator = linear_model.LinearRegression(fit_intercept=True)
elif args.model == "ridge":
    alpha = 0.0
    estimator = linear_model.Ridge(alpha=lam * n, solver="auto", fit_intercept=True)
elif args.model == "lasso":
    alpha = 1.0
    estimator = linear_model.Lasso(alpha=lam, tol=args.tol, max_iter=args.max_iter, fit_intercept=True)
else:
    estimator = linear_model.ElasticNet(
        alpha=lam, l1_ratio=alpha, tol=args.tol, max_iter=args.max_iter, fit_intercept=True)
fitted_start = time.perf_counter()
model = estimator.fit(X, y)
fitted = time.perf_counter()

# Quality on the training data, outside the timed part.
beta = np.asarray(model.coef_, dtype=np.float64).ravel()
residual = y - X @ beta - float(model.intercept_)
mse = float(residual @ residual) / n
objective = mse / 2 + lam * alpha * float(np.abs(beta).sum()) + lam * (1 - alpha) / 2 * float(beta @ beta)
json.dump(
    {
        "peer": "scikit-learn-intelex" if args.intelex else "scikit-learn",
        "estimator": type(estimator).__name__,
        "rows": int(n),
        "features": int(X.shape[1]),
        "threads": args.threads,
        "import_seconds": imported - start,
        "read_seconds": read - imported,
        "fit_seconds": fitted - fitted_start,
        "onedal": any("accelerated" in m or "onedal" in m.lower() for m in messages) if args.intelex else False,
        "iterations": int(np.max(getattr(model, "n_iter_", 0) or 0)),
        "rmse": mse ** 0.5,
        "objective": objective,
        "intercept": float(model.intercept_),
        "coefficients": [float(c) for c in beta],
    },
    sys.stdout,
)
sys.stdout.write("\n")
