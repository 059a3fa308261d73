#!/usr/bin/env python3
"""Build data/known-words.tsv: ordinary French words that lemmas.tsv does not list, because they never
inflect (ensuite, quatre, décès, concrètement). Loupe uses it to tell a capitalised ordinary word at a
sentence start ("Ensuite", "Quatre") from a name ("Huawei").

Source: the stems of Debian's French Hunspell dictionary (package hunspell-fr-comprehensive,
Dicollecte, MPL-2.0), the same source as most of lemmas.tsv. Words starting with a capital (names),
with digits, or already a form or lemma of lemmas.tsv are left out.

    apt-get install hunspell-fr-comprehensive
    python3 tools/french-data/build_known_words.py
    python3 tools/french-data/embed.py
"""
import pathlib
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parents[2] / "Sources/FrenchData"
DIC = pathlib.Path("/usr/share/hunspell/fr.dic")


def main():
    known = set()
    for line in (ROOT / "data/lemmas.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        form, lemma = line.split("\t")[:2]
        known.add(form)
        known.add(lemma)
    words = {}
    for line in DIC.read_text(encoding="utf-8").splitlines()[1:]:
        stem = line.split("/")[0].split("\t")[0].split(" ")[0].strip()
        stem = unicodedata.normalize("NFC", stem.replace("’", "'"))
        if not stem or not stem[0].islower() or any(c.isdigit() for c in stem) or stem in known:
            continue
        pos = next((f[3:] for f in line.split() if f.startswith("po:")), "")
        words.setdefault(stem, pos)
    out = ROOT / "data/known-words.tsv"
    lines = ["# Loupe known words (word<TAB>part of speech): French words lemmas.tsv does not list; "
             "from Debian hunspell-fr-comprehensive (Dicollecte), MPL-2.0; built by tools/build_known_words.py"]
    lines += [f"{w}\t{p}" for w, p in sorted(words.items(), key=lambda kv: kv[0].encode("utf-8"))]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(words)} words, {out.stat().st_size} bytes → {out}")


if __name__ == "__main__":
    main()
