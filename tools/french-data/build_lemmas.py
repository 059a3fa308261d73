#!/usr/bin/env python3
"""Build Sources/FrenchData/data/lemmas.tsv, Loupe's French form -> lemma table.

Requirements (pinned to the versions the shipped table was built with):
    apt-get install hunspell-fr-comprehensive      # Debian 1:7.0-1, MPL-2.0 (Dicollecte)
    pip install simplemma==2.0.0 spacy-lookups-data==1.0.5   # both MIT
  plus the raw texts under ../shared/data/winer-fr (French Wikinews 2016-17, CC BY 2.5) and
  ../shared/data/eltec-fra (public domain), used only to count contexts (no text is
  copied into the table).

Run (from anywhere):
    python3 tools/french-data/build_lemmas.py
  options: --hunspell-dir DIR (default /usr/share/hunspell), --shared-data DIR
  (default <repo>/../shared/data), --out FILE (default ../data/lemmas.tsv next to
  this script), --no-simplemma, --no-spacy, --no-corpus (ablations).
  Takes ~25 s and ~1.3 GB of memory on this machine; the output is deterministic.

How the table is made (see data/SOURCES.md and data/LEMMA_RULES.md):
 1. Candidate readings per form, each with a part of speech (NOUN, ADJ, VERB,
    ADV, OTHER): hunspell-fr's dictionary expanded through its affix file (its
    morphological tags give POS, gender, number, tense); spaCy's French
    lemma_exc / lemma_index / lemma_lookup tables; simplemma's French table.
 2. One lemma per POS, following Universal Dependencies (French-GSD) conventions:
    verbs -> infinitive, adjectives -> masculine singular, nouns -> singular of
    the same gender (présidente, actrice stay feminine), participles used as
    adjectives -> masculine singular participle.  Spellings of the 1990 reform
    (entrainement) get the classical lemma (entraînement) when the dictionary
    knows it.
 3. One POS per form: for forms whose readings disagree, a small context
    heuristic (previous word an auxiliary, a subject clitic, a determiner...)
    is run over ~1.05 M words of free news and novel text to count how the form
    is used; counts plus fixed priors (participles lean to the verb reading)
    pick the lemma.
 4. Hand-written grammar entries for elided and contracted forms (l' -> le,
    qu' -> que, n' -> ne, au -> à, des -> un) and subject pronouns (elles -> elle).
    Grammatical words (hunspell po:mg: dans, sous, entre, lui, car) keep their
    grammatical lemma over a rare homograph (dan, sou, entrer, luire).
 5. Filtering: drop lemma == form, abbreviations without vowels or ending in a
    dot, forms with digits (10e stays 10e) or spaces, verb forms that exist only
    in rare tenses (imperfect subjunctive other than 3sg, passé simple
    2sg/1pl/2pl) and never occur in the corpus, and forms known only to spaCy's
    exception lists whose lemma hunspell does not know, unless the corpus has them.
 6. Blocking lines `form<TAB>form` for known invariant words that the fallback
    rules of lemma_rules.py would otherwise change (cours, temps, dans ...).
 Keys are NFC, lower-case, with ASCII apostrophes; lines are sorted by UTF-8 bytes.
"""
import argparse
import collections
import glob
import gzip
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from lemma_rules import lemmatise_unknown, normalise  # noqa: E402

REPO = os.path.normpath(os.path.join(HERE, "..", ".."))

# --------------------------------------------------------------------------
# hunspell
# --------------------------------------------------------------------------

def parse_aff(path):
    sfx = {}
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        p = lines[i].split()
        if len(p) == 4 and p[0] == "SFX" and p[2] in "YN":
            flag, n = p[1], int(p[3])
            rules = []
            for j in range(1, n + 1):
                q = lines[i + j].split()
                strip = "" if q[2] == "0" else q[2]
                add = q[3].split("/")[0]
                add = "" if add == "0" else add
                cond = q[4] if len(q) > 4 else "."
                rules.append((strip, add, re.compile("(?:" + cond + ")$"), q[5:]))
            sfx[flag] = rules
            i += n + 1
        else:
            i += 1
    return sfx


