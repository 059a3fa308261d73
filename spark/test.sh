#!/bin/bash
# The Spark job on the real engine: pyspark (pinned, in a virtual environment this script creates) with
# local[2] on corpus/ (as JSONL) plus bad lines; every table must equal a local `loupe analyze` + `loupe
# export` of the same documents, row for row after sorting, and the bad lines must come back as error
# records. Then the same documents as Parquet with a text column: the same tables.
#
#   spark/test.sh [LOUPE_BINARY]      (default: .build/debug/loupe; needs Java 17: .ci/setup installs it)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOUPE=$(realpath "${1:-$ROOT/.build/debug/loupe}")
PYSPARK_VERSION=3.5.5
VENV=${LOUPE_SPARK_VENV:-$ROOT/.build/spark-venv}
WORK=$(mktemp -d /tmp/loupe-spark-test.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

if ! "$VENV/bin/python" -c "import pyspark; assert pyspark.__version__ == '$PYSPARK_VERSION'" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "pyspark==$PYSPARK_VERSION"
fi
export PYSPARK_PYTHON="$VENV/bin/python" PYSPARK_DRIVER_PYTHON="$VENV/bin/python"

# corpus/ as one JSONL file: each .txt a line (its name as id), the feed's lines, and three bad lines.
"$VENV/bin/python" - "$ROOT/corpus" "$WORK/corpus.jsonl" <<'PY'
import json, os, sys
corpus, out = sys.argv[1], sys.argv[2]
lines = [json.dumps({"id": n, "text": open(os.path.join(corpus, n), encoding="utf-8").read()}, ensure_ascii=False)
         for n in sorted(os.listdir(corpus)) if n.endswith(".txt")]
lines += [l for l in open(os.path.join(corpus, "feed.jsonl"), encoding="utf-8").read().split("\n") if l.strip()]
lines.insert(3, '{"id": "broken", "text": ')
lines.insert(7, '{"id": "empty", "text": "  "}')
lines.insert(9, '[1, 2]')
lines.append('{"text": "Sans identifiant : Emmanuel Macron reçoit l’Union africaine (UA) à Paris."}')
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY

# The local run: analyze + export (ids of lines without one: corpus.jsonl:LINE, as the job names them).
(cd "$WORK" && "$LOUPE" analyze corpus.jsonl --db local.sqlite --quiet 2>/dev/null || true)
mkdir -p "$WORK/local"
for t in documents sentences tokens mentions entities keywords keyphrases cooccurrences; do
  "$LOUPE" export $t --db "$WORK/local.sqlite" --raw --output "$WORK/local/$t.csv" 2>/dev/null
done

started=$(date +%s)
"$VENV/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false --driver-memory 1g \
  --files "$LOUPE" "$ROOT/spark/loupe_job.py" --input "$WORK/corpus.jsonl" --output "$WORK/out" --loupe "$(basename "$LOUPE")" \
  --partitions 2 2> "$WORK/spark.log" || { tail -40 "$WORK/spark.log"; exit 1; }
echo "spark job: $(( $(date +%s) - started )) s"

"$VENV/bin/python" "$ROOT/spark/compare.py" "$WORK/out" "$WORK/local" corpus.jsonl:4 corpus.jsonl:8 corpus.jsonl:10 2>/dev/null

# The same documents as Parquet with a text column named "body" (the line without id given the id the
# local run gave it): the same tables, and no error record.
"$VENV/bin/python" - "$WORK/corpus.jsonl" "$WORK/corpus.parquet" <<'PY' 2>/dev/null
import json, sys
from pyspark.sql import SparkSession
rows = []
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    try:
        o = json.loads(line)
    except ValueError:
        continue
    if isinstance(o, dict) and str(o.get("text", "")).strip():
        rows.append((o.get("id", f"corpus.jsonl:{n}"), o["text"], o.get("title"), o.get("date"), o.get("source"), o.get("url")))
spark = SparkSession.builder.master("local[1]").getOrCreate()
spark.createDataFrame(rows, "id string, body string, title string, date string, source string, url string") \
    .coalesce(1).write.parquet(sys.argv[2])
spark.stop()
PY
started=$(date +%s)
"$VENV/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false --driver-memory 1g \
  --files "$LOUPE" "$ROOT/spark/loupe_job.py" --parquet --text-column body --input "$WORK/corpus.parquet" \
  --output "$WORK/out-parquet" --loupe "$(basename "$LOUPE")" --partitions 2 2> "$WORK/spark-parquet.log" \
  || { tail -40 "$WORK/spark-parquet.log"; exit 1; }
echo "spark job on Parquet: $(( $(date +%s) - started )) s"
"$VENV/bin/python" "$ROOT/spark/compare.py" "$WORK/out-parquet" "$WORK/local" 2>/dev/null
