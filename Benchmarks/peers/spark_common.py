"""What every Spark peer does before its fit: a local session with `threads` cores, and the
CSV read into a cached DataFrame of a `features` vector (and the columns kept beside it),
counted into memory so that the fit alone is timed afterwards."""
from pyspark.ml.feature import VectorAssembler
from pyspark.sql import SparkSession
from pyspark.sql.types import DoubleType, StructField, StructType


def local_session(threads, driver_memory):
    spark = (
        SparkSession.builder.master(f"local[{threads}]")
        .appName("mlfit-peer")
        .config("spark.driver.memory", driver_memory)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", str(threads))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def header(path):
    """The CSV's column names."""
    with open(path) as f:
        return f.readline().strip().split(",")


def cached_features(spark, path, columns, features, keep=()):
    """The rows as (`features` vector, *keep), cached and counted; returns (data, row count).

    An explicit schema (every column a double) instead of inferSchema, which would read twice.
    """
    schema = StructType([StructField(c, DoubleType(), False) for c in columns])
    frame = spark.read.csv(path, header=True, schema=schema)
    data = VectorAssembler(inputCols=features, outputCol="features").transform(frame).select("features", *keep)
    data = data.cache()
    return data, data.count()
