#!/usr/bin/env python3
"""Peer of `mlfit-benchmarks compare --case logistic-regression`: Spark MLlib LogisticRegression
in local mode (pyspark).

mlfit with --reg-param λ, --elastic-net-param 0 and --no-standardization minimizes, over n
unweighted rows,
    F(B, b) = (1/n)·Σ logloss(yᵢ, Bxᵢ + b) + λ/2·‖B‖²      (intercepts b not penalized),
binomial for two classes, softmax over all K classes above — Spark's objective with the same
names: regParam = λ, elasticNetParam = 0, standardization = false (Spark fits on scaled
features internally but then penalizes the raw coefficients), fitIntercept = true,
family = auto, maxIter and tol as given (Spark's tol is on the relative change of the loss,
not on the gradient, so the objective column is what to compare). Spark infers numClasses as
the largest label + 1: the generated labels are 0..K−1, so its classes are mlfit's.

The whole process (JVM start included) is what the caller times; fit_seconds is the fit on
a cached DataFrame already counted into memory. Quality on the training data, outside the
timed part and computed in Spark SQL from the fitted parameters by the formula of
peers/logistic_sklearn.py: the mean of softplus(z) − y·z (binomial, softplus(z) =
max(z, 0) + log1p(e^−|z|)) or of logsumexp(z) − z_y (multinomial, by the largest score),
plus λ/2·‖B‖²; the accuracy with class 1 when its score is positive, else the most probable
class. Prints one JSON line; multinomial intercepts centred to sum to 0.

    python3 logistic_spark.py FILE [--label y] [--reg-param 0.01] [--tol 1e-6]
        [--max-iter 1000] [--threads 2]
"""
import argparse
import json
import math
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
parser.add_argument("--threads", type=int, default=os.cpu_count())
parser.add_argument("--driver-memory", default="6g")
args = parser.parse_args()

import spark_common  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402
from pyspark.ml.classification import LogisticRegression  # noqa: E402
from pyspark.ml.functions import vector_to_array  # noqa: E402

spark = spark_common.local_session(args.threads, args.driver_memory)
imported = time.perf_counter()

columns = spark_common.header(args.file)
features = [c for c in columns if c != args.label]
data, n = spark_common.cached_features(spark, args.file, columns, features, keep=[args.label])
read = time.perf_counter()

lam = args.reg_param
estimator = LogisticRegression(
    featuresCol="features", labelCol=args.label, regParam=lam, elasticNetParam=0.0,
    standardization=False, fitIntercept=True, maxIter=args.max_iter, tol=args.tol, family="auto")
fitted_start = time.perf_counter()
model = estimator.fit(data)
fitted = time.perf_counter()

# The parameters: one row for the binomial family (class 1), one per class otherwise.
matrix = model.coefficientMatrix.toArray()
coefficients = [[float(v) for v in row] for row in matrix]
intercepts = [float(v) for v in model.interceptVector.toArray()]
if len(intercepts) > 1:
    mean = sum(intercepts) / len(intercepts)
    intercepts = [b - mean for b in intercepts]

# Scores z = Bx + b in Spark SQL (the centred intercepts change no loss).
scored = data.select(
    F.col(args.label).alias("y"),
    vector_to_array(F.col("features")).alias("x"))
for r, (row, b) in enumerate(zip(coefficients, intercepts)):
    terms = [F.col("x")[j] * F.lit(c) for j, c in enumerate(row) if c != 0.0]
    z = F.lit(b)
    for t in terms:
        z = z + t
    scored = scored.withColumn(f"z{r}", z)
if len(coefficients) == 1:
    z = F.col("z0")
    softplus = F.greatest(z, F.lit(0.0)) + F.log1p(F.exp(-F.abs(z)))
    loss = softplus - F.col("y") * z
    correct = F.when((z > 0) == (F.col("y") == 1.0), 1.0).otherwise(0.0)
else:
    k = len(coefficients)
    zs = [F.col(f"z{r}") for r in range(k)]
    top = F.greatest(*zs)
    lse = top + F.log(sum((F.exp(c - top) for c in zs[1:]), F.exp(zs[0] - top)))
    zy = F.coalesce(*[F.when(F.col("y") == float(r), zs[r]) for r in range(k)])
    loss = lse - zy
    # The most probable class, the first of equals (a later class wins only when larger).
    winner = F.lit(0)
    best_score = zs[0]
    for r in range(1, k):
        winner = F.when(zs[r] > best_score, F.lit(r)).otherwise(winner)
        best_score = F.greatest(best_score, zs[r])
    correct = F.when(winner.cast("double") == F.col("y"), 1.0).otherwise(0.0)
row = scored.agg(F.avg(loss).alias("loss"), F.avg(correct).alias("accuracy")).collect()[0]
log_loss = float(row["loss"])
penalty = sum(c * c for r in coefficients for c in r)
objective = log_loss + lam / 2 * penalty
accuracy = float(row["accuracy"])

json.dump(
    {
        "peer": "spark-mllib",
        "estimator": f"LogisticRegression(regParam={lam:.6g}, {'binomial' if len(coefficients) == 1 else 'multinomial'})",
        "rows": int(n),
        "features": len(features),
        "classes": int(model.numClasses),
        "threads": args.threads,
        "import_seconds": imported - start,
        "read_seconds": read - imported,
        "fit_seconds": fitted - fitted_start,
        "onedal": False,
        "iterations": int(model.summary.totalIterations),
        "converged": int(model.summary.totalIterations) < args.max_iter,
        "objective": objective if math.isfinite(objective) else None,
        "log_loss": log_loss,
        "accuracy": accuracy,
        "coefficients": [c for r in coefficients for c in r],
        "intercepts": intercepts,
    },
    sys.stdout,
)
sys.stdout.write("\n")
spark.stop()
