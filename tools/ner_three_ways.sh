#!/usr/bin/env bash
# Scores the entity stage of a build three ways, each on text its model never saw:
#   a tagger trained on WiNER-fr 2016, scored on WiNER-fr 2017;
#   a tagger trained on WiNER-fr 2017, scored on WiNER-fr 2016 (the year whose errors were not read, or the other one);
#   the 2016 tagger on wikineural-fr-val (Wikipedia; evaluation only, never trained on).
# A change to the entity rules or features is kept when it holds up on all three, not on one.
#
# usage: tools/ner_three_ways.sh [LOUPE] [SHARED]      (defaults: .build/release/loupe, ../shared)
# Needs ../shared (not in a user's clone). Trains two models (about 3 minutes on 2 cores), then prints
#   w17 MICRO [PER LOC ORG] | w16 MICRO [...] | wikineural MICRO [...]
# Work files go to a temporary folder, removed at the end; set KEEP=1 to keep it (its path is printed).
set -euo pipefail
loupe=$(realpath "${1:-.build/release/loupe}")
shared=$(realpath "${2:-../shared}")
winer="$shared/data/winer-fr"
wikineural="$shared/data/wikineural-fr-val"
scorer="$shared/eval/ner_score.py"
for need in "$loupe" "$winer/2016" "$winer/2017" "$wikineural" "$scorer"; do
    [ -e "$need" ] || { echo "ner_three_ways: $need is missing" >&2; exit 1; }
done
work=$(mktemp -d)
[ "${KEEP:-0}" = 1 ] && echo "work files in $work" >&2 || trap 'rm -rf "$work"' EXIT

# The BRAT folders hold month subfolders and .ann files: `analyze` reads a flat folder of the texts.
texts() { mkdir -p "$2"; find "$1" -name '*.txt' ! -name '*-urls.txt' -exec cp {} "$2"/ \; ; }
texts "$winer/2016" "$work/t2016"
texts "$winer/2017" "$work/t2017"
texts "$wikineural" "$work/twiki"

"$loupe" train ner --data "$winer/2016" --output "$work/m2016.bin" > "$work/train2016.log" 2>&1 &
"$loupe" train ner --data "$winer/2017" --output "$work/m2017.bin" > "$work/train2017.log" 2>&1
wait $! || { echo "ner_three_ways: training on 2016 failed, see $work/train2016.log" >&2; exit 1; }

# score NAME MODEL TEXTS GOLD: analyses TEXTS with MODEL and prints "MICRO [PER x LOC y ORG z]".
score() {
    LOUPE_NER_MODEL="$2" "$loupe" analyze "$3" --db "$work/$1.sqlite" --quiet 2> "$work/$1.log"
    "$loupe" export mentions --db "$work/$1.sqlite" --output "$work/$1.csv" > /dev/null 2>> "$work/$1.log"
    python3 "$scorer" "$4" "$work/$1.csv" > "$work/$1.score"
    local micro types
    micro=$(sed -n 's/.*micro .*F1=\([0-9.]*\).*/\1/p' "$work/$1.score")
    types=$(grep -E '^(PER|LOC|ORG):' "$work/$1.score" | sed 's/:.*F1=\([0-9.]*\).*/ \1/' | tr '\n' ' ')
    echo "$micro [${types% }]"
}
echo "w17 $(score w17 "$work/m2016.bin" "$work/t2017" "$winer/2017") | w16 $(score w16 "$work/m2017.bin" "$work/t2016" "$winer/2016") | wikineural $(score wiki "$work/m2016.bin" "$work/twiki" "$wikineural")"
