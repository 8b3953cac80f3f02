#!/usr/bin/env python3
"""Independent reference values for mlfit's ClassificationMetricsStatistics (scikit-learn).

Run from the repository root:
    python3 Tests/References/classification_metrics_references.py > Tests/References/classification_metrics_references.txt
The values are pasted into Tests/MLModelsTests/ClassificationMetricsReferenceTests.swift.

Conventions matched (weights w, rows i, classes 0..K-1, probabilities P[i, k]):
  * accuracy_score(y, yhat, sample_weight=w)
  * log_loss(y, P, sample_weight=w, labels=range(K)): mean of -log(clip(P[i, y_i], eps, 1 - eps)),
    eps = float64 machine epsilon; scikit-learn does not renormalize the rows (it only warns
    when they do not sum to 1) and raises for probabilities outside [0, 1].
  * precision_recall_fscore_support(..., labels=range(K), zero_division=0), average=None and
    average="weighted" (weights = true-class weight sums).
  * confusion_matrix(y, yhat, labels=range(K), sample_weight=w): rows true, columns predicted.
  * binary only: roc_auc_score(y, P[:, 1], sample_weight=w) and
    average_precision_score(y, P[:, 1], sample_weight=w).
"""
import platform
import sys

import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, average_precision_score, confusion_matrix, log_loss,
                             precision_recall_fscore_support, roc_auc_score)

CASES = []

# 1. Binary, tied scores (0.3 and 0.8 hold both classes; 0.55 twice in one class), weights,
#    one probability exactly 0 and one exactly 1 (clipped by log_loss).
p1 = [0.3, 0.8, 0.3, 0.55, 0.8, 0.1, 0.55, 0.9, 0.3, 0.8, 0.0, 1.0]
CASES.append(dict(
    name="binaryTiedWeighted", K=2,
    y=[0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1],
    yhat=[int(p >= 0.5) for p in p1],
    P=[[1 - p, p] for p in p1],
    w=[1.0, 2.0, 0.5, 1.5, 3.0, 1.0, 2.5, 1.0, 0.25, 1.0, 2.0, 0.75]))

# 2. Three classes, weights; the predictions are not always the argmax.
P3 = [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.2, 0.3, 0.5], [0.4, 0.4, 0.2], [0.05, 0.15, 0.8],
      [0.6, 0.3, 0.1], [0.3, 0.3, 0.4], [0.2, 0.7, 0.1], [0.1, 0.1, 0.8], [0.5, 0.25, 0.25]]
CASES.append(dict(
    name="threeClassWeighted", K=3,
    y=[0, 1, 2, 1, 2, 0, 0, 1, 2, 2],
    yhat=[0, 1, 2, 0, 2, 0, 2, 1, 2, 1],
    P=P3,
    w=[1.0, 2.0, 3.0, 0.5, 1.0, 2.0, 1.5, 1.0, 0.5, 4.0]))

# 3. Four classes, unweighted: class 2 is never predicted (its precision is 0/0) and class 3
#    neither occurs nor is predicted (precision, recall and F1 all 0/0).
P4 = [[0.6, 0.2, 0.1, 0.1], [0.3, 0.5, 0.1, 0.1], [0.2, 0.2, 0.5, 0.1], [0.5, 0.4, 0.05, 0.05],
      [0.1, 0.7, 0.1, 0.1], [0.4, 0.3, 0.2, 0.1], [0.25, 0.25, 0.25, 0.25]]
CASES.append(dict(
    name="classNeverPredicted", K=4,
    y=[0, 1, 2, 0, 1, 2, 2],
    yhat=[0, 1, 0, 0, 1, 0, 1],
    P=P4,
    w=None))


def fmt(values):
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


print("# classification_metrics_references.py")
print(f"# python {platform.python_version()}, numpy {np.__version__}, scikit-learn {sklearn.__version__}")
for case in CASES:
    K, y, yhat, w = case["K"], case["y"], case["yhat"], case["w"]
    P = np.array(case["P"], dtype=float)
    labels = list(range(K))
    print(f"\n## {case['name']} (K = {K})")
    print(f"trueClasses = {fmt(y)}")
    print(f"predicted = {list(yhat)}")
    print(f"probabilities = {fmt(P.ravel())}")
    print(f"weights = {fmt(w) if w is not None else '[]'}")
    print(f"accuracy = {accuracy_score(y, yhat, sample_weight=w)!r}")
    print(f"logLoss = {log_loss(y, P, sample_weight=w, labels=labels)!r}")
    p, r, f, s = precision_recall_fscore_support(y, yhat, labels=labels, sample_weight=w,
                                                 average=None, zero_division=0)
    print(f"precision = {fmt(p)}")
    print(f"recall = {fmt(r)}")
    print(f"f1 = {fmt(f)}")
    print(f"support = {fmt(s)}")
    wp, wr, wf, _ = precision_recall_fscore_support(y, yhat, labels=labels, sample_weight=w,
                                                    average="weighted", zero_division=0)
    print(f"weightedPrecision = {wp!r}")
    print(f"weightedRecall = {wr!r}")
    print(f"weightedF1 = {wf!r}")
    cm = confusion_matrix(y, yhat, labels=labels, sample_weight=w)
    print(f"confusionMatrix = [{', '.join(fmt(row) for row in cm)}]")
    if K == 2:
        print(f"areaUnderROC = {roc_auc_score(y, P[:, 1], sample_weight=w)!r}")
        print(f"areaUnderPR = {average_precision_score(y, P[:, 1], sample_weight=w)!r}")
