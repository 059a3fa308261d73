#!/usr/bin/env python3
"""Reference implementation of Loupe's French sentiment rules (data/sentiment_rules.md).

The Swift stage must reproduce these scores; this file is the executable specification.
Data: data/sentiment.tsv, data/sentiment_modifiers.tsv, data/emoticons.tsv.
Lemmas come from `simplemma` (MIT) here only; the Swift side uses its own lemmatiser.

usage:
  sentiment_proto.py text "Ce film n'est pas terrible, mais les acteurs sont géniaaaux !"
  sentiment_proto.py deft [--split val|train] [--data DIR] [--explain N]   # prints macro-F1 (band 0.05)
  sentiment_proto.py file DOC.txt                                          # per-sentence breakdown
  sentiment_proto.py tune [--data DIR]                                     # grid over global constants on TRAIN
"""
import argparse, collections, math, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "Sources", "FrenchData", "data")

# ---------------------------------------------------------------- global constants (tuned on DEFT train only)
C = dict(
    ALPHA=0.5,            # squash: s = S / sqrt(S^2 + ALPHA)
    NEG_FACTOR=-0.6,      # polarity of a word inside a negation scope is multiplied by this
    NEG_WEIGHT=1.5,       # every negative contribution is multiplied by this (after all other rules)
    CONTRAST_AFTER=1.5,   # weight of the clause after the last contrast word (before: the word's value)
    QUESTION=0.6,         # sentence ending in "?" (without "!"): S *= QUESTION
    COND=0.6,             # a sentence with a conditional verb form: S *= COND
    EXCL_ADD=0.1,         # per "!" (max 3) at the end of a sentence: S += sign(S) * EXCL_ADD
    ELONG=1.3,            # elongated word ("géniaaal") multiplier
    CAPS=1.3,             # ALL-CAPS word (>= 3 letters) multiplier, when the text is not all caps
    EMO_W=1.0,            # emoticon / emoji weight
    HASHTAG_W=1.0,        # hashtag word weight
    NEUTRAL_SENT_W=0.25,  # weight of a sentence with no contribution in the document mean
    NEUTRAL_T=0.05,       # |document score| below this is output as 0.0
    MOD_WINDOW=3,         # an intensifier reaches the first sentiment word within this many tokens
    SUBJ_RATE=0.1,        # subjectivity = min(1, sum(subj_i) / (1 + SUBJ_RATE * n_words))
)

ELISIONS = {"c": "ce", "d": "de", "j": "je", "l": "le", "m": "me", "n": "ne", "s": "se", "t": "te",
            "qu": "que", "jusqu": "jusque", "lorsqu": "lorsque", "puisqu": "puisque", "quoiqu": "quoique"}
KEEP_APOS = {"aujourd'hui", "quelqu'un", "quelqu'une", "prud'homme", "presqu'île", "chef-d'œuvre",
             "chef-d'oeuvre", "chefs-d'œuvre", "chefs-d'oeuvre", "entr'ouvert"}
PUNCT_BREAK = {",", ";", ":", ".", "!", "?", "...", "(", ")", '"', "-", "–", "—"}
SUBJECT_AFTER_SI = {"il", "ils", "elle", "elles", "on", "je", "j'", "tu", "nous", "vous", "c'", "ce", "cela",
                    "ça", "le", "la", "les", "l'", "un", "une", "des", "mon", "ma", "mes", "ton", "ta", "tes",
                    "son", "sa", "ses", "notre", "nos", "votre", "vos", "leur", "leurs", "tout", "tous", "rien"}
COND_SUFFIXES = ("rais", "rait", "rions", "riez", "raient")
COND_EXCLUDE = {"vrais", "frais", "désormais", "jamais", "mais", "marais", "rabais", "relais", "anglais"}

# ---------------------------------------------------------------- data loading
def _rows(path):
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line and not line.startswith("#"):
            yield line.split("\t")

