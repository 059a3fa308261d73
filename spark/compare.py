"""Checks the Spark job's Parquet datasets against a local `loupe export` (CSV, --raw) of the same
documents: every table row for row after sorting, and the expected error records.

    python compare.py OUTPUT_DIR LOCAL_EXPORT_DIR EXPECTED_ERROR_ORIGINS...
"""

import csv
import os
import sys

from pyspark.sql import SparkSession

TABLES = ["documents", "sentences", "tokens", "mentions", "entities", "keywords", "keyphrases", "cooccurrences"]


def cell(value):
    """A value as `loupe export` writes it (Exporter.text): integers plain, reals with at most 4 decimals."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value == round(value) and abs(value) < 1e15:
            return str(int(value))
        s = ("%.4f" % value).rstrip("0").rstrip(".")
        return "0" if s == "-0" else s
    return str(value)


def main():
    output, local, expected_errors = sys.argv[1], sys.argv[2], sorted(sys.argv[3:])
    spark = SparkSession.builder.master("local[1]").appName("loupe-compare").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    failed = False
    for table in TABLES:
        with open(os.path.join(local, f"{table}.csv"), newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader)
            expected = sorted(tuple(row) for row in reader)
        frame = spark.read.parquet(os.path.join(output, table))
        if frame.columns != header:
            print(f"DIFF {table}: columns {frame.columns} != {header}")
            failed = True
            continue
        got = sorted(tuple(cell(v) for v in row) for row in frame.collect())
        if got == expected:
            print(f"same {table}: {len(got)} rows")
        else:
            failed = True
            missing = [r for r in expected if r not in set(got)][:3]
            extra = [r for r in got if r not in set(expected)][:3]
            print(f"DIFF {table}: {len(got)} rows from Spark, {len(expected)} local; local only {missing}; Spark only {extra}")
    try:
        errors = sorted(r["origin"] for r in spark.read.parquet(os.path.join(output, "errors")).collect())
    except Exception:  # no error record: Spark may write no Parquet file to read a schema from
        errors = []
    if errors == expected_errors:
        print(f"same errors: {errors}")
    else:
        print(f"DIFF errors: {errors} != {expected_errors}")
        failed = True
    spark.stop()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
