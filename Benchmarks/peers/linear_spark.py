#!/usr/bin/env python3
"""Peer of `mlfit-benchmarks compare`: Spark MLlib LinearRegression in local mode (pyspark).

mlfit with --reg-param λ, --elastic-net-param α and --no-standardization minimizes
    (1/2n)·‖y − Xβ − β₀‖² + λ·α·‖β‖₁ + λ·(1−α)/2·‖β‖².
Spark (like glmnet) divides its L2 term by the label's standard deviation σ_y: its
(regParam R, elasticNetParam a) give λ₁ = R·a and λ₂ = R·(1−a)/σ_y (docs: REFERENCES.md).
So this script sets R = λ·α + λ·(1−α)·σ_y and a = λ·α / R, with standardization=False,
maxIter and tol as given (Spark's defaults 100 and 1e-6 are mlfit's), and local[threads].

The whole process (JVM start included) is what the caller times; fit_seconds is the fit
on a cached DataFrame already counted into memory. Prints one JSON line.

    python3 linear_spark.py FILE --model ols|ridge|lasso|elastic-net [--reg-param 0.01]
        [--elastic-net-param 0.5] [--tol 1e-6] [--max-iter 100] [--threads 2]
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
parser.add_argument("--model", choices=["ols", "ridge", "lasso", "elastic-net"], required=True)
parser.add_argument("--reg-param", type=float, default=0.01)
parser.add_argument("--elastic-net-param", type=float, default=0.5)
parser.add_argument("--tol", type=float, default=1e-6)
parser.add_argument("--max-iter", type=int, default=100)
parser.add_argument("--threads", type=int, default=os.cpu_count())
parser.add_argument("--driver-memory", default="6g")
args = parser.parse_args()

import spark_common  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402
from pyspark.ml.regression import LinearRegression  # noqa: E402

spark = spark_common.local_session(args.threads, args.driver_memory)
imported = time.perf_counter()

columns = spark_common.header(args.file)
features = [c for c in columns if c != args.label]
data, n = spark_common.cached_features(spark, args.file, columns, features, keep=[args.label])
read = time.perf_counter()

lam, alpha = args.reg_param, args.elastic_net_param
if args.model == "ols":
    lam, alpha = 0.0, 0.0
elif args.model == "ridge":
    alpha = 0.0
elif args.model == "lasso":
    alpha = 1.0
sigma_y = 1.0
if lam > 0 and alpha < 1:
    # Population standard deviation, as Spark's summarizer uses for the label scale.
    row = data.agg(F.stddev_pop(args.label).alias("s")).collect()[0]
    sigma_y = float(row["s"])
reg = lam * alpha + lam * (1 - alpha) * sigma_y
mix = (lam * alpha / reg) if reg > 0 else 0.0
estimator = LinearRegression(
    featuresCol="features", labelCol=args.label, regParam=reg, elasticNetParam=mix,
    standardization=False, fitIntercept=True, maxIter=args.max_iter, tol=args.tol, solver="auto")
fitted_start = time.perf_counter()
model = estimator.fit(data)
fitted = time.perf_counter()

beta = [float(c) for c in model.coefficients.toArray()]
summary = model.summary
rmse = float(summary.rootMeanSquaredError)
objective = rmse * rmse / 2 + lam * alpha * sum(abs(b) for b in beta) + lam * (1 - alpha) / 2 * sum(b * b for b in beta)
json.dump(
    {
        "peer": "spark-mllib",
        "estimator": f"LinearRegression(regParam={reg:.6g}, elasticNetParam={mix:.6g})",
        "rows": int(n),
        "features": len(beta),
        "threads": args.threads,
        "import_seconds": imported - start,
        "read_seconds": read - imported,
        "fit_seconds": fitted - fitted_start,
        "onedal": False,
        "iterations": int(summary.totalIterations),
        "rmse": rmse,
        "objective": objective if math.isfinite(objective) else None,
        "intercept": float(model.intercept),
        "coefficients": beta,
    },
    sys.stdout,
)
sys.stdout.write("\n")
spark.stop()