def load_data(lexicon=None):
    lex = {}
    for r in _rows(lexicon or os.path.join(DATA, "sentiment.tsv")):
        lex[r[0]] = (float(r[1]), float(r[2]))
    mods = collections.defaultdict(list)  # tuple(words) -> [(kind, value)]
    for w, kind, val in _rows(os.path.join(DATA, "sentiment_modifiers.tsv")):
        key = tuple(p.lower() for part in w.split(" ") for p in _split_word(part))  # same elision split as text
        mods[key].append((kind, float(val)))
    emo = {r[0]: float(r[1]) for r in _rows(os.path.join(DATA, "emoticons.tsv"))}
    return lex, dict(mods), emo

LEXICON_KEYS, MODIFIER_WORDS = set(), set()  # set by Analyzer
KNOWN = None  # set by Analyzer: does the lemmatiser know this form?

# adjective de-inflection, identical to tools/build_sentiment_lexicon.py
sys.path.insert(0, HERE)
from build_sentiment_lexicon import adjective_bases  # noqa: E402

# ---------------------------------------------------------------- tokenisation
def normalise(text):
    text = unicodedata.normalize("NFC", text)
    for a in "\u2019\u02bc\u2018\u00b4`":
        text = text.replace(a, "'")
    return text.replace("\u2026", "...").replace("\u00a0", " ").replace("\u202f", " ")

def make_tokeniser(emo):
    ascii_emo = sorted((e for e in emo if all(ord(ch) < 128 for ch in e)), key=len, reverse=True)
    alts = []
    for e in ascii_emo:  # an alphanumeric first/last character needs a non-word neighbour on that side
        alts.append(("(?<!\\w)" if e[0].isalnum() else "") + re.escape(e) + ("(?!\\w)" if e[-1].isalnum() else ""))
    rx = re.compile(
        r"(?P<url>https?://\S*|www\.\S+)"
        r"|(?P<mention>@\w+)"
        r"|(?P<hashtag>#\w[\w-]*)"
        rf"|(?P<emoticon>{'|'.join(alts)})"
        r"|(?P<word>\w+(?:['-]\w+)*'?)"
        r"|(?P<punct>[!?]+|\.{2,}|[.,;:()\"«»\-–—])"
        r"|(?P<other>\S)", re.UNICODE)
    return rx

class Tok:
    __slots__ = ("surface", "lower", "lemma", "kind", "elong", "caps", "variants")
    def __init__(self, surface, kind):
        self.surface, self.kind = surface, kind
        self.lower = surface.lower()
        self.lemma, self.elong, self.caps, self.variants = self.lower, False, False, [self.lower]

def _split_word(w):
    """Split elisions (n' l' qu' ...) off a word token; keeps lexicalised apostrophes."""
    out = []
    while "'" in w and w.lower() not in KEEP_APOS:
        head, tail = w.split("'", 1)
        if head.lower() in ELISIONS:
            out.append(head + "'")
            w = tail
        else:
            break
    if w:
        out.append(w)
    return out

def tokenise(text, rx, emo):
    toks = []
    for i, line in enumerate(normalise(text).split("\n")):
        if i:
            toks.append(Tok("\n", "newline"))
        toks.extend(_tokenise_line(line, rx, emo))
    return toks

def _tokenise_line(text, rx, emo):
    toks = []
    for m in rx.finditer(text):
        kind, s = m.lastgroup, m.group()
        if kind == "word":
            for part in _split_word(s):
                toks.append(Tok(part, "word"))
        elif kind == "other":
            base = s.replace("\ufe0f", "")
            toks.append(Tok(s, "emoji" if base in emo else "other"))
        elif kind == "punct" and s in "«»":
            toks.append(Tok('"', "punct"))
        else:
            toks.append(Tok(s, kind))
    return toks

