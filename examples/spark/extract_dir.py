"""A Spark job: the facts of every .txt file in a directory, written as Parquet.

    python examples/spark/extract_dir.py examples/corpus build/spark-facts.parquet
    spark-submit --master yarn examples/spark/extract_dir.py hdfs:///news/2024 hdfs:///facts/2024

Each file is one document; its id is the file name. See the README's Spark
section for running it on a cluster (the tiqu wheel on every executor).
"""
import argparse
import os
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from tiqu.spark import extract_facts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", help="a directory of UTF-8 .txt files (local, HDFS, S3 ...)")
    parser.add_argument("output", help="where to write the facts as Parquet")
    parser.add_argument("--reference-date", help="YYYY-MM-DD for documents without their own date line")
    parser.add_argument("--master", default=None, help="e.g. local[4]; default: spark-submit's or local[*]")
    args = parser.parse_args()

    # In local mode the executors' Python is this one, where tiqu is installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("tiqu-extract")
    if args.master or "SPARK_HOME" not in os.environ:
        builder = builder.master(args.master or "local[*]")
    spark = builder.getOrCreate()

    documents = (
        spark.read.text(os.path.join(args.input, "*.txt"), wholetext=True)
        .withColumn("id", F.element_at(F.split(F.input_file_name(), "/"), -1))
        .withColumnRenamed("value", "text")
    )
    facts = extract_facts(documents, reference_date=args.reference_date)
    facts.write.mode("overwrite").parquet(args.output)

    counts = facts.groupBy("type").count().orderBy(F.desc("count")).collect()
    print(f"wrote {sum(r['count'] for r in counts)} facts to {args.output}")
    for row in counts:
        print(f"  {row['type']:<14}{row['count']:>7}")
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
