#!/usr/bin/env python3
"""Build Sources/FrenchData/data/reference-frequencies.tsv: how often each keyword term (content lemma) occurs
in ordinary French, the reference `loupe keywords` compares a corpus with (log-likelihood keyness).

The counts are Loupe's own keyword counts (`keyword` table: lower-cased lemmas of content words outside
boilerplate, no stop words, numbers or one-letter words), so the reference and a corpus are counted the same
way. Texts counted (see SOURCES-reference.md):
  - French Wikinews 2016-2017 article texts from WiNER-fr (CC BY 2.5), minus the articles of corpus/;
  - the 12 public-domain novels of ELTeC-fra (1840-1920), cut to as many words as the news, so that the
    reference is half news, half literary French.

    swift build -c release
    python3 tools/french-data/build_reference_frequencies.py [--loupe .build/release/loupe] [--shared ../shared]
    python3 tools/french-data/embed.py

Rebuild it when lemmatisation or stop words change. Terms seen once are left out of the file (they are
counted in the total), which keeps it small; a corpus term absent from the file counts 0 in the reference.
"""
import argparse
import pathlib
import sqlite3
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Sources/FrenchData/data/reference-frequencies.tsv"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--loupe", default=str(ROOT / ".build/release/loupe"))
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--minimum", type=int, default=2, help="leave out terms seen fewer times")
    args = ap.parse_args()
    shared = pathlib.Path(args.shared)

    in_corpus = {p.name[len("wikinews_"):] for p in (ROOT / "corpus").glob("wikinews_*.txt")}
    news = sorted(p for p in (shared / "data/winer-fr").rglob("*.txt")
                  if p.name != "license.txt" and not p.name.endswith("-urls.txt") and p.name not in in_corpus)
    news_words = sum(len(p.read_text(encoding="utf-8").split()) for p in news)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        (tmp / "news").mkdir()
        (tmp / "novels").mkdir()
        for p in news:
            (tmp / "news" / f"{p.parent.parent.name}_{p.parent.name}_{p.name}").write_bytes(p.read_bytes())
        # Novels: the same number of words as the news, taken evenly from the start of each novel.
        novels = sorted((shared / "data/eltec-fra").glob("FRA*.txt"))
        share = news_words // len(novels)
        for p in novels:
            words = p.read_text(encoding="utf-8").split(" ")
            kept, n = [], 0
            for w in words:
                kept.append(w)
                n += len(w.split())
                if n >= share:
                    break
            (tmp / "novels" / p.name).write_text(" ".join(kept), encoding="utf-8")
        db = tmp / "ref.sqlite"
        subprocess.run([args.loupe, "analyze", str(tmp / "news"), str(tmp / "novels"), "--db", str(db), "--quiet"], check=True)
        con = sqlite3.connect(db)
        rows = con.execute("SELECT term, SUM(count) FROM keyword GROUP BY term").fetchall()
        documents = con.execute("SELECT COUNT(*) FROM document").fetchone()[0]
        words = con.execute("SELECT SUM(words) FROM document").fetchone()[0]
        con.close()

    total = sum(n for _, n in rows)
    kept = sorted(((t, n) for t, n in rows if n >= args.minimum), key=lambda r: (-r[1], r[0]))
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        f.write("# Reference frequencies of French keyword terms (content lemmas), counted by Loupe: "
                f"{len(news)} French Wikinews articles 2016-2017 (WiNER-fr texts, CC BY 2.5, Wikinews contributors) "
                f"and the beginnings of {len(novels)} ELTeC-fra novels (public domain); {documents} documents, {words} words. "
                "Licence: CC BY 2.5 (attribution: French Wikinews contributors). See SOURCES-reference.md; "
                "built by tools/french-data/build_reference_frequencies.py.\n")
        f.write(f"#total\t{total}\n")
        for t, n in kept:
            f.write(f"{t}\t{n}\n")
    print(f"{len(kept)} terms (of {len(rows)}), {total} term occurrences, {words} words in {documents} documents → {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
