#!/usr/bin/env python3
"""Build Sources/FrenchData/data/sentiment.tsv (lemma<TAB>polarity<TAB>subjectivity).

Sources, in order of precedence (see data/SOURCES-sentiment.md):
  A. tools/sentiment_authored.txt      hand-authored for Loupe (overrides everything; "@ 0 0" removes)
  P. Pattern's French adjective lexicon (PDDL), e.g. ../shared/data/lexicons/pattern-fr-sentiment.xml
  V. vaderSentiment-fr 1.3.4 fr_lexicon.txt (MIT), valence in [-4,4] scaled by 1/4 (optional)
P and V are mapped from word forms to lemmas and averaged (all forms / senses of one lemma);
when both have a lemma the two averages are averaged with weights 1 (P) and V_WEIGHT (V).

usage:
  pip download --no-deps -d /tmp/vfr vaderSentiment-fr==1.3.4 && tar xzf /tmp/vfr/*.tar.gz -C /tmp/vfr
  python3 build_sentiment_lexicon.py --pattern ../../../../shared/data/lexicons/pattern-fr-sentiment.xml \
      --vader /tmp/vfr/vaderSentiment_fr-1.3.4/vaderSentiment_fr/fr_lexicon.txt [--out ../data/sentiment.tsv]
Needs `simplemma` (MIT) only to map VADER-fr verb/noun forms and Pattern's few verb forms to lemmas.
The adjective de-inflection (adjective_bases) is the same function the rules use at run time.
"""
import argparse, collections, os, re, sys, unicodedata
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
V_WEIGHT = 1.0          # weight of VADER-fr against Pattern when both know a lemma
V_MIN_ABS = 0.0
MIN_ABS_POLARITY = 0.1  # entries weaker than this are not written

# --- adjective de-inflection (masculine singular candidates), shared with the run-time rules
IRREGULAR = {"belle": "beau", "belles": "beau", "beaux": "beau", "nouvelle": "nouveau", "nouvelles": "nouveau",
             "nouveaux": "nouveau", "vieille": "vieux", "vieilles": "vieux", "folle": "fou", "folles": "fou",
             "molle": "mou", "molles": "mou", "fausse": "faux", "fausses": "faux", "douce": "doux",
             "douces": "doux", "rousse": "roux", "rousses": "roux", "fraîche": "frais", "fraîches": "frais",
             "sèche": "sec", "sèches": "sec", "franche": "franc", "franches": "franc", "blanche": "blanc",
             "blanches": "blanc", "longue": "long", "longues": "long", "publique": "public",
             "publiques": "public", "grecque": "grec", "grecques": "grec", "bénigne": "bénin",
             "maligne": "malin", "malignes": "malin", "favorite": "favori", "favorites": "favori",
             "gentille": "gentil", "gentilles": "gentil", "jumelle": "jumeau", "traîtresse": "traître"}
SUFFIX_RULES = [  # (suffix, replacement), tried in this order; every matching rule yields a candidate
    ("euses", "eux"), ("euse", "eux"), ("euses", "eur"), ("euse", "eur"), ("trices", "teur"), ("trice", "teur"), ("ives", "if"), ("ive", "if"),
    ("elles", "el"), ("elle", "el"), ("ennes", "en"), ("enne", "en"), ("onnes", "on"), ("onne", "on"),
    ("ettes", "et"), ("ette", "et"), ("ères", "er"), ("ère", "er"), ("aux", "al"), ("eaux", "eau"),
    ("illes", "il"), ("ille", "il"), ("lles", "l"), ("lle", "l"), ("sses", "s"), ("sse", "s"),
    ("ques", "c"), ("que", "c"), ("es", ""), ("e", ""), ("s", ""), ("x", ""),
]

def adjective_bases(form):
    """Masculine-singular candidates for an inflected adjective form, most specific first (form excluded)."""
    out = []
    if form in IRREGULAR:
        out.append(IRREGULAR[form])
    for suf, rep in SUFFIX_RULES:
        if form.endswith(suf) and len(form) - len(suf) + len(rep) >= 2:
            c = form[: len(form) - len(suf)] + rep
            if c not in out and c != form:
                out.append(c)
    return out

PARTICIPLE_ENDINGS = ("é", "i", "u", "it", "is", "int", "ert")

def norm_key(s):
    s = unicodedata.normalize("NFC", s.strip().lower()).replace("\u2019", "'").replace("\u02bc", "'")
    return s

def load_authored(path):
    entries = {}
    pol = subj = None
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            _, p, s = line.split()
            pol, subj = float(p), float(s)
            continue
        if pol is None:
            sys.exit(f"{path}:{ln}: words before the first @ bucket")
        for w in line.split():
            entries[norm_key(w)] = (pol, subj)
    return entries

