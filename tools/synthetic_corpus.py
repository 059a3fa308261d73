#!/usr/bin/env python3
"""Writes a synthetic corpus of N articles as JSONL, each a random draw of sentences from a folder of
French texts, for measuring how Loupe scales (incremental runs on a large database).

    python3 tools/synthetic_corpus.py ../shared/data/winer-fr 100000 /tmp/big.jsonl

Sentences are cut naively at '. ' and drawn with a fixed seed, so the same call writes the same file.
"""
import json
import os
import random
import re
import sys


def main():
    folder, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    sentences = []
    for root, _, files in os.walk(folder):
        for name in sorted(files):
            if name.endswith(".txt"):
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    text = f.read()
                sentences += [s.strip() + "." for s in re.split(r"(?<=[a-zé])\. ", text) if len(s.split()) >= 5]
    rng = random.Random(42)
    with open(out, "w", encoding="utf-8") as f:
        for i in range(count):
            text = " ".join(rng.choice(sentences) for _ in range(rng.randint(6, 14)))
            f.write(json.dumps({"id": f"syn-{i:06d}", "text": text}, ensure_ascii=False) + "\n")
    print(f"{count} articles from {len(sentences)} sentences -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
