#!/usr/bin/env python3
"""Build Sources/FrenchData/data/given-names.tsv: given names of many countries, for the entity tagger.

Source: the person providers of Faker (https://github.com/joke2k/faker, MIT licence, Copyright (c) 2012
Daniele Faraglia), lists of given names compiled per locale from national statistics and name registers.
The tagger learns from news which first names it has seen; this list tells it that "Lewis" or "Magdaléna"
is a given name too, so that the names of people it never saw in training look like people's names.

Kept: every given name (male, female, neutral) whose letters are all Latin, one word (hyphens allowed:
"Jean-Christophe"), two letters or more, that at least two locales give. Names in other scripts are left out:
French text writes them transliterated, and a transliteration table would be a guess. Names of one locale
only are left out too: among them are more words and cities ("Orange", "Berlin", "Le" in one list each; the
rest still holds some, "Austin", "Florence"), and with them the tagger took "Orange Cameroun" for a place; measured with models trained on one WiNER year and scored
on the other and on wikineural-fr-val, the two lists do as well (0.875 / 0.869 / 0.795 with every name,
0.874 / 0.869 / 0.794 with these).

Output: a first line "# ..." with source and licence, then `folded_name<TAB>locales` (how many locales give
it), sorted by the UTF-8 bytes of the key. Folded as Loupe folds (build_gazetteers.fold: ’ -> ', lower case,
no accents).

usage (from the repository root; Faker is read, not installed: no Python at run time):
  pip download faker==40.63.0 --no-deps -d /tmp/faker
  python3 tools/french-data/build_given_names.py /tmp/faker/faker-40.63.0-py3-none-any.whl
"""
import collections, importlib, os, sys, tempfile, unicodedata, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from build_gazetteers import fold  # noqa: E402

OUT = os.path.join(HERE, "..", "..", "Sources", "FrenchData", "data", "given-names.tsv")
MIN_LOCALES = 2
ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")


def latin_word(name):
    if len(name) < 2 or " " in name or name.startswith("-") or name.endswith("-"):
        return False
    return all(c == "-" or (c.isalpha() and "LATIN" in unicodedata.name(c, "")) for c in name)


def given_names(package_dir):
    """{name: number of locales} from the Faker package unpacked in package_dir."""
    sys.path.insert(0, package_dir)
    base = os.path.join(package_dir, "faker", "providers", "person")
    counts = collections.Counter()
    locales = []
    for locale in sorted(os.listdir(base)):
        if locale.startswith("_") or not os.path.isdir(os.path.join(base, locale)):
            continue
        module = importlib.import_module(f"faker.providers.person.{locale}")
        names = set()
        for attribute in ATTRIBUTES:
            # The list the locale itself defines: an inherited one (fr_QC's from fr_CA, the base class's
            # "John") is another locale's and is counted there. Some locales make the attribute a property.
            owner = next((k for k in module.Provider.__mro__ if attribute in k.__dict__), None)
            if owner is None or owner.__module__ != module.__name__ or isinstance(owner.__dict__[attribute], property):
                continue
            value = owner.__dict__[attribute]
            names.update(n for n in (value.keys() if isinstance(value, dict) else value) if isinstance(n, str))
        latin = {fold(n) for n in names if latin_word(n)}
        if latin:
            locales.append(locale)
        for name in latin:
            counts[name] += 1
    print(f"{len(locales)} locales with given names in Latin letters: {' '.join(locales)}")
    return counts


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(sys.argv[1]) as wheel:
            wheel.extractall(tmp)
        counts = given_names(tmp)
    with open(OUT, "w", encoding="utf-8", newline="\n") as out:
        out.write("# Loupe given names: folded_name<TAB>locales; from Faker's person providers "
                  "(https://github.com/joke2k/faker, MIT licence, Copyright (c) 2012 Daniele Faraglia); "
                  "built by tools/french-data/build_given_names.py\n")
        kept = sorted((n for n in counts if counts[n] >= MIN_LOCALES), key=lambda k: k.encode("utf-8"))
        for name in kept:
            out.write(f"{name}\t{counts[name]}\n")
    print(f"{len(kept)} given names of {len(counts)} -> {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
