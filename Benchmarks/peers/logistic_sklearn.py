#!/usr/bin/env python3
"""Peer of `mlfit-benchmarks compare --case logistic-regression`: pandas.read_csv + scikit-learn
LogisticRegression.

mlfit with --reg-param λ, --elastic-net-param 0 and --no-standardization minimizes, over n
unweighted rows,
    F(B, b) = (1/n)·Σ logloss(yᵢ, Bxᵢ + b) + λ/2·‖B‖²      (intercepts b not penalized),
binomial (one row of B, for class 1) for two classes, softmax over all K classes above.
scikit-learn's LogisticRegression minimizes C·Σ logloss + ½‖B‖² (it divides by C·n
internally), the same problem for C = 1/(λ·n) with an L2 penalty (`l1_ratio = 0` from
scikit-learn 1.8, where `penalty` is deprecated; `penalty = "l2"` before), the same
multinomial softmax for K > 2. --tol is scikit-learn's tol: for lbfgs and newton-cholesky
the largest gradient entry of the objective above, as mlfit's rule on unit-variance features.

With --intelex, scikit-learn is patched by scikit-learn-intelex first (its LogisticRegression
hands lbfgs and newton-cg fits to oneDAL); whether oneDAL ran the fit is read from
sklearnex's own log, captured during the fit only.

Prints one JSON line: timings, the iterations, quality on the training data — the objective
F above and the log loss, computed from the fitted parameters by the same formula in every
peer script (softplus / log-sum-exp in float64), and the accuracy (class 1 when its score is
positive, else the most probable class, the first of equals) — and the parameters
(coefficient rows, then the intercepts; multinomial intercepts centred to sum to 0, which
changes no probability).

    python3 logistic_sklearn.py FILE [--label y] [--reg-param 0.01] [--tol 1e-6]
        [--max-iter 1000] [--solver lbfgs|newton-cholesky|newton-cg] [--threads 2] [--intelex]
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
parser.add_argument("--reg-param", type=float, default=0.01)
parser.add_argument("--tol", type=float, default=1e-6)
parser.add_argument("--max-iter", type=int, default=1000)
parser.add_argument("--solver", choices=["lbfgs", "newton-cholesky", "newton-cg"], default="lbfgs")
parser.add_argument("--threads", type=int, default=os.cpu_count())
parser.add_argument("--intelex", action="store_true", help="patch scikit-learn with scikit-learn-intelex")
args = parser.parse_args()
if not args.reg_param > 0:
    parser.error("--reg-param must be > 0 (C = 1/(λ·n))")

messages = sklearn_common.prepare(args.threads, args.intelex)

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import sklearn  # noqa: E402
from sklearn import linear_model  # noqa: E402


def version_at_least(text, major, minor):
    parts = [int("".join(ch for ch in p if ch.isdigit()) or 0) for p in text.split(".")[:2]]
    return tuple(parts) >= (major, minor)


def quality(X, codes, coef, intercept, lam):
    """F = mean log loss + λ/2·‖B‖², the mean log loss and the accuracy, from the parameters.

    The same formula as peers/logistic_spark.py: binomial softplus(z) − y·z with
    softplus(z) = logaddexp(0, z); multinomial logsumexp(z) − z_y, by the largest score.
    """
    scores = X @ coef.T + intercept
    if coef.shape[0] == 1:
        z = scores[:, 0]
        losses = np.logaddexp(0.0, z) - codes * z
        predicted = (z > 0).astype(np.int64)
    else:
        top = scores.max(axis=1)
        lse = top + np.log(np.exp(scores - top[:, None]).sum(axis=1))
        losses = lse - scores[np.arange(scores.shape[0]), codes]
        predicted = scores.argmax(axis=1)
    log_loss = float(losses.mean())
    objective = log_loss + lam / 2 * float((coef * coef).sum())
    accuracy = float((predicted == codes).mean())
    return objective, log_loss, accuracy


imported = time.perf_counter()
frame = pd.read_csv(args.file, dtype=np.float64)
y = frame[args.label].to_numpy()
X = frame.drop(columns=[args.label]).to_numpy()
read = time.perf_counter()
n = X.shape[0]
lam = args.reg_param
settings = dict(C=1.0 / (lam * n), tol=args.tol, max_iter=args.max_iter, solver=args.solver, fit_intercept=True)
if version_at_least(sklearn.__version__, 1, 8):
    settings["l1_ratio"] = 0.0  # pure L2; `penalty` is deprecated from 1.8
else:
    settings["penalty"] = "l2"
if args.intelex:
    settings["n_jobs"] = args.threads  # sklearnex sets oneDAL's threads from n_jobs
estimator = linear_model.LogisticRegression(**settings)
messages.clear()  # only what the fit logs
fitted_start = time.perf_counter()
model = estimator.fit(X, y)
fitted = time.perf_counter()
fit_log = list(messages)

# Quality on the training data, outside the timed part.
classes = np.asarray(model.classes_, dtype=np.float64)
codes = np.searchsorted(classes, y)
coef = np.asarray(model.coef_, dtype=np.float64).reshape(-1, X.shape[1])
intercept = np.asarray(model.intercept_, dtype=np.float64).ravel()
if coef.shape[0] > 1:
    intercept = intercept - intercept.mean()
objective, log_loss, accuracy = quality(X, codes, coef, intercept, lam)
iterations = int(np.max(getattr(model, "n_iter_", 0)))
json.dump(
    {
        "peer": "scikit-learn-intelex" if args.intelex else "scikit-learn",
        "estimator": f"LogisticRegression(solver={args.solver})",
        "rows": int(n),
        "features": int(X.shape[1]),
        "classes": int(classes.size),
        "threads": args.threads,
        "import_seconds": imported - start,
        "read_seconds": read - imported,
        "fit_seconds": fitted - fitted_start,
        "onedal": any("accelerated" in m for m in fit_log) if args.intelex else False,
        "onedal_log": fit_log,
        "iterations": iterations,
        "converged": iterations < args.max_iter,
        "objective": objective,
        "log_loss": log_loss,
        "accuracy": accuracy,
        "coefficients": [float(c) for c in coef.ravel()],
        "intercepts": [float(b) for b in intercept],
    },
    sys.stdout,
)
sys.stdout.write("\n")