def sentences(toks):
    """Split after a "." "..." or a run of "!"/"?" token, and at line breaks (Tok.kind == "newline")."""
    cur = []
    for t in toks:
        if t.kind == "newline":
            if cur:
                yield cur
            cur = []
            continue
        cur.append(t)
        if t.kind == "punct" and (t.surface[0] in "!?" or t.surface == "." or t.surface == "..."):
            yield cur; cur = []
    if cur:
        yield cur

_ELONG = re.compile(r"([^\W\d_])\1{2,}", re.UNICODE)

def annotate(toks, lemmatise, all_caps_text):
    for t in toks:
        if t.kind != "word":
            continue
        if t.lower.endswith("'") and t.lower[:-1] in ELISIONS:
            t.lemma = ELISIONS[t.lower[:-1]]
            continue
        t.lemma = lemmatise(t.lower)
        letters = [ch for ch in t.surface if ch.isalpha()]
        t.caps = (not all_caps_text) and len(letters) >= 3 and all(ch.isupper() for ch in letters)
        if _ELONG.search(t.lower):
            # "trooop" -> "troop"? -> "trop"; "cooool" -> "cool": first variant that is a lexicon key, a
            # modifier word or a form the lemmatiser knows; else the one-letter variant
            t.elong = True
            two, one = _ELONG.sub(r"\1\1", t.lower), _ELONG.sub(r"\1", t.lower)
            t.lower = next((v for v in (two, one) if v in LEXICON_KEYS or v in MODIFIER_WORDS
                            or (KNOWN and KNOWN(v))), one)
            t.lemma = lemmatise(t.lower)
        t.variants = [t.lower]

def lookup(lex, t, lemmatise, known=None):
    """Lexicon entry for a word token: lemma, lower form, then (only for forms the lemmatiser does not
    know) adjective de-inflection candidates; each key also tried with "oe" -> "œ"; per spelling variant."""
    for i, v in enumerate(t.variants):
        lem = t.lemma if i == 0 else lemmatise(v)
        keys = [lem, v]
        if known is None or not known(v):
            keys += adjective_bases(v)
        for k in keys:
            if k in lex:
                return lex[k]
            if "oe" in k and k.replace("oe", "œ") in lex:
                return lex[k.replace("oe", "œ")]
    return None

# ---------------------------------------------------------------- scoring
class Unit:
    __slots__ = ("toks", "kind", "mod", "val", "subj", "immune", "text")
    def __init__(self, toks, kind, mod=None, val=0.0, subj=0.0, immune=False):
        self.toks, self.kind, self.mod, self.val, self.subj, self.immune = toks, kind, mod, val, subj, immune
        self.text = " ".join(t.surface for t in toks)

def _match_phrase(mods, toks, i):
    best = None
    for L in (4, 3, 2, 1):
        if i + L > len(toks):
            continue
        seg = toks[i:i + L]
        if any(t.kind != "word" for t in seg):
            continue
        for key in _keys_product(seg):
            if key in mods:
                best = (L, key, mods[key]); break
        if best:
            return best
    return None

def _keys_product(seg):
    opts = [[t.lower] + ([t.lemma] if t.lemma != t.lower else []) for t in seg]
    out = [()]
    for o in opts:
        out = [p + (x,) for p in out for x in o]
    return out

def build_units(sent, lex, mods, emo, lemmatise):
    units, i = [], 0
    while i < len(sent):
        t = sent[i]
        if t.kind == "word":
            m = _match_phrase(mods, sent, i)
            if m:
                L, key, kinds = m
                kd = dict(kinds)
                if "phrase" in kd:
                    units.append(Unit(sent[i:i + L], "phrase", val=kd["phrase"], subj=0.8, immune=True))
                elif "neutral" in kd:
                    units.append(Unit(sent[i:i + L], "neutral"))
                else:
                    ent = lookup(lex, t, lemmatise, KNOWN) if L == 1 else None
                    u = Unit(sent[i:i + L], "mod", mod=kinds)
                    if ent:
                        u.val, u.subj = ent
                    units.append(u)
                i += L
                continue
            ent = lookup(lex, t, lemmatise, KNOWN)
            u = Unit([t], "word")
            if ent:
                u.val, u.subj = ent
            units.append(u)
        elif t.kind in ("emoticon", "emoji"):
            units.append(Unit([t], "emo", val=emo.get(t.surface.replace("\ufe0f", ""), 0.0) * C["EMO_W"],
                              subj=1.0, immune=True))
        elif t.kind == "hashtag":
            units.append(Unit([t], "hashtag", val=hashtag_value(t.surface[1:], lex, lemmatise) * C["HASHTAG_W"],
                              subj=0.5, immune=True))
        elif t.kind == "punct":
            units.append(Unit([t], "punct"))
        else:
            units.append(Unit([t], "skip"))
        i += 1
    return units

