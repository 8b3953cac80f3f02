#!/usr/bin/env python3
"""Peer of `mlfit-benchmarks compare --case decision-tree`: pandas.read_csv + one tree of
scikit-learn, XGBoost or LightGBM (`--library`).

mlfit's `train decision-tree-classifier --max-depth D --max-bins B` grows one Gini CART tree
level by level on binned features (B − 1 candidate thresholds per feature from a row sample),
no pruning, every child at least one row. The peers, at the same depth and thread count:

  - scikit-learn: DecisionTreeClassifier(max_depth=D, criterion="gini"), the exact tree (every
    midpoint of the sorted values is a candidate; scikit-learn grows trees on one thread);
  - xgboost: one boosting round, tree_method="hist" (n_estimators=1, max_depth=D, max_bin=B,
    learning_rate=1, reg_lambda=0, min_child_weight=0, nthread=threads), objective
    binary:logistic: a Newton step of the log loss from the base score, split by the
    second-order gain, not by Gini. `xgb.DMatrix` construction (a copy of the arrays) is
    timed apart from `xgb.train`; the training includes XGBoost's quantile sketch and binning,
    as mlfit's fit includes its sample and binning;
  - lightgbm: one round, objective binary, num_leaves = 2^D (enough for depth D), max_depth=D,
    max_bin=B, learning_rate=1, lambda_l2=0, min_data_in_leaf=1, min_sum_hessian_in_leaf=0,
    num_threads=threads. `lgb.Dataset.construct()` is LightGBM's binning, so the fit counts
    it (and the JSON reports it apart).

XGBoost and LightGBM are gradient-boosting trees, not Gini trees: compare accuracy, not
splits. Accuracy on the training data, outside the timed part: class 1 when the predicted
probability of class 1 is above 0.5 (the margin above 0 for the boosters), as mlfit predicts.

Prints one JSON line: timings (read, fit, and the library's own data-structure time), the
accuracy, the leaves and depth of the tree.

    python3 tree_sklearn.py FILE [--label y] [--library scikit-learn|xgboost|lightgbm]
        [--max-depth 10] [--max-bins 32] [--seed 0] [--threads 2]
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
parser.add_argument("--library", choices=["scikit-learn", "xgboost", "lightgbm"], default="scikit-learn")
parser.add_argument("--max-depth", type=int, default=10)
parser.add_argument("--max-bins", type=int, default=32)
parser.add_argument("--seed", type=int, default=0)
parser.add_argument("--threads", type=int, default=os.cpu_count())
args = parser.parse_args()

sklearn_common.prepare(args.threads)

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

if args.library == "xgboost":
    import xgboost as xgb  # noqa: E402
elif args.library == "lightgbm":
    import lightgbm as lgb  # noqa: E402
else:
    from sklearn.tree import DecisionTreeClassifier  # noqa: E402

imported = time.perf_counter()
frame = pd.read_csv(args.file, dtype=np.float64)
y = frame[args.label].to_numpy()
X = frame.drop(columns=[args.label]).to_numpy()
read = time.perf_counter()
d = args.max_depth
structure_seconds = None  # DMatrix (XGBoost) or binned Dataset (LightGBM)


def xgboost_shape(booster):
    """(leaves, depth) of the single tree, from its text dump (one tab per level)."""
    lines = booster.get_dump()[0].splitlines()
    leaves = sum(1 for line in lines if "leaf=" in line)
    depth = max(len(line) - len(line.lstrip("\t")) for line in lines)
    return leaves, depth


def lightgbm_depth(node):
    """Depth below `node` of LightGBM's dumped tree (leaves have no `split_index`)."""
    if "split_index" not in node:
        return 0
    return 1 + max(lightgbm_depth(node["left_child"]), lightgbm_depth(node["right_child"]))


if args.library == "xgboost":
    version = xgb.__version__
    estimator = (f"xgboost.train(hist, 1 round, max_depth={d}, max_bin={args.max_bins}, eta=1, lambda=0, "
                 "min_child_weight=0)")
    fitted_start = time.perf_counter()
    dtrain = xgb.DMatrix(X, label=y, nthread=args.threads)
    built = time.perf_counter()
    params = {
        "objective": "binary:logistic", "tree_method": "hist", "max_depth": d, "max_bin": args.max_bins,
        "learning_rate": 1.0, "reg_lambda": 0.0, "min_child_weight": 0.0, "nthread": args.threads,
        "seed": args.seed, "verbosity": 0,
    }
    booster = xgb.train(params, dtrain, num_boost_round=1)
    fitted = time.perf_counter()
    structure_seconds = built - fitted_start
    fit_seconds = fitted - built  # training alone (sketch, binning, growth)
    predicted = (booster.predict(dtrain, output_margin=True) > 0).astype(np.float64)
    leaves, depth = xgboost_shape(booster)
    note = f"DMatrix {structure_seconds:.3f} s apart"
elif args.library == "lightgbm":
    version = lgb.__version__
    estimator = f"lightgbm.train(1 round, num_leaves={2 ** d}, max_depth={d}, max_bin={args.max_bins})"
    params = {
        "objective": "binary", "num_leaves": 2 ** d, "max_depth": d, "max_bin": args.max_bins,
        "learning_rate": 1.0, "lambda_l2": 0.0, "min_data_in_leaf": 1, "min_sum_hessian_in_leaf": 0.0,
        "num_threads": args.threads, "seed": args.seed, "verbose": -1,
    }
    fitted_start = time.perf_counter()
    dataset = lgb.Dataset(X, label=y, params=params, free_raw_data=False).construct()
    built = time.perf_counter()
    booster = lgb.train(params, dataset, num_boost_round=1)
    fitted = time.perf_counter()
    structure_seconds = built - fitted_start
    fit_seconds = fitted - fitted_start  # binning (Dataset) included, as mlfit's
    predicted = (booster.predict(X, raw_score=True) > 0).astype(np.float64)
    tree = booster.dump_model()["tree_info"][0]
    leaves, depth = int(tree["num_leaves"]), lightgbm_depth(tree["tree_structure"])
    note = f"Dataset (binning) {structure_seconds:.3f} s of it"
else:
    import sklearn  # noqa: E402

    version = sklearn.__version__
    estimator = f"DecisionTreeClassifier(max_depth={d})"
    model = DecisionTreeClassifier(max_depth=d, criterion="gini", random_state=args.seed)
    fitted_start = time.perf_counter()
    model.fit(X, y)
    fitted = time.perf_counter()
    fit_seconds = fitted - fitted_start
    predicted = model.predict(X)
    leaves, depth = int(model.get_n_leaves()), int(model.get_depth())
    note = None

json.dump(
    {
        "peer": args.library,
        "version": version,
        "estimator": estimator,
        "rows": int(X.shape[0]),
        "features": int(X.shape[1]),
        "threads": args.threads,
        "import_seconds": imported - start,
        "read_seconds": read - imported,
        "fit_seconds": fit_seconds,
        "structure_seconds": structure_seconds,
        "onedal": False,
        "accuracy": float((predicted == y).mean()),
        "leaves": float(leaves),
        "depth": float(depth),
        "note": note,
    },
    sys.stdout,
)
sys.stdout.write("\n")
