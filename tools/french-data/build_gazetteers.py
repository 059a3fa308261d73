#!/usr/bin/env python3
"""Build the named-entity gazetteers Sources/FrenchData/data/firstnames.tsv and names.tsv.

Source: WiNER-fr, TRAINING year only (../shared/data/winer-fr/2016, BRAT .txt + .ann).
Texts: French Wikinews, CC BY 2.5; annotations: CC BY 4.0 (see data/SOURCES-gazetteers.md).
The 2017 year is the evaluation set: its .ann files are never read here (only by the scorer, --baseline).

Folding (the key of both files; the run-time lookup must fold the same way):
  ’ -> '   then lower-case, NFD, drop combining marks (é -> e, ç -> c; œ/æ stay), whitespace runs -> one space.

firstnames.tsv   folded_first_name<TAB>count
  The first whitespace-separated token of every Person mention (nested ones included) that has >= 2 tokens
  ("Emmanuel Macron" -> "emmanuel"; "Jean-Yves Le Drian" -> "jean-yves"). The token must start with an
  upper-case letter and contain only letters, digits, hyphens and apostrophes; tokens of length 1 or ending
  in "." are dropped, and so is every token whose folded form occurs in the 2016 texts more often as an
  all-lower-case word than as a capitalised word (drops "le" of "Le Drian", "de", ...; word counts split
  elisions: "l'automne" counts "automne"), and the few titles in TITLES ("monsieur", "monseigneur", ...).
  count = number of Person mentions it starts.
names.tsv        folded_name<TAB>TYPE<TAB>count      (first line: a # comment with source and licence)
  Every annotated span of 2016, outermost and nested alike; Person -> PER, Location -> LOC,
  Organization -> ORG, Event/Product -> MISC (Date and Hour spans are not names and are ignored).
  Each folded name gets its majority type and is kept only if that type covers >= 70% of its
  PER/LOC/ORG/MISC occurrences. Dropped as annotation debris: keys of one character, keys without a letter,
  keys not starting with a letter or digit, keys ending in an apostrophe. count = occurrences with that type.
Both files are sorted by the UTF-8 bytes of the key (LC_ALL=C order).

usage (from the repository root):
  python3 tools/french-data/build_gazetteers.py [--winer ../shared/data/winer-fr] [--out Sources/FrenchData/data]
  python3 tools/french-data/build_gazetteers.py --baseline   # also score a dictionary-lookup baseline on 2017
--baseline: on 2017 .txt, tags maximal runs of capitalised tokens (tokens = \\w+(?:[-’']\\w+)*|\\S, a run is
broken by any other token or by a line break), looks them up in names.tsv longest match first, writes
/tmp/loupe_gazetteer_baseline.csv and runs ../shared/eval/ner_score.py on the 2017 gold.
"""
import argparse, collections, os, re, subprocess, sys, tempfile, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
DEFAULT_WINER = os.path.abspath(os.path.join(ROOT, "..", "shared", "data", "winer-fr"))
DEFAULT_OUT = os.path.join(ROOT, "Sources", "FrenchData", "data")
TYPES = {"Person": "PER", "Location": "LOC", "Organization": "ORG", "Event": "MISC", "Product": "MISC"}
MIN_SHARE = 0.70
# titles and function words that annotators occasionally left inside a Person span (never first names)
TITLES = {"monsieur", "madame", "mademoiselle", "monseigneur", "docteur", "maitre", "saint", "sainte",
          "sir", "lord", "lady", "dr", "mr", "mrs", "mme", "mlle", "m", "the"}
TOKEN = re.compile(r"\w+(?:[-’']\w+)*|\S")
NAME_TOKEN = re.compile(r"[^\W_](?:[\w'’-]*\w)?")
ATTRIBUTION = ("WiNER-fr 2016 (French Wikinews texts CC BY 2.5, https://fr.wikinews.org; "
               "annotations CC BY 4.0); built by tools/build_gazetteers.py")


def fold(s):
    s = unicodedata.normalize("NFD", s.replace("’", "'").lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.split())


def documents(year_dir, with_ann=True):
    """Yield (name, text, [(type, start, end, surface)]) for every .txt under year_dir, in sorted order."""
    for d, dirs, files in sorted(os.walk(year_dir)):
        dirs.sort()
        for f in sorted(files):
            if not f.endswith(".txt") or f.endswith("-urls.txt"):
                continue
            base = f[:-4]
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                text = fh.read()
            spans = []
            if with_ann:
                with open(os.path.join(d, base + ".ann"), encoding="utf-8") as fh:
                    for line in fh:
                        p = line.rstrip("\n").split("\t")
                        if len(p) < 3 or not p[0].startswith("T") or ";" in p[1]:
                            continue
                        t, s, e = p[1].split()[:3]
                        spans.append((t, int(s), int(e), text[int(s):int(e)]))
            yield base, text, spans


