#!/usr/bin/env python3
"""Independent reference values for mlfit's k-means (scikit-learn, numpy).

Run from the repository root:
    python3 Tests/References/kmeans_references.py > Tests/References/kmeans_references.txt
The values are pasted into Tests/MLModelsTests/KMeansReferenceTests.swift.

Conventions matched:
  * KMeans(n_clusters=k, init=<array>, n_init=1, algorithm="lloyd", tol=0, max_iter=1000):
    Lloyd from fixed starting centers to its fixed point (no assignment changes), the same
    fixed point mlfit reaches with tol 0; inertia_ is the cost of the final assignment to the
    final centers (mlfit's trainingCost). sample_weight for weighted rows.
  * silhouette_score(X, labels, metric="sqeuclidean"): Spark's ClusteringEvaluator
    (squaredEuclidean); metric="cosine" on the rows: Spark's cosine silhouette.
  * adjusted_rand_score(labels_true, labels_pred).
  * Spherical (cosine) k-means has no scikit-learn estimator: a plain numpy loop (rows and
    centers normalized, center = normalized weighted mean, ties to the lowest index) gives
    the reference, Spark's CosineDistanceMeasure rules.
"""
import platform

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score

np.set_printoptions(precision=17)


def show(name, values):
    print(f"{name} = {np.array2string(np.asarray(values), separator=', ', max_line_width=120, precision=17)}")


def synthetic(n=300):
    """Rows defined by a formula (no random generator), rebuilt the same way in Swift."""
    i = np.arange(n, dtype=float)
    g = np.arange(n) % 5
    x = np.column_stack([
        4.0 * g + np.sin(0.37 * i),
        3.0 * (g % 2) + np.cos(0.91 * i),
        0.125 * g * g + np.sin(1.7 * i) * np.cos(0.3 * i),
    ])
    w = 1.0 + (np.arange(n) % 3)
    return x, w


def lloyd(x, start, w=None):
    km = KMeans(n_clusters=len(start), init=np.asarray(start), n_init=1, algorithm="lloyd", tol=0, max_iter=1000)
    km.fit(x, sample_weight=w)
    return km


print(f"# python {platform.python_version()}, numpy {np.__version__}, scikit-learn {sklearn.__version__}")

iris = pd.read_csv("Datasets/iris.csv")
X = iris.iloc[:, :4].to_numpy()
species = iris["species"].to_numpy()

print("\n## 1. Iris, k = 3, starting centers rows 0, 50, 100")
km = lloyd(X, X[[0, 50, 100]])
show("centers", km.cluster_centers_)
print("inertia =", repr(km.inertia_))
print("iterations =", km.n_iter_)
show("sizes", np.bincount(km.labels_, minlength=3))
print("silhouette sqeuclidean =", repr(silhouette_score(X, km.labels_, metric="sqeuclidean")))
print("silhouette euclidean (not Spark's) =", repr(silhouette_score(X, km.labels_)))
print("adjusted rand index vs species =", repr(adjusted_rand_score(species, km.labels_)))

print("\n## 2. Iris, k = 3, default init (k-means++, n_init=1), random_state 1..10: inertia")
inertias = [KMeans(n_clusters=3, n_init=1, random_state=s).fit(X).inertia_ for s in range(1, 11)]
show("inertias", inertias)
print("median =", repr(float(np.median(inertias))))
print("best of 100 starts =", repr(KMeans(n_clusters=3, n_init=100, random_state=0).fit(X).inertia_))

print("\n## 3. scikit-learn's weighted hand-computed case")
pts = np.array([[0, 0], [0.5, 0], [0.5, 1], [1, 1]], dtype=float)
km = lloyd(pts, [[0, 0], [1, 1]], w=np.array([3, 1, 1, 3], dtype=float))
show("centers", km.cluster_centers_)
print("inertia =", repr(km.inertia_))

print("\n## 4. Synthetic 300 x 3 (formula), k = 5, starting centers rows 0, 5, 10, 1, 2")
xs, ws = synthetic()
start = xs[[0, 5, 10, 1, 2]]
km = lloyd(xs, start)
show("centers", km.cluster_centers_)
print("inertia =", repr(km.inertia_))
show("sizes", np.bincount(km.labels_, minlength=5))
print("silhouette sqeuclidean =", repr(silhouette_score(xs, km.labels_, metric="sqeuclidean")))
print("adjusted rand index vs row % 5 =", repr(adjusted_rand_score(np.arange(300) % 5, km.labels_)))

print("\n## 5. The same, weighted by 1 + row % 3")
km = lloyd(xs, start, w=ws)
show("centers", km.cluster_centers_)
print("inertia =", repr(km.inertia_))
show("sizes", np.bincount(km.labels_, minlength=5))

print("\n## 6. Weighted = repeated: rows repeated 1 + row % 3 times, unweighted")
rep = np.repeat(xs, ws.astype(int), axis=0)
km = lloyd(rep, start)
show("centers", km.cluster_centers_)
print("inertia =", repr(km.inertia_))

print("\n## 7. Spherical (cosine) k-means on the synthetic rows + (1, 1, 1), k = 4, starting rows 0, 1, 2, 3")
xc = xs + 1.0
xn = xc / np.linalg.norm(xc, axis=1, keepdims=True)
centers = xn[[0, 1, 2, 3]].copy()
labels = None
for it in range(1000):
    d = 1.0 - xn @ centers.T
    new = np.argmin(d, axis=1)
    if labels is not None and np.array_equal(new, labels):
        break
    labels = new
    for j in range(4):
        m = xn[labels == j].sum(axis=0)
        centers[j] = m / np.linalg.norm(m)
show("centers", centers)
print("cost (sum of 1 - cos) =", repr(float((1.0 - np.sum(xn * centers[labels], axis=1)).sum())))
show("sizes", np.bincount(labels, minlength=4))
print("silhouette cosine =", repr(silhouette_score(xc, labels, metric="cosine")))

print("\n## 8. adjusted_rand_score on small partitions")
for true, pred in [([0, 0, 1, 1, 2, 2, 2], [1, 1, 0, 0, 0, 2, 2]),
                   ([0, 0, 0, 1, 1, 1], [0, 1, 2, 0, 1, 2]),
                   ([5, 5, 7, 7, 9, 9], [0, 0, 1, 1, 2, 2]),
                   ([0, 1, 2, 3], [0, 0, 0, 0])]:
    print(f"true {true}, predicted {pred}: {adjusted_rand_score(true, pred)!r}")
