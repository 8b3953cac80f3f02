#!/usr/bin/env python3
"""Independent reference values for mlfit's decision trees (scikit-learn's exact CART trees).

Run from the repository root:
    python3 Tests/References/decision_tree_references.py > Tests/References/decision_tree_references.txt
It also writes Tests/MLModelsTests/Reference/DecisionTreeReferences.swift.

scikit-learn's DecisionTreeClassifier / DecisionTreeRegressor (splitter='best', every feature,
min_samples_leaf=1, no pruning) is an exact CART tree: its thresholds are midpoints between
consecutive distinct values of a feature, as mlfit's are when maxBins exceeds every feature's
distinct-value count. scikit-learn visits features in an order drawn from random_state and
keeps the first of equal gains, so only fits whose training-set predictions are the same for
20 values of random_state are used (the script checks it, and prints the count of distinct
prediction vectors: 1 means stable). It splits a node whose best gain is 0, which Spark and
mlfit do not; the script prints the smallest gain (impurity decrease) of every tree kept, so
a 0 there would say the comparison is unfair.

Per case: training-set predictions (classifier: the class code; regressor: the leaf mean),
the class probabilities (classifier), the depth, the node count and the feature importances
(impurity decrease weighted by the node's sample count, normalized to sum 1: Spark's rule too).
Where two features tie for a split (iris: petal length <= 2.45 and petal width <= 0.8 both
separate setosa), scikit-learn's importances change with random_state while its predictions
do not; such importances are marked unstable and not compared (mlfit takes the lower
feature index, Spark's rule).
"""
import platform
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

ROOT = Path(__file__).resolve().parents[2]
SWIFT = ROOT / "Tests/MLModelsTests/Reference/DecisionTreeReferences.swift"
SYNTH = ROOT / "Datasets/tree_synthetic.csv"


def synthetic():
    """3,000 rows, 8 continuous features (some irrelevant, different scales), a binary text
    label from a non-linear rule with 10% label noise; written to Datasets/tree_synthetic.csv.
    The first 2,000 rows train, the last 1,000 test."""
    rng = np.random.default_rng(20251203)
    n = 3000
    X = rng.normal(size=(n, 8)) * np.array([1, 2, 0.5, 10, 1, 1, 3, 0.1]) + np.array([0, 1, -2, 50, 0, 0, 0, 0])
    rule = (X[:, 0] > 0.3) & (X[:, 1] < 2) | (X[:, 3] > 58) | (X[:, 2] + X[:, 4] > -1.5)
    flip = rng.uniform(size=n) < 0.1
    y = np.where(rule ^ flip, "yes", "no")
    frame = pd.DataFrame(np.round(X, 4), columns=[f"f{j + 1}" for j in range(8)])
    frame["label"] = y
    frame.to_csv(SYNTH, index=False)
    return frame


def smallest_gain(tree):
    t = tree.tree_
    gains = []
    for node in range(t.node_count):
        left, right = t.children_left[node], t.children_right[node]
        if left < 0:
            continue
        w, wl, wr = (t.weighted_n_node_samples[i] for i in (node, left, right))
        gains.append(t.impurity[node] - wl / w * t.impurity[left] - wr / w * t.impurity[right])
    return min(gains) if gains else float("nan")


def fit_stable(make, X, y, label):
    fits = [make(seed).fit(X, y) for seed in range(20)]
    distinct = len({tuple(f.predict(X)) for f in fits})
    tree = fits[0]
    variants = {}
    for f in fits:
        variants.setdefault(tuple(np.round(f.feature_importances_, 9)), f.feature_importances_)
    importances = variants
    tree.importances_stable = len(importances) == 1
    tree.importance_variants = list(variants.values())
    print(f"{label}: {distinct} distinct prediction vector(s) over random_state 0..19, "
          f"{len(importances)} distinct importance vector(s); depth {tree.get_depth()}, "
          f"{tree.tree_.node_count} nodes, smallest split gain {smallest_gain(tree):.6g}")
    assert distinct == 1, label
    return tree


def swift_array(values, fmt=repr):
    return "[" + ", ".join(fmt(float(v)) if fmt is repr else fmt(v) for v in values) + "]"