_CAMEL = re.compile(r"[A-ZÀ-Ý]?[a-zà-ÿœ]+|[A-ZÀ-Ý]+(?![a-zà-ÿ])|\d+")

def hashtag_value(tag, lex, lemmatise):
    t = Tok(tag, "word"); t.lemma = lemmatise(t.lower)
    ent = lookup(lex, t, lemmatise, KNOWN)
    if ent:
        return ent[0]
    parts = _CAMEL.findall(tag.replace("_", " "))
    if len(parts) < 2:
        return 0.0
    s = 0.0
    for p in parts:
        pt = Tok(p, "word"); pt.lemma = lemmatise(pt.lower)
        e = lookup(lex, pt, lemmatise, KNOWN)
        if e:
            s += e[0]
    return s

def kinds_of(u):
    return dict(u.mod) if u.mod else {}

def score_sentence(units, sent_toks):
    n = len(units)
    contrib = [0.0] * n
    is_sent = [False] * n  # sentiment-bearing unit (a word with a value, not used as a modifier)
    # 1. decide role of modifier units that also have a lexicon value; "si" conditional vs intensifier
    role = [None] * n
    for i in range(n - 1, -1, -1):  # right to left: "très très bien", "trop bien" (bien decided first)
        u = units[i]
        if u.kind != "mod":
            continue
        kd = kinds_of(u)
        if "conditional" in kd:
            if u.text.lower() != "si":  # "s'il", "au cas où", "à condition que": always conditional
                role[i] = "conditional"; continue
            nxt = units[i + 1].toks[0].lower if i + 1 < n else ""
            if nxt in SUBJECT_AFTER_SI:
                role[i] = "conditional"; continue
            kd.pop("conditional")
        if any(k in kd for k in ("intensifier", "attenuator", "inverter")):
            if _next_sentiment(units, i) is not None:
                role[i] = "scaler"
            elif u.val:
                role[i] = None; u.kind = "word"
            else:
                role[i] = "scaler_idle"
            continue
        for k in ("negator", "negator_ne", "ne", "contrast", "concessive", "conditional"):
            if k in kd:
                role[i] = k; break
    for i, u in enumerate(units):
        if u.kind in ("word", "phrase", "emo", "hashtag") and u.val:
            is_sent[i] = True
    # 2. base values with elongation / caps
    for i, u in enumerate(units):
        if not is_sent[i]:
            continue
        v = u.val
        if u.kind == "word":
            t = u.toks[0]
            if t.elong: v *= C["ELONG"]
            if t.caps: v *= C["CAPS"]
        contrib[i] = v
    # 3. scalers: multiply the first sentiment unit within MOD_WINDOW (stop at punctuation)
    for i, u in enumerate(units):
        if role[i] != "scaler":
            continue
        j = _next_sentiment(units, i)
        if j is not None and not units[j].kind == "emo":
            kd = kinds_of(u)
            mult = kd.get("intensifier", kd.get("attenuator", kd.get("inverter", 1.0)))
            t = u.toks[0]
            if len(u.toks) == 1 and t.elong: mult *= C["ELONG"]  # "trooop bien": the boost passes to the target
            if len(u.toks) == 1 and t.caps: mult *= C["CAPS"]
            contrib[j] *= mult
    # 4. negation scopes
    negated = [False] * n
    for i, u in enumerate(units):
        r = role[i]
        if r == "ne":
            # find the second particle in the clause
            for j in range(i + 1, min(n, i + 6)):
                if units[j].kind == "punct" and units[j].toks[0].surface in PUNCT_BREAK:
                    break
                if role[j] in ("negator", "negator_ne"):
                    for k in range(i + 1, j):
                        negated[k] = True
                    _open_scope(units, role, j, kinds_of(units[j]), negated)
                    role[j] = "done"
                    break
        elif r == "negator":
            if kinds_of(u).get("negator") is not None:
                _open_scope(units, role, i, kinds_of(u), negated)
                # bare "pas" right after a sentiment verb ("j'aime pas")
                if i > 0 and is_sent[i - 1] and units[i - 1].kind == "word" and not _has_ne_before(units, role, i):
                    negated[i - 1] = True
    for i in range(n):
        if negated[i] and is_sent[i] and not units[i].immune:
            contrib[i] *= C["NEG_FACTOR"]
    # 5. contrast / concession / conditional clause weights
    last_contrast = max((i for i in range(n) if role[i] == "contrast"), default=None)
    if last_contrast is not None:
        w_before = kinds_of(units[last_contrast])["contrast"]
        for i in range(n):
            contrib[i] *= w_before if i < last_contrast else C["CONTRAST_AFTER"]
    for i in range(n):
        if role[i] in ("concessive", "conditional"):
            w = kinds_of(units[i])[role[i]]
            for j in range(i + 1, n):
                if units[j].kind == "punct" and units[j].toks[0].surface in PUNCT_BREAK:
                    break
                contrib[j] *= w
    # 6. asymmetric weight, sum, sentence-level punctuation and mood
    S = sum(c * (C["NEG_WEIGHT"] if c < 0 else 1.0) for c in contrib)
    last = sent_toks[-1]
    puncts = last.surface if last.kind == "punct" and last.surface[0] in "!?" else ""
    n_excl = min(3, puncts.count("!"))
    if "?" in puncts and n_excl == 0:
        S *= C["QUESTION"]
    if any(_is_conditional_verb(t) for t in sent_toks if t.kind == "word"):
        S *= C["COND"]
    if n_excl and S:
        S += math.copysign(C["EXCL_ADD"] * n_excl, S)
    subj = sum(units[i].subj * min(1.0, abs(contrib[i] / units[i].val)) for i in range(n) if is_sent[i] and units[i].val)
    return S, subj, contrib