def hunspell_paradigms(dic, aff):
    """Yield (stem, morph, [(form, morph+affix morph)]) for every .dic line (FLAG long)."""
    sfx = parse_aff(aff)
    with open(dic, encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            parts = line.split()
            if not parts:
                continue
            stem, _, flags = parts[0].partition("/")
            morph = parts[1:]
            fl = [flags[k:k + 2] for k in range(0, len(flags), 2)]
            fl = [f for f in fl if f in sfx]
            forms = [] if fl else [(stem, morph)]
            for f in fl:
                for strip, add, cond, rm in sfx[f]:
                    if cond.search(stem) and stem.endswith(strip):
                        forms.append((stem[:len(stem) - len(strip)] + add, morph + rm))
            yield stem, morph, forms


TENSES = {"po:infi", "po:ppre", "po:ppas", "po:ipre", "po:iimp", "po:ipsi", "po:ifut",
          "po:cond", "po:spre", "po:simp", "po:impe"}


def is_rare_verb_analysis(m):
    """True when every tense of this analysis is a rare one: imperfect subjunctive
    other than 3sg, passé simple 2sg/1pl/2pl, inverted 1sg (parlè-je)."""
    if "po:1isg" in m:
        return True
    tenses = TENSES.intersection(m)
    if not tenses:
        return False
    if tenses == {"po:simp"}:
        return "po:3sg" not in m
    if tenses == {"po:ipsi"} or tenses == {"po:ipsi", "po:simp"}:
        return any(p in m for p in ("po:1pl", "po:2pl", "po:2sg"))
    return False


# --------------------------------------------------------------------------
# readings: form -> POS -> lemma -> set(source tags)
# --------------------------------------------------------------------------

class Readings:
    def __init__(self):
        self.r = collections.defaultdict(
            lambda: collections.defaultdict(lambda: collections.defaultdict(set)))
        self.verb_common = set()   # forms with at least one non-rare verb analysis
        self.verb_rare = set()     # forms with a rare-tense verb analysis

    def add(self, form, pos, lemma, tag):
        self.r[normalise(form)][pos][unicodedata.normalize("NFC", lemma)].add(tag)


def load_hunspell(R, dic, aff):
    hlem = collections.defaultdict(set)
    for stem, morph, forms in hunspell_paradigms(dic, aff):
        if stem[:1].isupper() or any(m in morph for m in ("po:npr", "po:patr", "po:prn")):
            continue
        if any(m.startswith("po:v") for m in morph):
            hlem[stem].add("VERB")
            mss = [f for f, m in forms if "po:ppas" in m and
                   (("is:sg" in m and "is:mas" in m) or ("is:inv" in m and "is:epi" in m))]
            for f, m in forms:
                nf = normalise(f)
                R.add(f, "VERB", stem, "h")
                if "po:ppre" in m:
                    R.add(f, "VERB", stem, "hppr")
                if "po:ppas" in m:
                    R.add(f, "VERB", stem, "hppas")
                    if mss:
                        R.add(f, "ADJ", mss[0], "hpp")
                (R.verb_rare if is_rare_verb_analysis(m) else R.verb_common).add(nf)
            continue
        isnom, isadj, isadv = "po:nom" in morph, "po:adj" in morph, "po:adv" in morph

        def gender(m):
            return "f" if "is:fem" in m else ("m" if "is:mas" in m else "e")
        sg = {}
        for f, m in forms:
            if "is:pl" not in m:
                sg.setdefault(gender(m), f)
        for f, m in forms:
            if isnom:
                hlem[stem].add("NOUN")
                lem = sg.get(gender(m)) or sg.get("e") or sg.get("m") or stem
                R.add(f, "NOUN", lem, "hpl" if ("is:pl" in m and lem == f) else "h")
            if isadj:
                hlem[stem].add("ADJ")
                R.add(f, "ADJ", stem, "h")
            if isadv:
                hlem[stem].add("ADV")
                R.add(f, "ADV", stem, "h")
            if not (isnom or isadj or isadv):
                R.add(f, "OTHER", stem, "h")
                if "po:mg" in morph:          # grammatical word: preposition, determiner...
                    R.add(f, "OTHER", stem, "hfn")
    return hlem


def site_packages_file(pkg, rel):
    import importlib.util
    spec = importlib.util.find_spec(pkg)
    if spec is None:
        sys.exit(f"python package {pkg} not installed (see the header of this script)")
    return os.path.join(os.path.dirname(spec.origin), rel)


def load_simplemma():
    from simplemma.strategies.dictionaries.dictionary_factory import _load_dictionary_from_disk
    return {k.decode(): v.decode() for k, v in _load_dictionary_from_disk("fr").items()}


def load_spacy():
    base = site_packages_file("spacy_lookups_data", "data")
    ld = lambda n: json.load(gzip.open(os.path.join(base, f"fr_lemma_{n}.json.gz")))
    lookup = {k: (v[0] if isinstance(v, list) else v) for k, v in ld("lookup").items()}
    return lookup, ld("exc"), ld("index")


PM = {"adj": "ADJ", "noun": "NOUN", "verb": "VERB", "adv": "ADV"}


def add_untyped(R, table, tag, lemma_pos):
    """Attach a form->lemma table without POS to the readings it agrees with."""
    for f, l in table.items():
        if f != f.lower():
            continue
        nf = normalise(f)
        l = unicodedata.normalize("NFC", l)
        r = R.r.get(nf)
        ps = lemma_pos.get(l, set())
        if r:
            hit = [p for p in r if l in r[p]]
            if hit:
                for p in hit:
                    r[p][l].add(tag)
                continue
            ps2 = [p for p in ps if p in r] or list(ps)
        else:
            ps2 = list(ps)
        for p in ps2 or ["UNK"]:
            R.add(f, p, l, tag)


# --------------------------------------------------------------------------
# context counts over raw text
# --------------------------------------------------------------------------

TOK = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿœŒæÆ0-9]+(?:[-'][A-Za-zÀ-ÖØ-öø-ÿœŒæÆ0-9]+)*'?|[^\sA-Za-zÀ-ÖØ-öø-ÿœŒæÆ0-9]")
ELID = re.compile(r"^(l|d|j|m|n|s|t|c|qu|lorsqu|puisqu|jusqu|quoiqu)'(.+)$", re.I)
AUX = set("""a ai as avons avez ont avait avais avions aviez avaient aura auras aurons aurez
auront aurait aurais aurions auriez auraient ait aies aient eut eurent eu avoir ayant est es
suis sommes êtes sont était étais étions étiez étaient sera seras serons serez seront serait
serais serions seriez seraient soit sois soient soyons fut furent fût été être étant""".split())
CLIT = set("il elle on ils elles je j' tu nous vous se s' ne n' me m' te t' lui y qui".split())
DET = set("""le la l' les un une des du au aux ce cet cette ces mon ma mes ton ta tes son sa ses
notre nos votre vos leurs chaque quelques plusieurs aucun aucune""".split())
PREP_N = set("de d' en par pour avec sans sur sous dans entre vers chez".split())
ADVS = set("""pas plus déjà bien jamais aussi encore toujours souvent très longtemps peu beaucoup
rapidement également alors ensuite enfin notamment finalement""".split())
PUNCT = set(".,;:!?()[]«»\"-–—")
# adjectives usually placed before the noun (grammar-book list, plus ordinals in -ième)
PRENOMINAL = set("""beau bon bref faux grand gros haut jeune joli long mauvais meilleur moindre
nouveau petit vieux vrai autre même seul premier dernier second prochain ancien certain divers
différent nombreux simple pur double véritable large court fort énorme immense""".split())
ADJ_STOP = set("et ou mais de d' à en dans pour que qu'".split())


def tokens(text):
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'")
    for m in TOK.finditer(text):
        t = m.group(0)
        e = ELID.match(t)
        if e:
            yield e.group(1) + "'"
            yield e.group(2)
        else:
            yield t


def is_pp(r):
    return "VERB" in r and any("hppas" in s for s in r["VERB"].values())


def is_ppr(r):
    return "VERB" in r and any("hppr" in s for s in r["VERB"].values())


def guess(R, prev, prev2, nxt, r, prev_raw):
    """Guess the POS of an ambiguous form from its neighbours, or None."""
    has = lambda p: p in r
    pp, ppr = is_pp(r), is_ppr(r)
    kinds = lambda w: set(R.get(w, ()))
    if has("VERB"):
        if has("ADV") and ppr and (prev in AUX or prev in PUNCT or prev in ("et", "mais", "ou", "plus", "donc")):
            return "ADV"
        if pp and (prev in AUX or (prev in ADVS and prev2 in AUX)):
            return "VERB"
        if ppr and prev in ("en", "y"):
            return "VERB"
        if prev in CLIT and not ppr:
            return "VERB"
        if not pp and not ppr and prev_raw[:1].isupper() and prev2 not in PUNCT:
            return "VERB"
        if not pp and not ppr and not has("ADJ") and kinds(prev) == {"NOUN"} and (nxt in PREP_N or nxt in DET or nxt == "à"):
            return "VERB"
    if prev in DET or prev in PREP_N:
        nk = kinds(nxt)
        if has("ADJ") and nk == {"NOUN"}:
            # determiner + adjective + noun: only the adjectives that French puts
            # before the noun; otherwise the pattern is noun + noun (la partie nord)
            lem = [l for l in r["ADJ"] if l in PRENOMINAL or l.endswith("ième")]
            return "ADJ" if lem else None
        if has("NOUN") and (nxt in PUNCT or nxt in PREP_N or nxt in DET or
                            (nk & {"OTHER", "VERB"} and not nk & {"NOUN", "ADJ"})):
            return "NOUN"
        if has("NOUN") and not has("ADJ"):
            return "NOUN"
        return None
    if kinds(prev) == {"NOUN"} and has("ADJ"):
        if pp and has("VERB"):
            return "VERB"
        if ppr and has("VERB"):
            return "ADJ" if (nxt in PUNCT or nxt in ADJ_STOP) else "VERB"
        return "ADJ"
    return None


def count_contexts(R, paths):
    amb = {w for w, r in R.items() if len(r) > 1}
    C = collections.defaultdict(collections.Counter)
    seen = set()
    for p in sorted(paths):
        raw = list(tokens(open(p, encoding="utf-8", errors="replace").read()))
        low = [t.lower() for t in raw]
        seen.update(low)
        for i, w in enumerate(low):
            if w not in amb:
                continue
            g = guess(R, low[i - 1] if i > 0 else ".", low[i - 2] if i > 1 else ".",
                      low[i + 1] if i + 1 < len(low) else ".", R[w], raw[i - 1] if i > 0 else ".")
            if g:
                C[w][g] += 1
    return C, seen


# --------------------------------------------------------------------------
# choice
# --------------------------------------------------------------------------

PRI_CONTENT = {"h": 10, "hpp": 9, "x": 4, "i": 3, "sm": 2, "sp": 1.5, "hpl": 0.5,
               "hppr": 0, "hppas": 0, "hfn": 0}
PRI_OTHER = {"x": 10, "sp": 6, "h": 5, "sm": 2, "i": 1, "hpp": 1, "hpl": 0.5,
             "hppr": 0, "hppas": 0, "hfn": 0}
POS_PRIOR = {"VERB": 0.6, "NOUN": 0.9, "ADJ": 0.8, "ADV": 0.7, "OTHER": 0.85}
PARTICIPLE_VERB_PRIOR = 1.0
LIT_WEIGHT = 0.3       # novels count less than news
REFORM_EXCEPTIONS = {"du", "mur", "sur", "jeune", "cru", "crus", "crue", "crues"}

ELISIONS = {
    "l'": "le", "d'": "de", "j'": "je", "m'": "me", "t'": "te", "s'": "se", "n'": "ne",
    "c'": "ce", "qu'": "que", "jusqu'": "jusque", "lorsqu'": "lorsque",
    "puisqu'": "puisque", "quoiqu'": "quoique", "presqu'": "presque",
    "au": "à", "aux": "à", "du": "de", "des": "un",
    "elle": "elle", "elles": "elle", "ils": "il", "-elle": "elle", "-elles": "elle", "-ils": "il",
}
NOVOWEL = re.compile(r"^[^aeiouyàâäéèêëîïôöùûüœæ]+$")


class Chooser:
    def __init__(self, R, known, cnews, clit):
        self.R, self.known = R, known
        self.cnews, self.clit = cnews, clit
        self.hlem = collections.defaultdict(set)
        for w, r in R.items():
            for p, ls in r.items():
                for l, s in ls.items():
                    if "h" in s and l == w:
                        self.hlem[p].add(l)

    def counts(self, w):
        c = collections.Counter()
        for p, n in self.cnews.get(w, {}).items():
            c[p] += n
        for p, n in self.clit.get(w, {}).items():
            c[p] += LIT_WEIGHT * n
        return c

    def classical(self, l, pos):
        if l in REFORM_EXCEPTIONS:
            return l
        for i, ch in enumerate(l):
            if ch in "iu":
                alt = l[:i] + {"i": "î", "u": "û"}[ch] + l[i + 1:]
                if alt in self.hlem[pos] and alt in self.known:
                    return alt
        return l

    def lemma_for(self, w, pos):
        r = self.R[w].get(pos)
        if not r:
            return None
        pri = PRI_OTHER if pos in ("OTHER", "UNK") else PRI_CONTENT

        def score(l):
            v = sum(pri[x] for x in r[l])
            if "oe" in l and l.replace("oe", "œ") in r:
                v -= 20
            return (v, l)   # ties broken by the string, for determinism
        l = max(r, key=score)
        return self.classical(l, pos) if pos in ("NOUN", "ADJ", "VERB", "ADV") else l

    def readings(self, w):
        r = self.R[w]
        lem = {p: self.lemma_for(w, p) for p in r if p != "UNK"}
        # a feminine noun reading that only hunspell's noun+adjective paradigm gives
        # (française, grande) is the adjective used as a noun: keep the adjective
        if "NOUN" in lem and "ADJ" in lem and lem["NOUN"] != lem["ADJ"]:
            if r["NOUN"].get(lem["NOUN"], {"h"}) <= {"h", "hpl"}:
                del lem["NOUN"]
        # verbs no other source knows (issir, grecquer) do not outvote real words
        if "VERB" in lem and lem["VERB"] not in self.known and len(lem) > 1:
            del lem["VERB"]
        return lem

    def choose(self, w):
        other = self.R[w].get("OTHER", {})
        if any("hfn" in s for s in other.values()):
            # grammatical words (dans, sous, entre, lui, car) are used as such far more
            # often than as the rare noun or verb form they share a spelling with
            return self.lemma_for(w, "OTHER")
        lem = self.readings(w)
        if not lem:
            return self.lemma_for(w, "UNK")
        vals = set(lem.values())
        if len(vals) == 1:
            return vals.pop()
        pp = is_pp(self.R[w]) or is_ppr(self.R[w])
        own = self.counts(w)
        pri, cnt = collections.Counter(), collections.Counter()
        for p, l in lem.items():
            s = PARTICIPLE_VERB_PRIOR if (p == "VERB" and pp) else POS_PRIOR[p]
            pri[l] = max(pri[l], s)
            cnt[l] += own[p]
        return max(pri, key=lambda l: (pri[l] + cnt[l], l))


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--hunspell-dir", default="/usr/share/hunspell")
    ap.add_argument("--shared-data", default=os.path.join(REPO, "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "Sources", "FrenchData", "data", "lemmas.tsv"))
    ap.add_argument("--no-simplemma", action="store_true")
    ap.add_argument("--no-spacy", action="store_true")
    ap.add_argument("--no-corpus", action="store_true")
    args = ap.parse_args()

    dic = os.path.join(args.hunspell_dir, "fr.dic")
    aff = os.path.join(args.hunspell_dir, "fr.aff")
    if not os.path.exists(dic):
        sys.exit(f"{dic} missing: apt-get install hunspell-fr-comprehensive")

    R = Readings()
    hlem = load_hunspell(R, dic, aff)
    lemma_pos = collections.defaultdict(set, {k: set(v) for k, v in hlem.items()})
    sm, sp = {}, {}
    if not args.no_spacy:
        sp, exc, idx = load_spacy()
        for pos, d in exc.items():
            for f, ls in d.items():
                for l in ls:
                    R.add(f, PM.get(pos, "OTHER"), l, "x")
                    lemma_pos[l].add(PM.get(pos, "OTHER"))
        for pos, ls in idx.items():
            for l in ls:
                R.add(l, PM[pos], l, "i")
                lemma_pos[l].add(PM[pos])
    if not args.no_simplemma:
        sm = load_simplemma()
        add_untyped(R, sm, "sm", lemma_pos)
    if sp:
        add_untyped(R, sp, "sp", lemma_pos)
    Rd = {w: {p: {l: set(s) for l, s in ls.items()} for p, ls in r.items()} for w, r in R.r.items()}
    # lemmas the curated tables use; without them (ablation) every hunspell lemma counts
    known = (set(sm.values()) | set(sp.values())) if (sm or sp) else set(hlem)
    print(f"readings for {len(Rd)} forms", file=sys.stderr)

    cnews, clit, seen = {}, {}, set()
    if not args.no_corpus:
        d = args.shared_data
        # only the raw article texts are read (never the entity annotations);
        # wikinews-keyphrases-fr, the keyphrase evaluation set, is left out
        news = glob.glob(os.path.join(d, "winer-fr", "20*", "*", "*.txt"))
        lit = glob.glob(os.path.join(d, "eltec-fra", "*.txt"))
        if not news or not lit:
            sys.exit(f"corpus texts not found under {d} (use --no-corpus to build without them)")
        cnews, s1 = count_contexts(Rd, news)
        clit, s2 = count_contexts(Rd, lit)
        seen = s1 | s2
        print(f"context counts: {len(cnews)} news / {len(clit)} novel forms", file=sys.stderr)

    ch = Chooser(Rd, known, cnews, clit)
    chosen = {}
    for w in Rd:
        if " " in w or "\t" in w or NOVOWEL.match(w) or w.endswith(".") or \
                any(c.isdigit() for c in w):
            continue
        if w in R.verb_rare and w not in R.verb_common and w not in seen \
                and set(Rd[w]) <= {"VERB", "UNK"}:
            continue
        l = ch.choose(w)
        if not l or l != l.lower() or " " in l:
            continue
        # spaCy's exception lists carry many rare derived verbs hunspell does not know
        # (reglorifiasse, cryobroyassions): keep them only if seen in the corpus
        srcs = set().union(*(s for ls in Rd[w].values() for s in ls.values()))
        if srcs == {"x"} and l not in hlem and w not in seen:
            continue
        chosen[w] = l
    chosen.update(ELISIONS)

    table = {w: l for w, l in chosen.items() if l != w}
    blockers = {w for w, l in chosen.items() if l == w and lemmatise_unknown(w, table) != w}
    lines = [(w, table[w]) for w in table] + [(w, w) for w in blockers]
    lines.sort(key=lambda x: x[0].encode("utf-8"))

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    srcs = ["hunspell-fr 7.0 (Dicollecte, MPL-2.0)"]
    if not args.no_spacy:
        srcs.append("spacy-lookups-data 1.0.5 (MIT)")
    if not args.no_simplemma:
        srcs.append("simplemma 2.0.0 (MIT)")
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write("# Loupe French lemmas (form<TAB>lemma), made by tools/build_lemmas.py from "
                  + ", ".join(srcs) + ". Subject to the Mozilla Public License 2.0, "
                  "https://mozilla.org/MPL/2.0/ ; see SOURCES.md\n")
        for w, l in lines:
            out.write(f"{w}\t{l}\n")
    size = os.path.getsize(args.out)
    print(f"wrote {args.out}: {len(lines)} entries ({len(blockers)} blocking), {size} bytes",
          file=sys.stderr)


if __name__ == "__main__":
    main()
