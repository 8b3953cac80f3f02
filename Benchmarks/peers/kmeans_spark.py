#!/usr/bin/env python3
"""Peer of `mlfit-benchmarks compare --case kmeans`: Spark MLlib k-means in local mode (pyspark).

mlfit's `train kmeans --k K --max-iter N --tol T` lowers Σ wᵢ‖xᵢ − c_a(i)‖² by Lloyd
iterations and stops when no center moves more than T (squared move ≤ T²): Spark's own rule
(`tol`, `epsilon`), with the same names and defaults; T = 0 runs to the limit unless no
center moves.
  - Default initialization: `pyspark.ml.clustering.KMeans(k, maxIter, tol, seed)` with
    `initMode = "k-means||"`, `initSteps = 2` (mlfit's default too), on a cached DataFrame.
  - `--init-model FILE`: the centers of an mlfit k-means model file (`model.clusterCenters`,
    columns in the order of the file's `features`). The DataFrame `KMeans` takes no starting
    centers, so this runs the RDD API that it wraps: `pyspark.mllib.clustering.KMeans.train(
    rdd, k, maxIterations, epsilon = tol, initialModel = KMeansModel(centers))` on a cached
    RDD of dense vectors. Its fit includes Spark's conversion of the Python RDD into the
    JVM (done inside `train`), and the RDD model reports no iteration count (`iterations` is
    then null; the caller divides by the limit).

The whole process (JVM start included) is what the caller times; fit_seconds is the fit on
data already cached and counted. `cost` is Σ‖x − c‖² to the nearest final center from exact
differences, computed in Spark SQL from the final centers outside the timed part — the sum of
peers/kmeans_sklearn.py and mlfit's `trainingCost`, not Spark's `trainingCost` (the cost
before its last update). Prints one JSON line.

    python3 kmeans_spark.py FILE --k 100 [--label L] [--max-iter 20] [--tol 0]
        [--init-model m.json] [--seed 1] [--threads 2]
"""
import argparse
import json
import os
import sys
import time

start = time.perf_counter()
parser = argparse.ArgumentParser()
parser.add_argument("file")
parser.add_argument("--label", default=None, help="a column to leave out of the features")
parser.add_argument("--k", type=int, required=True)
parser.add_argument("--max-iter", type=int, default=20)
parser.add_argument("--tol", type=float, default=1e-4)
parser.add_argument("--init-model", default=None, help="an mlfit k-means model file whose centers start the fit")
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--threads", type=int, default=os.cpu_count())
parser.add_argument("--driver-memory", default="6g")
args = parser.parse_args()

import spark_common  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402
from pyspark.sql.types import ArrayType, DoubleType, IntegerType, StructField, StructType  # noqa: E402
from pyspark.ml.clustering import KMeans  # noqa: E402
from pyspark.ml.functions import vector_to_array  # noqa: E402

spark = spark_common.local_session(args.threads, args.driver_memory)
imported = time.perf_counter()

columns = spark_common.header(args.file)
features = [c for c in columns if c != args.label]
centers_in = None
if args.init_model is not None:
    with open(args.init_model) as handle:
        saved = json.load(handle)
    features = list(saved["features"])  # the model's column order
    centers_in = [[float(v) for v in row] for row in saved["model"]["clusterCenters"]]
data, n = spark_common.cached_features(spark, args.file, columns, features)
rdd = None
if centers_in is not None:
    from pyspark.mllib.linalg import Vectors as MLlibVectors

    rdd = data.rdd.map(lambda row: MLlibVectors.fromML(row.features)).cache()
    rdd.count()
read = time.perf_counter()

if centers_in is not None:
    from pyspark.mllib.clustering import KMeans as RDDKMeans
    from pyspark.mllib.clustering import KMeansModel as RDDKMeansModel

    fitted_start = time.perf_counter()
    rdd_model = RDDKMeans.train(
        rdd, args.k, maxIterations=args.max_iter, initializationMode="random", seed=args.seed,
        epsilon=args.tol, initialModel=RDDKMeansModel([list(c) for c in centers_in]))
    fitted = time.perf_counter()
    centers = [[float(v) for v in c] for c in rdd_model.clusterCenters]
    iterations = None
    estimator_name = "mllib KMeans.train(initialModel)"
else:
    estimator = KMeans(
        featuresCol="features", k=args.k, maxIter=args.max_iter, tol=args.tol, seed=args.seed,
        initMode="k-means||", initSteps=2)
    fitted_start = time.perf_counter()
    model = estimator.fit(data)
    fitted = time.perf_counter()
    centers = [[float(v) for v in c] for c in model.clusterCenters()]
    iterations = int(model.summary.numIter)
    estimator_name = "KMeans(initMode=k-means||)"

# The cost from the final centers, outside the timed part: each row's nearest center by the
# expansion ‖x‖² − 2x·c + ‖c‖², then Σ(x − c)² for it, both in Spark SQL over the arrays.
p = len(features)
centers_frame = spark.createDataFrame(
    [(j, c) for j, c in enumerate(centers)],
    StructType([StructField("cluster", IntegerType(), False), StructField("center", ArrayType(DoubleType()), False)]))
points = data.select(vector_to_array("features").alias("x"))
center_list = F.array(*[F.array(*[F.lit(v) for v in c]) for c in centers])
squared = F.aggregate(F.transform(F.col("x"), lambda v: v * v), F.lit(0.0), lambda acc, v: acc + v)
distances = F.transform(
    center_list,
    lambda c: F.aggregate(F.zip_with(F.col("x"), c, lambda a, b: a * b), F.lit(0.0), lambda acc, v: acc + v))
center_norms = [sum(v * v for v in c) for c in centers]
expanded = F.array(*[squared - 2.0 * distances[j] + F.lit(center_norms[j]) for j in range(len(centers))])
nearest = F.array_position(expanded, F.array_min(expanded)).cast("int") - 1
assigned = points.withColumn("cluster", nearest).join(F.broadcast(centers_frame), "cluster")
exact = F.aggregate(
    F.zip_with(F.col("x"), F.col("center"), lambda a, b: (a - b) * (a - b)), F.lit(0.0), lambda acc, v: acc + v)
cost = float(assigned.select(F.sum(exact).alias("cost")).first()["cost"])

fit_seconds = fitted - fitted_start
json.dump(
    {
        "peer": "spark",
        "estimator": estimator_name,
        "rows": int(n),
        "features": p,
        "threads": args.threads,
        "init": "initial-model" if centers_in is not None else "k-means||",
        "import_seconds": imported - start,
        "read_seconds": read - imported,
        "fit_seconds": fit_seconds,
        "seconds_per_iteration": fit_seconds / (iterations if iterations else args.max_iter),
        "onedal": False,
        "iterations": iterations,
        "cost": cost,
        "centers": centers,
    },
    sys.stdout,
)
sys.stdout.write("\n")
spark.stop()