def _is_conditional_verb(t):
    lo = t.lower
    return (len(lo) >= 6 and lo.endswith(COND_SUFFIXES) and lo not in COND_EXCLUDE and t.lemma != lo
            and t.lemma.endswith(("er", "ir", "re", "oir")))

def _has_ne_before(units, role, i):
    for j in range(i - 1, max(-1, i - 6), -1):
        if role[j] == "ne":
            return True
        if units[j].kind == "punct":
            return False
    return False

def _open_scope(units, role, i, kd, negated):
    width = int(kd.get("negator", kd.get("negator_ne", 3)))
    cnt = 0
    for j in range(i + 1, len(units)):
        u = units[j]
        if u.kind == "punct" and u.toks[0].surface in PUNCT_BREAK:
            break
        if role[j] in ("contrast", "concessive"):
            break
        negated[j] = True
        cnt += 1
        if cnt >= width:
            break

def _next_sentiment(units, i):
    cnt = 0
    for j in range(i + 1, len(units)):
        u = units[j]
        if u.kind in ("punct", "emo"):
            return None
        if u.kind in ("word", "phrase", "hashtag") and u.val:
            return j
        if u.kind == "mod" and u.val and not any(k in kinds_of(u) for k in ("intensifier", "attenuator", "inverter")):
            return j
        cnt += 1
        if cnt >= C["MOD_WINDOW"]:
            return None
    return None

