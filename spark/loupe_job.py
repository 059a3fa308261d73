"""Loupe on Apache Spark: analyse a corpus of French documents on a cluster, with the results of a local run.

    spark-submit --master yarn --files /path/to/loupe spark/loupe_job.py \
        --input hdfs:///news/*.jsonl --output hdfs:///loupe/news

Input: JSONL in the object format `loupe analyze` reads (`text` or `html`; optional `id`, `title`, `date`,
`source`, `url`, `author`), or Parquet with a text column (--parquet, --text-column). The `loupe` binary is
shipped to the executors with --files and run there as `loupe stream` on each partition (every line
prefixed with its origin FILE:LINE, which names documents without an id as `analyze` would and names bad
lines in the error records).

Output, one Parquet dataset per `loupe export` table, same names and columns: documents, sentences,
tokens, mentions, keywords, keyphrases (per document, from the stream), entities, cooccurrences (over the
whole corpus), plus `errors` (the input lines that could not be read, with their origin and reason).
Corpus-level values are computed over the whole corpus: keyword weights (TF-IDF:
count × (ln((1 + N) / (1 + df)) + 1)), entities, mention → entity, co-occurrences. Entity linking is
Loupe's own rule, run once over the corpus's aggregated name forms and acronym definitions by
`loupe stream --link` (one implementation for laptop and cluster).
"""

import argparse
import os
import stat
import subprocess
import threading

from pyspark import SparkFiles
from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

# The export tables' columns, in order (Sources/Export/ExportTable.swift).
COLUMNS = {
    "documents": ["document", "title", "date", "source", "characters", "words", "sentences", "sentiment", "subjectivity", "url", "author"],
    "sentences": ["document", "index", "start", "end", "sentiment", "text", "boilerplate", "subjectivity"],
    "tokens": ["document", "sentence", "start", "end", "text", "lemma", "pos", "stopword", "kind"],
    "mentions": ["document", "start", "end", "text", "type", "entity", "sentence", "sentiment"],
    "entities": ["entity", "type", "mentions", "documents", "sentiment", "aliases"],
    "keywords": ["document", "term", "count", "weight"],
    "keyphrases": ["document", "rank", "phrase", "score"],
    "cooccurrences": ["entity_a", "entity_b", "documents", "sentences"],
}

S, L, D = T.StringType(), T.LongType(), T.DoubleType()


def struct(**fields):
    return T.StructType([T.StructField(name, kind) for name, kind in fields.items()])


ROWS = {
    "documents": struct(document=S, title=S, date=S, source=S, characters=L, words=L, sentences=L, sentiment=D, subjectivity=D, url=S, author=S),
    "sentences": struct(document=S, index=L, start=L, end=L, sentiment=D, text=S, boilerplate=L, subjectivity=D),
    "tokens": struct(document=S, sentence=L, start=L, end=L, text=S, lemma=S, pos=S, stopword=L, kind=S),
    "mentions": struct(document=S, start=L, end=L, text=S, type=S, entity=S, sentence=L, sentiment=D, key=S),
    "keywords": struct(document=S, term=S, count=L, weight=D),
    "keyphrases": struct(document=S, rank=L, phrase=S, score=D),
}
RECORD = T.StructType([
    T.StructField("line", L), T.StructField("origin", S), T.StructField("error", S), T.StructField("document", S),
    T.StructField("tables", T.StructType([T.StructField(name, T.ArrayType(row)) for name, row in ROWS.items()])),
    T.StructField("acronyms", T.ArrayType(struct(acronym=S, expansion_key=S))),
])
ENTITY = struct(key=S, entity=S, type=S, mentions=L, aliases=S, keys=T.ArrayType(S))


