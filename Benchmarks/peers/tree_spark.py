#!/usr/bin/env python3
"""Peer of `mlfit-benchmarks compare --case decision-tree`: Spark MLlib DecisionTreeClassifier
in local mode (pyspark).

mlfit's `train decision-tree-classifier` follows Spark MLlib's DecisionTreeClassifier: the
same parameter names and defaults, Gini impurity, level-wise growth on binned features with
maxBins − 1 candidate thresholds per continuous feature from a row sample, a node split only
when the gain is > 0 and ≥ minInfoGain and both children keep minInstancesPerNode rows. Here
maxDepth = D, maxBins = B, impurity = gini, minInstancesPerNode = 1, minInfoGain = 0,
seed = S. Spark's sample (its own random draw) differs from mlfit's, so thresholds, and hence
splits, may differ slightly: compare accuracy. Spark infers numClasses as the largest label + 1;
the generated labels are 0 and 1.

The whole process (JVM start included) is what the caller times; fit_seconds is the fit on a
cached DataFrame already counted into memory. Accuracy on the training data, outside the timed
part (Spark's prediction: the class of largest weight in the leaf). Prints one JSON line.

    python3 tree_spark.py FILE [--label y] [--max-depth 10] [--max-bins 32] [--seed 0] [--threads 2]
"""
import argparse
import json
import os
import sys
import time

start = time.perf_counter()
parser = argparse.ArgumentParser()
parser.add_argument("file")
parser.add_argument("--label", default="y")
parser.add_argument("--max-depth", type=int, default=10)
parser.add_argument("--max-bins", type=int, default=32)
parser.add_argument("--seed", type=int, default=0)
parser.add_argument("--threads", type=int, default=os.cpu_count())
parser.add_argument("--driver-memory", default="6g")
parser.add_argument("--max-memory-in-mb", type=int, default=256, help="Spark's maxMemoryInMB (mlfit's default is the same)")
args = parser.parse_args()

import spark_common  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402
from pyspark.ml.classification import DecisionTreeClassifier  # noqa: E402

spark = spark_common.local_session(args.threads, args.driver_memory)
imported = time.perf_counter()

columns = spark_common.header(args.file)
features = [c for c in columns if c != args.label]
data, n = spark_common.cached_features(spark, args.file, columns, features, keep=[args.label])
read = time.perf_counter()

estimator = DecisionTreeClassifier(
    featuresCol="features", labelCol=args.label, maxDepth=args.max_depth, maxBins=args.max_bins,
    impurity="gini", minInstancesPerNode=1, minInfoGain=0.0, maxMemoryInMB=args.max_memory_in_mb,
    seed=args.seed)
fitted_start = time.perf_counter()
model = estimator.fit(data)
fitted = time.perf_counter()

row = (
    model.transform(data)
    .agg(F.avg(F.when(F.col("prediction") == F.col(args.label), 1.0).otherwise(0.0)).alias("accuracy"))
    .collect()[0]
)
# Leaves: every node of the debug string that predicts, one per line.
leaves = sum(1 for line in model.toDebugString.splitlines() if line.strip().startswith("Predict:"))

json.dump(
    {
        "peer": "spark-mllib",
        "estimator": f"DecisionTreeClassifier(maxDepth={args.max_depth}, maxBins={args.max_bins}, gini)",
        "rows": int(n),
        "features": len(features),
        "threads": args.threads,
        "import_seconds": imported - start,
        "read_seconds": read - imported,
        "fit_seconds": fitted - fitted_start,
        "onedal": False,
        "accuracy": float(row["accuracy"]),
        "leaves": float(leaves),
        "depth": float(model.depth),
    },
    sys.stdout,
)
sys.stdout.write("\n")
spark.stop()