def load_pattern(path):
    words = []
    for el in ET.parse(path).getroot().iter("word"):
        form = norm_key(el.get("form"))
        form = re.sub(r"^(l|d)'", "", form)
        pos = el.get("pos") or ""
        if not pos or not form:
            continue
        p = float(el.get("polarity")); s = abs(float(el.get("subjectivity")))  # some inferred entries store |s| negated
        words.append((form, pos, p, min(1.0, s)))
    jj_forms = {f for f, pos, _, _ in words}
    groups = collections.defaultdict(list)
    import simplemma
    for form, pos, p, s in words:
        if pos == "JJ":
            key = form
            for c in adjective_bases(form):
                if c in jj_forms:
                    key = c
                    break
        elif pos == "VB":
            key = simplemma.lemmatize(form, lang="fr")
        else:  # NN, RB, UH
            key = simplemma.lemmatize(form, lang="fr") if pos == "NN" else form
        groups[key].append((p, s))
    return {k: (sum(p for p, _ in v) / len(v), sum(s for _, s in v) / len(v)) for k, v in groups.items()}

def load_vader(path, adj_forms):
    import simplemma
    rx = re.compile(r"^[a-zàâäçéèêëîïôöûùüÿœæ'-]+$")
    raw = {}
    for line in open(path, encoding="utf-8"):
        if "->" not in line:
            continue
        w, v = line.rstrip("\n").rsplit("->", 1)
        w = norm_key(w)
        if not rx.match(w) or len(w) < 3:
            continue
        try:
            v = float(v)
        except ValueError:
            continue
        if abs(v) < V_MIN_ABS:
            continue
        raw[w] = v
    known = set(raw) | adj_forms
    def resolve(w, depth=0):
        l = norm_key(simplemma.lemmatize(w, lang="fr"))
        if l != w or depth > 2:
            return l
        for c in adjective_bases(w):
            if c in known:
                return resolve(c, depth + 1)
        return w
    groups = collections.defaultdict(list)
    for w, v in raw.items():
        keys = {resolve(w)}
        adj = w if w.endswith(PARTICIPLE_ENDINGS) else next((c for c in adjective_bases(w) if c in known), None)
        if adj and adj.endswith(PARTICIPLE_ENDINGS):
            keys.add(adj)  # participle used as an adjective keeps its masculine singular form as a key too
        for k in keys:
            groups[k].append(v / 4.0)
    out = {}
    for k, vs in groups.items():
        p = sum(vs) / len(vs)
        out[k] = (p, min(1.0, 0.3 + abs(p)))
    return out

MASC_ENDINGS = ("é", "i", "u", "is", "it", "int", "ert", "ant", "ent", "os", "us")

def drop_inflected(lex):
    """Keys that are inflected forms of another key: an adjective de-inflection candidate is a key, or the
    lemmatiser maps them to a key and they do not look like a masculine singular participle/adjective."""
    import simplemma
    out = set()
    for k in lex:
        if any(c in lex for c in adjective_bases(k)):
            out.add(k); continue
        l = simplemma.lemmatize(k, lang="fr").lower()
        if l != k and l in lex and not k.endswith(MASC_ENDINGS):
            out.add(k)
    return out

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pattern", required=True)
    ap.add_argument("--vader", help="vaderSentiment_fr/fr_lexicon.txt (optional)")
    ap.add_argument("--authored", default=os.path.join(HERE, "sentiment_authored.txt"))
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "Sources", "FrenchData", "data", "sentiment.tsv"))
    ap.add_argument("--v-weight", type=float, default=V_WEIGHT)
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    A = load_authored(a.authored)
    P = load_pattern(a.pattern)
    V = load_vader(a.vader, set(P)) if a.vader else {}
    merged, origin = {}, collections.Counter()
    for k in set(A) | set(P) | set(V):
        if k in A:
            val, o = A[k], "A"
        elif k in P and k in V and a.v_weight > 0:
            w = a.v_weight
            val = ((P[k][0] + w * V[k][0]) / (1 + w), (P[k][1] + w * V[k][1]) / (1 + w)); o = "P+V"
        elif k in P:
            val, o = P[k], "P"
        elif k in V and a.v_weight > 0:
            val, o = V[k], "V"
        else:
            continue
        p, s = max(-1.0, min(1.0, val[0])), max(0.0, min(1.0, val[1]))
        if abs(p) < MIN_ABS_POLARITY:
            continue
        merged[k] = (p, s); origin[o] += 1
    dropped = drop_inflected(merged) - set(A)  # hand-authored keys are lemmas by construction
    for k in dropped:
        del merged[k]
    if a.verbose:
        print("dropped inflected keys:", " ".join(sorted(dropped)), file=sys.stderr)
    with open(a.out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# Loupe French sentiment lexicon: lemma<TAB>polarity[-1,1]<TAB>subjectivity[0,1]\n")
        fh.write("# Built by tools/build_sentiment_lexicon.py from: Loupe hand-authored entries (tools/sentiment_authored.txt),\n")
        fh.write("# Pattern fr-sentiment.xml (De Smedt & Daelemans, PDDL), vaderSentiment-fr 1.3.4 fr_lexicon.txt (MIT).\n")
        fh.write("# See SOURCES-sentiment.md. Sorted by UTF-8 bytes; keys NFC, lower-case, ASCII apostrophe.\n")
        for k in sorted(merged, key=lambda s: s.encode("utf-8")):
            p, s = merged[k]
            fh.write(f"{k}\t{p:.3f}\t{s:.2f}\n")
    print(f"wrote {len(merged)} entries to {a.out}; by origin: {dict(origin)}", file=sys.stderr)

if __name__ == "__main__":
    main()