class Analyzer:
    """lemmas=None: simplemma; lemmas=PATH: a form<TAB>lemma table such as data/lemmas.tsv (a form that is
    absent is its own lemma; a form is "known" if it is a form or a lemma of the table)."""
    def __init__(self, lexicon=None, lemmas=None):
        self.lex, self.mods, self.emo = load_data(lexicon)
        self.rx = make_tokeniser(self.emo)
        if lemmas:
            table = {}
            for r in _rows(lemmas):
                if len(r) >= 2:
                    table[r[0]] = r[1]
            known_set = set(table) | set(table.values())
            lem = lambda w: table.get(w, w)
            known = known_set.__contains__
        else:
            import simplemma
            cache, kc = {}, {}
            def lem(w):
                r = cache.get(w)
                if r is None:
                    r = cache[w] = simplemma.lemmatize(w, lang="fr").lower()
                return r
            def known(w):
                r = kc.get(w)
                if r is None:
                    r = kc[w] = simplemma.is_known(w, lang="fr")
                return r
        self.lemmatise = lem
        global KNOWN, LEXICON_KEYS, MODIFIER_WORDS
        LEXICON_KEYS = set(self.lex)
        MODIFIER_WORDS = {w for key in self.mods for w in key}
        KNOWN = known

    def analyse(self, text, explain=False):
        toks = tokenise(text, self.rx, self.emo)
        words = [t for t in toks if t.kind == "word"]
        letters = [ch for t in words for ch in t.surface if ch.isalpha()]
        all_caps = bool(letters) and all(ch.isupper() for ch in letters)
        annotate(toks, self.lemmatise, all_caps)
        sent_scores, details, subj_sum = [], [], 0.0
        for st in sentences(toks):
            units = build_units(st, self.lex, self.mods, self.emo, self.lemmatise)
            S, subj, contrib = score_sentence(units, st)
            s = S / math.sqrt(S * S + C["ALPHA"]) if S else 0.0
            sent_scores.append((s, any(c != 0 for c in contrib)))
            subj_sum += subj
            if explain:
                details.append((s, [(u.text, round(c, 3)) for u, c in zip(units, contrib) if c]))
        num = sum(s for s, _ in sent_scores)
        den = sum(1.0 if pol else C["NEUTRAL_SENT_W"] for _, pol in sent_scores)
        D = num / den if den else 0.0
        if abs(D) < C["NEUTRAL_T"]:
            D = 0.0
        subjectivity = min(1.0, subj_sum / (1.0 + C["SUBJ_RATE"] * len(words)))
        return (D, subjectivity, details) if explain else (D, subjectivity)

# ---------------------------------------------------------------- evaluation
LABELS = {"0": "neg", "1": "neu", "2": "pos"}

def load_deft(data_dir, split):
    texts = open(os.path.join(data_dir, f"{split}_text.txt"), encoding="utf-8").read().split("\n")
    labels = open(os.path.join(data_dir, f"{split}_labels.txt"), encoding="utf-8").read().split("\n")
    n = min(len([l for l in labels if l.strip()]), len(texts))
    return [(texts[i], LABELS[labels[i].strip()]) for i in range(n)]

def macro_f1(gold, scores, th=0.05):
    """Same convention as shared/eval/sentiment_score.py: |score| <= th -> neu."""
    cls = lambda s: "pos" if s > th else "neg" if s < -th else "neu"
    cm = collections.Counter((g, cls(s)) for g, s in zip(gold, scores))
    f1s = {}
    for c in ("neg", "neu", "pos"):
        tp = cm[c, c]; fp = sum(cm[g, c] for g in ("neg", "neu", "pos") if g != c)
        fn = sum(cm[c, p] for p in ("neg", "neu", "pos") if p != c)
        p = tp / (tp + fp) if tp + fp else 0; r = tp / (tp + fn) if tp + fn else 0
        f1s[c] = 2 * p * r / (p + r) if p + r else 0
    acc = sum(cm[c, c] for c in ("neg", "neu", "pos")) / max(1, len(gold))
    return sum(f1s.values()) / 3, f1s, acc, cm