def main():
    print("# decision_tree_references.py")
    print(f"# python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}, "
          f"scikit-learn {sklearn.__version__}")
    cases = []
    iris = pd.read_csv(ROOT / "Datasets/iris.csv")
    X, y = iris.iloc[:, :4].to_numpy(), iris["species"].to_numpy()
    for criterion in ["gini", "entropy"]:
        for depth in [1, 2, 3, 5, 30]:
            label = f"iris_{criterion}_{depth}"
            tree = fit_stable(lambda s: DecisionTreeClassifier(criterion=criterion, max_depth=depth, random_state=s),
                              X, y, label)
            cases.append(dict(name=label, data="iris.csv", label="species", impurity=criterion, depth=depth,
                              predictions=tree.predict(X), probabilities=tree.predict_proba(X).ravel(),
                              fitted_depth=tree.get_depth(), nodes=tree.tree_.node_count,
                              importances=tree.feature_importances_, stable=tree.importances_stable,
                              variants=tree.importance_variants))
    db = pd.read_csv(ROOT / "Datasets/diabetes.csv")
    X, y = db.iloc[:, :10].to_numpy(), db["target"].to_numpy()
    print("# diabetes distinct values per feature:", [len(np.unique(X[:, j])) for j in range(10)])
    for depth in [1, 3, 5, 7]:
        label = f"diabetes_variance_{depth}"
        tree = fit_stable(lambda s: DecisionTreeRegressor(max_depth=depth, random_state=s), X, y, label)
        cases.append(dict(name=label, data="diabetes.csv", label="target", impurity="variance", depth=depth,
                          predictions=tree.predict(X), probabilities=None, fitted_depth=tree.get_depth(),
                          nodes=tree.tree_.node_count, importances=tree.feature_importances_,
                          stable=tree.importances_stable, variants=tree.importance_variants))
    frame = synthetic()
    X, y = frame.iloc[:, :8].to_numpy(), frame["label"].to_numpy()
    accuracies = {}
    for depth in [3, 6, 10]:
        tree = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(X[:2000], y[:2000])
        accuracies[depth] = float((tree.predict(X[2000:]) == y[2000:]).mean())
        print(f"tree_synthetic depth {depth}: scikit-learn test accuracy {accuracies[depth]!r}")
    for case in cases:
        print(f"{case['name']}: depth {case['fitted_depth']}, nodes {case['nodes']}, "
              f"importances {[round(float(v), 12) for v in case['importances']]}")

    lines = [
        "// Generated by Tests/References/decision_tree_references.py (scikit-learn "
        f"{sklearn.__version__}); do not edit.",
        "// scikit-learn's exact CART trees on the training rows; see the script for the cases.",
        "",
        "enum DecisionTreeReferences {",
        "    struct Case: Sendable, CustomStringConvertible {",
        "        var name: String",
        "        var data: String",
        "        var label: String",
        "        var impurity: String",
        "        var maxDepth: Int",
        "        var depth: Int",
        "        var nodeCount: Int",
        "        var featureImportances: [Double]",
        "        /// Whether scikit-learn gives these importances for every random_state (no tied features).",
        "        var importancesStable: Bool",
        "        /// The distinct importance vectors over random_state 0..19 (one when stable).",
        "        var importanceVariants: [[Double]]",
        "        /// Class codes (classifier) or leaf means (regressor), one per training row.",
        "        var predictions: [Double]",
        "        /// Row-major rows × classes, classifier only.",
        "        var probabilities: [Double]",
        "        var description: String { name }",
        "    }",
        "",
        "    static let cases: [Case] = [",
    ]
    for c in cases:
        probabilities = [] if c["probabilities"] is None else c["probabilities"]
        lines += [
            "        Case(",
            f"            name: \"{c['name']}\", data: \"{c['data']}\", label: \"{c['label']}\", "
            f"impurity: \"{c['impurity']}\", maxDepth: {c['depth']}, depth: {c['fitted_depth']}, "
            f"nodeCount: {c['nodes']},",
            f"            featureImportances: {swift_array(c['importances'])}, "
            f"importancesStable: {'true' if c['stable'] else 'false'},",
            f"            importanceVariants: [{', '.join(swift_array(v) for v in c['variants'])}],",
            f"            predictions: {swift_array(c['predictions'])},",
            f"            probabilities: {swift_array(probabilities)}),",
        ]
    lines += ["    ]", ""]
    lines.append("    /// scikit-learn's accuracy on the last 1,000 rows of Datasets/tree_synthetic.csv after")
    lines.append("    /// training on the first 2,000 (gini, by depth).")
    lines.append("    static let syntheticTestAccuracy: [Int: Double] = [" +
                 ", ".join(f"{d}: {a!r}" for d, a in accuracies.items()) + "]")
    lines += ["}", ""]
    SWIFT.write_text("\n".join(lines))


if __name__ == "__main__":
    main()
