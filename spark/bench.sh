#!/bin/bash
# Words per second of the Spark job with local[1] and local[2] against `loupe analyze` on the same JSONL,
# in one run (the engine's overhead as a ratio).
#
#   spark/bench.sh [LOUPE_BINARY] [FOLDER_OF_TXT]   (defaults: .build/release/loupe, ../shared/data/eltec-fra)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOUPE=$(realpath "${1:-$ROOT/.build/release/loupe}")
DATA=$(realpath "${2:-$ROOT/../shared/data/eltec-fra}")
VENV=${LOUPE_SPARK_VENV:-$ROOT/.build/spark-venv}
WORK=$(mktemp -d /tmp/loupe-spark-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export PYSPARK_PYTHON="$VENV/bin/python" PYSPARK_DRIVER_PYTHON="$VENV/bin/python"
python3 - "$DATA" "$WORK/input.jsonl" <<'PY'
import json, os, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for n in sorted(os.listdir(sys.argv[1])):
        if n.endswith(".txt"):
            out.write(json.dumps({"id": n, "text": open(os.path.join(sys.argv[1], n), encoding="utf-8").read()}, ensure_ascii=False) + "\n")
PY
seconds() { local s=$(date +%s.%N); "$@" > "$WORK/out.log" 2>&1 || { tail -20 "$WORK/out.log"; exit 1; }; echo "$(date +%s.%N) - $s" | bc; }
t_analyze=$(seconds "$LOUPE" analyze "$WORK/input.jsonl" --db "$WORK/a.sqlite")
words=$(grep -oE '[0-9,]+ words' "$WORK/out.log" | head -1 | tr -d ', words')
t_stream=$(seconds sh -c "\"$LOUPE\" stream --jobs 1 < \"$WORK/input.jsonl\" > /dev/null")
for n in 1 2; do
  eval t_spark$n=$(seconds "$VENV/bin/spark-submit" --master "local[$n]" --conf spark.ui.enabled=false --driver-memory 2g \
    --files "$LOUPE" "$ROOT/spark/loupe_job.py" --input "$WORK/input.jsonl" --output "$WORK/out$n" --partitions 12 --loupe "$(basename "$LOUPE")")
done
rate() { echo "scale=0; $words / $1" | bc; }
printf "%-34s %8s %10s %6s\n" run seconds words/s ratio
printf "%-34s %8.1f %10s %6s\n" "loupe analyze (all cores)" "$t_analyze" "$(rate $t_analyze)" 1.00
printf "%-34s %8.1f %10s %6.2f\n" "loupe stream --jobs 1" "$t_stream" "$(rate $t_stream)" "$(echo "$t_stream / $t_analyze" | bc -l)"
printf "%-34s %8.1f %10s %6.2f\n" "spark local[1]" "$t_spark1" "$(rate $t_spark1)" "$(echo "$t_spark1 / $t_analyze" | bc -l)"
printf "%-34s %8.1f %10s %6.2f\n" "spark local[2]" "$t_spark2" "$(rate $t_spark2)" "$(echo "$t_spark2 / $t_analyze" | bc -l)"
echo "($words words, $(nproc) cores, $(basename "$DATA"))"