def run_deft(an, data_dir, split, explain=0, out_csv=None):
    items = load_deft(data_dir, split)
    scores = [an.analyse(t)[0] for t, _ in items]
    m, f1s, acc, cm = macro_f1([g for _, g in items], scores)
    if out_csv:
        with open(out_csv, "w", encoding="utf-8") as fh:
            fh.write("document,sentiment\n")
            for i, s in enumerate(scores):
                fh.write(f"{i},{s:.4f}\n")
    return m, f1s, acc, cm, items, scores

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("text"); p.add_argument("text")
    p = sub.add_parser("file"); p.add_argument("path")
    for name in ("deft", "tune"):
        p = sub.add_parser(name)
        p.add_argument("--data", default=os.path.join(HERE, "..", "..", "..", "shared", "data", "deft2017-tweets"))
        p.add_argument("--split", default="val" if name == "deft" else "train")
        p.add_argument("--csv")
    ap.add_argument("--lexicon")
    ap.add_argument("--lemmas", help="form<TAB>lemma table (e.g. ../data/lemmas.tsv) instead of simplemma")
    ap.add_argument("--set", action="append", default=[], help="override a constant, e.g. --set ALPHA=2")
    a = ap.parse_args()
    for kv in a.set:
        k, v = kv.split("="); C[k] = type(C[k])(float(v)) if isinstance(C[k], float) else int(v)
    an = Analyzer(a.lexicon, a.lemmas)
    if a.cmd == "text" or a.cmd == "file":
        text = a.text if a.cmd == "text" else open(a.path, encoding="utf-8").read()
        D, subj, details = an.analyse(text, explain=True)
        for s, parts in details:
            print(f"  {s:+.3f}  {parts}")
        print(f"polarity={D:+.4f} subjectivity={subj:.3f}")
    elif a.cmd == "deft":
        splits = ["train", "val"] if a.split == "both" else [a.split]
        for sp in splits:
            m, f1s, acc, cm, _, _ = run_deft(an, a.data, sp, out_csv=a.csv)
            print(f"DEFT {sp}: macro-F1={m:.3f}  F1 neg={f1s['neg']:.3f} neu={f1s['neu']:.3f} pos={f1s['pos']:.3f}"
                  f"  acc3={acc:.3f}  (neutral band 0.05)")
    elif a.cmd == "tune":
        tune(an, a.data)

def tune(an, data_dir):
    """Coordinate search over a few global constants on DEFT *train* only."""
    items = load_deft(data_dir, "train")
    gold = [g for _, g in items]
    grid = {
        "NEUTRAL_T": [0.05, 0.1, 0.15],
        "ALPHA": [0.25, 0.5, 1.0, 2.0, 4.0],
        "NEG_WEIGHT": [0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0],
        "NEG_FACTOR": [-0.3, -0.5, -0.6, -0.8, -1.0],
        "NEUTRAL_SENT_W": [0.0, 0.25, 0.5, 1.0],
        "HASHTAG_W": [0.5, 1.0, 1.5],
        "EMO_W": [0.5, 1.0, 1.5],
    }
    def evaluate():
        return macro_f1(gold, [an.analyse(t)[0] for t, _ in items])[0]
    best = evaluate(); print(f"start {best:.4f} {C}")
    for rnd in range(2):
        for k, vals in grid.items():
            keep = C[k]
            for v in vals:
                C[k] = v; f = evaluate()
                if f > best + 1e-9:
                    best, keep = f, v
            C[k] = keep
            print(f"round {rnd} {k}={C[k]} -> {best:.4f}")
    print("best", {k: C[k] for k in grid}, f"{best:.4f}")

if __name__ == "__main__":
    main()
