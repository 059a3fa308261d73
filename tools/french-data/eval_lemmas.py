#!/usr/bin/env python3
"""Measure the lookup lemmatiser (lemmas.tsv + LEMMA_RULES fallback) on UD French-GSD dev.

Standard library only.  Usage:
    python3 tools/french-data/eval_lemmas.py [--table FILE] [--conllu FILE] [--errors N]

Scored tokens: syntactic words with UPOS NOUN, VERB, ADJ, ADV (multi-word-token
lines such as "du" = de + le are skipped, as in shared/eval/ud_score.py).  A
prediction counts when it equals the CoNLL-U lemma compared lower-cased (as the
official scorer does); the exact-case figure is printed too.

Modes printed:
  lookup only            table hit -> table lemma, else the lower-cased form
  lookup + rules         table miss -> lemma_rules.lemmatise_unknown (LEMMA_RULES.md)
  + capitalised = name   what Loupe can do without a tagger: a token that is
                         capitalised and not sentence-initial is taken for a proper
                         noun and keeps its surface form; otherwise lookup + rules
  + capitalised = no rules   capitalised, not sentence-initial: table lookup only
                         (no fallback rules, so Londres/Charles stay as they are)
  gold PROPN keeps form  lookup + rules, and gold PROPN tokens keep their surface
                         form (identical to "lookup + rules" on content words)
The dev set is only measured here; nothing from it goes into the table or rules.
"""
import argparse
import collections
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from lemma_rules import is_acronym, lemmatise_unknown, normalise  # noqa: E402

CONTENT = ("NOUN", "VERB", "ADJ", "ADV")


def load_table(path):
    table = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            form, lemma = line.rstrip("\n").split("\t")
            table[form] = lemma
    return table


def read_conllu(path):
    sents, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if cur:
                sents.append(cur)
                cur = []
            continue
        if line.startswith("#"):
            continue
        c = line.split("\t")
        if "-" in c[0] or "." in c[0]:
            continue
        cur.append({"form": c[1], "lemma": c[2], "upos": c[3]})
    if cur:
        sents.append(cur)
    return sents


def predict(tok, idx, table, mode):
    form = tok["form"]
    if mode == "propn" and tok["upos"] == "PROPN":
        return form
    if mode == "caps" and idx > 0 and form[:1].isupper():
        return form
    w = normalise(form)
    if w in table:
        return table[w]
    if mode == "lookup" or is_acronym(form) or (mode == "capsnorules" and idx > 0 and form[:1].isupper()):
        return w
    return lemmatise_unknown(w, table)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--table", default=os.path.join(HERE, "..", "..", "Sources", "FrenchData", "data", "lemmas.tsv"))
    ap.add_argument("--conllu", default=os.path.join(HERE, "..", "..", "..", "shared", "data",
                                                     "ud-fr-gsd", "fr_gsd-ud-dev.conllu"))
    ap.add_argument("--errors", type=int, default=0, help="print the N most frequent errors")
    args = ap.parse_args()
    table = load_table(args.table)
    sents = read_conllu(args.conllu)
    print(f"table: {len(table)} entries; dev: {sum(len(s) for s in sents)} words")

    modes = [("lookup only", "lookup"), ("lookup + rules", "rules"),
             ("+ capitalised = name", "caps"), ("+ capitalised = no rules", "capsnorules"),
             ("gold PROPN keeps form", "propn")]
    errors = collections.Counter()
    for title, mode in modes:
        ok, exact, n = collections.Counter(), collections.Counter(), collections.Counter()
        for s in sents:
            for i, t in enumerate(s):
                if t["upos"] not in CONTENT:
                    continue
                p = predict(t, i, table, mode)
                for k in ("all", t["upos"]):
                    n[k] += 1
                    ok[k] += p.lower() == t["lemma"].lower()
                    exact[k] += p == t["lemma"]
                if mode == "rules" and p.lower() != t["lemma"].lower():
                    errors[(t["upos"], t["form"], p, t["lemma"])] += 1
        per = "  ".join(f"{k} {ok[k] / n[k]:.4f}" for k in CONTENT)
        print(f"{title:26s} all {ok['all'] / n['all']:.4f} (exact case {exact['all'] / n['all']:.4f}, "
              f"n={n['all']})  {per}")

    # what the fallback rules add on content words missing from the table
    miss = [(t, normalise(t["form"])) for s in sents for t in s
            if t["upos"] in CONTENT and normalise(t["form"]) not in table]
    gold = lambda t: t["lemma"].lower()
    ident = sum(w == gold(t) for t, w in miss)
    rule = lambda t, w: w if is_acronym(t["form"]) else lemmatise_unknown(w, table)
    ruled = sum(rule(t, w).lower() == gold(t) for t, w in miss)
    changed = sum(rule(t, w) != w for t, w in miss)
    print(f"content words not in table: {len(miss)}; rules change {changed} of them; "
          f"accuracy on them: identity {ident / max(1, len(miss)):.3f} -> rules "
          f"{ruled / max(1, len(miss)):.3f} ({ruled - ident:+d} tokens)")

    # proper nouns that the capitalisation heuristic protects
    pn = [(t, i) for s in sents for i, t in enumerate(s) if t["upos"] == "PROPN"]
    for title, mode in (("lookup + rules", "rules"), ("capitalised = no rules", "capsnorules")):
        altered = sum(predict(t, i, table, mode) != normalise(t["form"]) for t, i in pn)
        print(f"PROPN tokens given a lemma other than their lower-cased form, {title}: "
              f"{altered} of {len(pn)}")

    for (upos, form, p, g), c in errors.most_common(args.errors):
        print(f"  {c:3d}  {upos:5s} {form} -> {p} (gold {g})")


if __name__ == "__main__":
    main()
