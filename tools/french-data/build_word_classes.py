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
    M number   E proper name (a place, a company, a title…)   H a person's name (a first name, a surname,
    a mononym: Platon, Darwin)

then, in a third field, the lemma of each noun (N=), adjective (A=) or verb (V=) reading whose lemma is not
the one lemmas.tsv gives the form ("compte<TAB>NV<TAB>N=compte": the table says compter), so that the
lemmatiser can follow the tagger ("le compte" NOUN → compte; "grecque" ADJ → grec).

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

ORDER = "NAVIPGRSDOCJMEH"
VERB_TENSES = {"po:ipre", "po:iimp", "po:ipsi", "po:ifut", "po:cond", "po:spre", "po:simp", "po:impe"}
# hunspell-fr's morphological tags of the other classes: whole tags, then families (no whole tag starts with a family).
TAG_CLASSES = {
    "po:nom": "N", "po:adj": "A", "po:loc.adj": "A", "po:adv": "R", "po:loc.adv": "R", "po:3pe": "O",
    "po:loc.cj": "C", "po:interj": "J", "po:nb": "M", "po:nbro": "M", "po:npr": "E", "po:titr": "E",
    "po:prn": "H", "po:patr": "H",
}
TAG_PREFIXES = (("po:prep", "S"), ("po:loc.prep", "S"), ("po:det", "D"), ("po:pro", "O"), ("po:cj", "C"))


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
        letter = TAG_CLASSES.get(t) or next((c for prefix, c in TAG_PREFIXES if t.startswith(prefix)), None)
        if letter:
            out.add(letter)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--hunspell-dir", default="/usr/share/hunspell")
    ap.add_argument("--lemmas", default=os.path.join(HERE, "..", "..", "Sources", "FrenchData", "data", "lemmas.tsv"))
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "Sources", "FrenchData", "data", "word-classes.tsv"))
    args = ap.parse_args()
    dic, aff = (os.path.join(args.hunspell_dir, "fr." + e) for e in ("dic", "aff"))
    if not os.path.exists(dic):
        sys.exit(f"{dic} not found: apt-get install hunspell-fr-comprehensive")
    table = collections.defaultdict(set)
    lemmas = collections.defaultdict(lambda: collections.defaultdict(set))  # form -> N/A/V -> lemmas
    for stem, morph, forms in hunspell_paradigms(dic, aff):
        proper = stem[:1].isupper() or any(m in morph for m in ("po:npr", "po:patr", "po:prn"))
        verb = any(m.startswith("po:v") for m in morph)
        # The lemma of each reading, as build_lemmas.py makes them (UD French-GSD's conventions): a verb's
        # infinitive; a past participle read as an adjective, its masculine singular; an adjective's
        # masculine singular; a noun's singular of the same gender.
        masculine = [f for f, m in forms if "po:ppas" in m and (("is:sg" in m and "is:mas" in m) or ("is:inv" in m and "is:epi" in m))]
        singular = {}
        for f, m in forms:
            if "is:pl" not in m:
                singular.setdefault("f" if "is:fem" in m else ("m" if "is:mas" in m else "e"), f)
        for form, m in forms:
            if " " in form or not form:
                continue
            key = normalise(form)
            table[key] |= classes(m)
            if proper:
                continue
            if verb:
                if not is_rare_verb_analysis(m):
                    lemmas[key]["V"].add(stem)
                    if "po:ppas" in m and masculine:
                        lemmas[key]["A"].add(masculine[0])
                continue
            if "po:nom" in morph:
                gender = "f" if "is:fem" in m else ("m" if "is:mas" in m else "e")
                lemmas[key]["N"].add(singular.get(gender) or singular.get("e") or singular.get("m") or stem)
            if "po:adj" in morph:
                lemmas[key]["A"].add(stem)
    # A reading's lemma is listed when the lemma table's lemma of the form is not one of that reading's
    # (the lemmatiser keeps the table's lemma otherwise) and the reading has one lemma only.
    table_lemma = {}
    with open(args.lemmas, encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                f, _, l = line.rstrip("\n").partition("\t")
                table_lemma[f] = l
    def readings(form):
        out = []
        current = table_lemma.get(form, form)  # a form the table leaves out keeps its form
        for group in "NAV":
            ls = lemmas[form].get(group)
            if ls and len(ls) == 1 and current not in ls:
                out.append(group + "=" + normalise(next(iter(ls))))
        return " ".join(out)
    rows = sorted(((f.encode("utf-8"), "".join(c for c in ORDER if c in cs), readings(f)) for f, cs in table.items() if cs))
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write("# Loupe word classes (form<TAB>classes: N noun, A adjective, V finite verb, I infinitive, P past participle, "
                  "G present participle, R adverb, S preposition, D determiner, O pronoun, C conjunction, J interjection, M number, "
                  "E proper name, H person's name; then, where the lemma table's lemma of the form is not that of a reading, the reading's "
                  "lemma: N=noun A=adjective V=verb), made by tools/french-data/build_word_classes.py from hunspell-fr 7.0 (Dicollecte, MPL-2.0). "
                  "Subject to the Mozilla Public License 2.0, https://mozilla.org/MPL/2.0/ ; see SOURCES.md\n")
        for f, cs, rs in rows:
            out.write(f.decode("utf-8") + "\t" + cs + ("\t" + rs if rs else "") + "\n")
    counts = collections.Counter(cs for _, cs, _ in rows)
    print(f"{sum(1 for *_, rs in rows if rs)} forms with the lemmas of readings the lemma table does not give", file=sys.stderr)
    print(f"{len(rows)} forms → {args.out}; commonest classes: {counts.most_common(8)}", file=sys.stderr)


if __name__ == "__main__":
    main()