def loupe_binary(name):
    """The binary shipped with --files, made executable (Spark may drop the mode bits)."""
    path = SparkFiles.get(name)
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def pipe(lines, arguments, binary):
    """Lines through `loupe ARGUMENTS` on the executor: one output line per input line, in order."""
    process = subprocess.Popen([loupe_binary(binary)] + arguments, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def feed():
        try:
            for line in lines:
                process.stdin.write(line.encode("utf-8") + b"\n")
        finally:
            process.stdin.close()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    for out in process.stdout:
        yield out.decode("utf-8").rstrip("\n")
    writer.join()
    if process.wait() != 0:
        raise RuntimeError(f"loupe {' '.join(arguments)} exited with status {process.returncode}")


def input_lines(spark, args):
    """Each input document as `FILE:LINE<TAB>JSON` (FILE: the file's base name)."""
    sc = spark.sparkContext
    if args.parquet:
        frame = spark.read.parquet(*args.input)
        columns = [F.col(args.text_column).alias("text")] + [F.col(c) for c in ("id", "title", "date", "source", "url", "author") if c in frame.columns]
        name = os.path.basename(args.input[0].rstrip("/"))
        return frame.select(*columns).toJSON().zipWithIndex().map(lambda t: f"{name}:{t[1] + 1}\t{t[0]}")
    rdds = []
    for path in args.input:
        name = os.path.basename(path)
        rdds.append(sc.textFile(path).zipWithIndex()
                    .filter(lambda t: t[0].strip(" \t\r") != "")
                    .map(lambda t, name=name: f"{name}:{t[1] + 1}\t{t[0]}"))
    return sc.union(rdds)


def run(spark, args):
    binary = os.path.basename(args.loupe)
    lines = input_lines(spark, args)
    if args.partitions:
        lines = lines.repartition(args.partitions)
    stream = ["stream", "--origins", "--quiet", "--jobs", str(args.jobs)]
    records_text = lines.mapPartitions(lambda part: pipe(part, stream, binary))
    records = spark.read.schema(RECORD).json(records_text).persist()
    out = lambda table: os.path.join(args.output, table)

    records.where("error IS NOT NULL").select("origin", "line", "error").write.mode("overwrite").parquet(out("errors"))
    docs = records.where("error IS NULL")

    def rows(table):
        return docs.select(F.explode(f"tables.{table}").alias("r")).select("r.*")

    for table in ("documents", "sentences", "tokens", "keyphrases"):
        rows(table).select(*COLUMNS[table]).write.mode("overwrite").parquet(out(table))

    # Keyword weights over the whole corpus (the `keywords` view's formula).
    n = docs.count()
    keywords = rows("keywords")
    df = keywords.groupBy("term").agg(F.count(F.lit(1)).alias("df"))
    keywords.drop("weight").join(df, "term") \
        .withColumn("weight", F.round(F.col("count") * (F.log((1.0 + n) / (1.0 + F.col("df"))) + 1.0), 4)) \
        .select(*COLUMNS["keywords"]).write.mode("overwrite").parquet(out("keywords"))

    # Entities: Loupe's corpus linking over the aggregated name forms and acronym definitions.
    mentions = rows("mentions").persist()
    forms = mentions.groupBy("key", "type", "text").agg(F.count(F.lit(1)).alias("count"))
    definitions = docs.select("document", F.explode("acronyms").alias("a")) \
        .groupBy("a.acronym", "a.expansion_key").agg(F.count(F.lit(1)).alias("documents"))
    link_input = forms.toJSON().union(definitions.toJSON()).coalesce(1)
    entities = spark.read.schema(ENTITY).json(link_input.mapPartitions(lambda part: pipe(part, ["stream", "--link"], binary))).persist()
    key_map = entities.select(F.explode("keys").alias("key"), F.col("key").alias("canonical"), "entity",
                              F.col("type").alias("entity_type"))

    # A mention's type is its entity's (the `mentions` view: one name, one type across the corpus); the
    # stream's rows carry the tagger's, which the name forms above count.
    linked = mentions.drop("entity").join(key_map, "key", "left")
    linked.withColumn("type", F.coalesce("entity_type", "type")) \
        .select(*COLUMNS["mentions"]).write.mode("overwrite").parquet(out("mentions"))

    counted = linked.groupBy("canonical").agg(F.countDistinct("document").alias("documents"),
                                             F.round(F.avg("sentiment"), 4).alias("sentiment"))
    entities.join(counted, entities["key"] == counted["canonical"]) \
        .select("entity", "type", "mentions", "documents", "sentiment", "aliases") \
        .write.mode("overwrite").parquet(out("entities"))

    # Co-occurrences: pairs of entities in the same documents, and in the same sentences.
    em = linked.where("canonical IS NOT NULL").select("document", "sentence", "canonical", "entity").distinct()
    ed = em.select("document", "canonical", "entity").distinct()
    a, b = ed.alias("a"), ed.alias("b")
    pair_docs = a.join(b, (F.col("a.document") == F.col("b.document")) & (F.col("a.canonical") < F.col("b.canonical"))) \
        .groupBy(F.col("a.canonical").alias("ca"), F.col("b.canonical").alias("cb"),
                 F.col("a.entity").alias("na"), F.col("b.entity").alias("nb")).agg(F.count(F.lit(1)).alias("documents"))
    sa, sb = em.alias("sa"), em.alias("sb")
    pair_sentences = sa.join(sb, (F.col("sa.document") == F.col("sb.document")) & (F.col("sa.sentence") == F.col("sb.sentence"))
                             & (F.col("sa.canonical") < F.col("sb.canonical"))) \
        .groupBy(F.col("sa.canonical").alias("ca"), F.col("sb.canonical").alias("cb")).agg(F.count(F.lit(1)).alias("sentences"))
    pair_docs.join(pair_sentences, ["ca", "cb"], "left") \
        .select(F.least("na", "nb").alias("entity_a"), F.greatest("na", "nb").alias("entity_b"), "documents",
                F.coalesce("sentences", F.lit(0)).alias("sentences")) \
        .write.mode("overwrite").parquet(out("cooccurrences"))

    errors = records.where("error IS NOT NULL").count()
    print(f"loupe on spark: {n} documents, {errors} error records → {args.output}")


def main():
    parser = argparse.ArgumentParser(description="Loupe on Apache Spark: one Parquet dataset per export table.")
    parser.add_argument("--input", nargs="+", required=True, help="JSONL files (or Parquet with --parquet)")
    parser.add_argument("--output", required=True, help="folder: one Parquet dataset per table, and errors")
    parser.add_argument("--parquet", action="store_true", help="the input is Parquet with a text column")
    parser.add_argument("--text-column", default="text", help="the Parquet column holding the text (default: text)")
    parser.add_argument("--loupe", default="loupe", help="the binary's name as shipped with --files (default: loupe)")
    parser.add_argument("--jobs", type=int, default=1, help="workers of each `loupe stream` (default 1: one per task)")
    parser.add_argument("--partitions", type=int, default=0, help="repartition the input into this many partitions")
    args = parser.parse_args()
    spark = SparkSession.builder.appName("loupe").getOrCreate()
    try:
        run(spark, args)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
