"""Fallback lemmatisation rules for words that are not in lemmas.tsv.

This module is the reference implementation of data/LEMMA_RULES.md; the Swift
port must behave identically.  It is used by build_lemmas.py (to decide which
invariant words need a blocking `form<TAB>form` line) and by eval_lemmas.py.
Standard library only.
"""
import unicodedata

APOSTROPHES = "\u2019\u02bc\u2018\u00b4`"

def normalise(token: str) -> str:
    """Key normalisation used for the table: NFC, apostrophes -> ASCII ', lower-case."""
    s = unicodedata.normalize("NFC", token)
    for a in APOSTROPHES:
        s = s.replace(a, "'")
    return s.lower()

VOWELS = "aeiouyàâäéèêëîïôöùûüœæ"

# Ordered suffix rules: (suffix, replacement, minimum number of characters that
# must remain before the suffix).  The first rule whose suffix matches (and
# whose minimum stem length holds) is applied; no further rule is tried.
# Rules marked in CONSONANT_BEFORE also need a consonant just before the suffix.
SUFFIX_RULES = [
    # verb forms
    ("issaient", "ir", 2),
    ("issait", "ir", 2),
    ("èrent", "er", 2),
    ("eraient", "er", 2),
    ("erait", "er", 2),
    ("aient", "er", 3),
    # past participles of -er verbs -> infinitive
    ("ées", "er", 3),
    ("ée", "er", 3),
    ("és", "er", 3),
    ("é", "er", 3),
    # feminine / plural adjectives -> masculine singular
    ("iennes", "ien", 2),
    ("ienne", "ien", 2),
    ("ives", "if", 3),
    ("ive", "if", 3),
    ("ales", "al", 3),
    ("ale", "al", 3),
    ("antes", "ant", 3),
    ("ante", "ant", 3),
    ("oises", "ois", 2),
    ("oise", "ois", 2),
    ("eaux", "eau", 2),
    ("aux", "al", 3),
    # plain plural -s (not after s, not -us / -ès)
    ("s", "", 3),
]

CONSONANT_BEFORE = {"issaient", "issait"}
NO_S_STRIP_ENDINGS = ("ss", "us", "ès")

def _has_letter(w: str) -> bool:
    return any(ch.isalpha() for ch in w)

def apply_suffix_rules(w: str) -> str:
    if len(w) < 4 or not _has_letter(w) or any(ch.isdigit() for ch in w):
        return w
    for suffix, repl, minstem in SUFFIX_RULES:
        if w.endswith(suffix) and len(w) - len(suffix) >= minstem:
            if suffix in CONSONANT_BEFORE and w[len(w) - len(suffix) - 1] in VOWELS:
                continue
            if suffix == "s" and w.endswith(NO_S_STRIP_ENDINGS):
                return w
            return w[: len(w) - len(suffix)] + repl
    return w

def _plural_reduction(part: str, lemma: str) -> bool:
    return (part.endswith(("s", "x")) and lemma == part[:-1]) or \
           (part.endswith("aux") and lemma == part[:-3] + "al")

def lemmatise_unknown(w: str, table: dict) -> str:
    """Lemma for a normalised token w that is NOT a key of `table`."""
    if "-" in w.strip("-") and not w.startswith("-") and not w.endswith("-"):
        parts = w.split("-")
        if all(parts):
            out = []
            for i, p in enumerate(parts):
                if i == len(parts) - 1:
                    out.append(table.get(p) or apply_suffix_rules(p))
                else:
                    l = table.get(p)
                    out.append(l if l is not None and _plural_reduction(p, l) else p)
            return "-".join(out)
    return apply_suffix_rules(w)

def is_acronym(token: str) -> bool:
    """Two or more letters, all upper-case (UVES, DTLS): never passed to the rules."""
    letters = [ch for ch in token if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)

def lemmatise(token: str, table: dict, use_rules: bool = True) -> str:
    w = normalise(token)
    l = table.get(w)
    if l is not None:
        return l
    if not use_rules or is_acronym(token):
        return w
    return lemmatise_unknown(w, table)
