#!/usr/bin/env python3
"""Build Sources/FrenchData/data/word-classes.tsv: the word classes each French form can take.

Requirements (the same dictionary as lemmas.tsv):
    apt-get install hunspell-fr-comprehensive      # Debian 1:7.0-1, MPL-2.0 (Dicollecte)

Run (from anywhere; ~10 s, deterministic):
    python3 tools/french-data/build_word_classes.py [--hunspell-dir DIR] [--out FILE]

Every line of hunspell-fr's dictionary is expanded through its affix file (as build_lemmas.py does);
each form, lower-cased and normalised as the lemma table's keys, collects one letter per class its
analyses give:

    N noun   A adjective   V finite verb   I infinitive   P past participle   G present participle
    R adverb   S preposition   D determiner   O pronoun   C conjunction   J interjection
    M number   E proper name (a first name, surname, place or title)

The part-of-speech tagger reads the letters as one feature (the form's ambiguity class: "porte" is
NV, "portes" NV, "portée" NP): the classic way a tagger trained on a small treebank knows what an
unseen word can be. Rare verb analyses (imperfect subjunctive but its 3sg, some passé simple persons)
are left out, as in the lemma table: "fusses" is not worth a V on every "fusses" in news.
"""
import argparse
import collections
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from build_lemmas import hunspell_paradigms, is_rare_verb_analysis  # noqa: E402
from lemma_rules import normalise  # noqa: E402

ORDER = "NAVIPGRSDOCJME"
VERB_TENSES = {"po:ipre", "po:iimp", "po:ipsi", "po:ifut", "po:cond", "po:spre", "po:simp", "po:impe"}


def classes(morph):
    """The class letters of one analysis (its dictionary line's tags plus the affix's)."""
    out = set()
    tags = set(morph)
    if any(t.startswith("po:v") for t in tags):
        if is_rare_verb_analysis(morph):
            return out
        if "po:infi" in tags:
            out.add("I")
        if "po:ppas" in tags:
            out.add("P")
        if "po:ppre" in tags:
            out.add("G")
        if tags & VERB_TENSES:
            out.add("V")
    for t in tags:
        if t == "po:nom":
            out.add("N")
        elif t in ("po:adj", "po:loc.adj"):
            out.add("A")
        elif t in ("po:adv", "po:loc.adv"):
            out.add("R")
        elif t.startswith("po:prep") or t.startswith("po:loc.prep"):
            out.add("S")
        elif t == "po:det" or t.startswith("po:det"):
            out.add("D")
        elif t.startswith("po:pro") or t == "po:3pe":
            out.add("O")
        elif t.startswith("po:cj") or t == "po:loc.cj":
            out.add("C")
        elif t == "po:interj":
            out.add("J")
        elif t in ("po:nb", "po:nbro"):
            out.add("M")
        elif t in ("po:npr", "po:prn", "po:patr", "po:titr"):
            out.add("E")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--hunspell-dir", default="/usr/share/hunspell")
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "Sources", "FrenchData", "data", "word-classes.tsv"))
    args = ap.parse_args()
    dic, aff = (os.path.join(args.hunspell_dir, "fr." + e) for e in ("dic", "aff"))
    if not os.path.exists(dic):
        sys.exit(f"{dic} not found: apt-get install hunspell-fr-comprehensive")
    table = collections.defaultdict(set)
    for _stem, _morph, forms in hunspell_paradigms(dic, aff):
        for form, morph in forms:
            if " " in form or not form:
                continue
            table[normalise(form)] |= classes(morph)
    rows = sorted(((f.encode("utf-8"), "".join(c for c in ORDER if c in cs)) for f, cs in table.items() if cs))
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write("# Loupe word classes (form<TAB>classes: N noun, A adjective, V finite verb, I infinitive, P past participle, "
                  "G present participle, R adverb, S preposition, D determiner, O pronoun, C conjunction, J interjection, M number, "
                  "E proper name), made by tools/french-data/build_word_classes.py from hunspell-fr 7.0 (Dicollecte, MPL-2.0). "
                  "Subject to the Mozilla Public License 2.0, https://mozilla.org/MPL/2.0/ ; see SOURCES.md\n")
        for f, cs in rows:
            out.write(f.decode("utf-8") + "\t" + cs + "\n")
    counts = collections.Counter(cs for _, cs in rows)
    print(f"{len(rows)} forms → {args.out}; commonest classes: {counts.most_common(8)}", file=sys.stderr)


if __name__ == "__main__":
    main()