def build(winer, out):
    train = os.path.join(winer, "2016")
    first = collections.Counter()
    names = collections.defaultdict(collections.Counter)
    lower, upper = collections.Counter(), collections.Counter()
    ndocs = 0
    for _, text, spans in documents(train):
        ndocs += 1
        for tok in TOKEN.findall(text):
            tok = re.split(r"['’]", tok)[-1]    # l'automne -> automne, d'Europe -> Europe
            if not tok or not tok[0].isalpha():
                continue
            if tok == tok.lower():
                lower[fold(tok)] += 1
            elif tok[0].isupper():
                upper[fold(tok)] += 1
        for t, s, e, surface in spans:
            if t not in TYPES:
                continue
            key = fold(surface)
            if len(key) >= 2 and key[0].isalnum() and not key.endswith("'") and any(c.isalpha() for c in key):
                names[key][TYPES[t]] += 1
            if t == "Person":
                toks = surface.split()
                if len(toks) >= 2:
                    first[toks[0]] += 1
    # first names
    fn = collections.Counter()
    for tok, n in first.items():
        if len(tok) <= 1 or tok.endswith(".") or not tok[0].isupper() or not NAME_TOKEN.fullmatch(tok):
            continue
        key = fold(tok)
        if lower[key] > upper[key] or key in TITLES:
            continue
        fn[key] += n
    # names: majority type with >= 70 % of the occurrences
    kept = {}
    for key, c in names.items():
        t, n = c.most_common(1)[0]
        if n >= MIN_SHARE * sum(c.values()):
            kept[key] = (t, n)
    bykey = lambda k: k.encode("utf-8")
    os.makedirs(out, exist_ok=True)
    fpath, npath = os.path.join(out, "firstnames.tsv"), os.path.join(out, "names.tsv")
    with open(fpath, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# Loupe first names: folded_first_name<TAB>count; from {ATTRIBUTION}\n")
        for k in sorted(fn, key=bykey):
            fh.write(f"{k}\t{fn[k]}\n")
    with open(npath, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# Loupe names: folded_name<TAB>PER|LOC|ORG|MISC<TAB>count; from {ATTRIBUTION}\n")
        for k in sorted(kept, key=bykey):
            fh.write(f"{k}\t{kept[k][0]}\t{kept[k][1]}\n")
    dropped = len(names) - len(kept)
    print(f"2016: {ndocs} documents; {len(fn)} first names ({os.path.getsize(fpath)} bytes), "
          f"{len(kept)} names ({os.path.getsize(npath)} bytes; {dropped} ambiguous names dropped)", file=sys.stderr)
    return kept


def load_names(path):
    table = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            k, t, _ = line.rstrip("\n").split("\t")
            table[k] = t
    return table


def baseline(winer, names_path, csv_path):
    table = load_names(names_path)
    maxlen = max(len(TOKEN.findall(k)) for k in table)
    rows = []
    for doc, text, _ in documents(os.path.join(winer, "2017"), with_ann=False):
        toks = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
        runs, cur = [], []
        for i, (s, e) in enumerate(toks):
            capital = text[s].isupper()
            if capital and cur and "\n" in text[toks[cur[-1]][1]:s]:
                runs.append(cur); cur = []
            if capital:
                cur.append(i)
            elif cur:
                runs.append(cur); cur = []
        if cur:
            runs.append(cur)
        for run in runs:
            i = 0
            while i < len(run):
                for j in range(min(len(run), i + maxlen), i, -1):
                    s, e = toks[run[i]][0], toks[run[j - 1]][1]
                    t = table.get(fold(text[s:e]))
                    if t:
                        rows.append((doc, s, e, t)); i = j
                        break
                else:
                    i += 1
    with open(csv_path, "w", encoding="utf-8", newline="") as fh:
        fh.write("document,start,end,type\n")
        for r in rows:
            fh.write("%s,%d,%d,%s\n" % r)
    scorer = os.path.join(os.path.dirname(winer.rstrip("/")), "..", "eval", "ner_score.py")
    subprocess.run([sys.executable, os.path.normpath(scorer), os.path.join(winer, "2017"), csv_path], check=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--winer", default=DEFAULT_WINER, help="WiNER-fr folder holding 2016/ (and 2017/ for --baseline)")
    ap.add_argument("--out", default=DEFAULT_OUT, help="output folder for firstnames.tsv and names.tsv")
    ap.add_argument("--baseline", action="store_true", help="score a names.tsv lookup baseline on 2017")
    a = ap.parse_args()
    build(a.winer, a.out)
    if a.baseline:
        baseline(a.winer, os.path.join(a.out, "names.tsv"), os.path.join(tempfile.gettempdir(), "loupe_gazetteer_baseline.csv"))


if __name__ == "__main__":
    main()
