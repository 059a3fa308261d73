/// French data for the tokeniser: which words elide, which hyphen parts are clitic pronouns, which
/// words take an abbreviation point. Kept apart from the code that applies them, as spaCy keeps
/// `tokenizer_exceptions.py` apart from its tokenizer.
enum FrenchTokenRules {
    /// Words written with an apostrophe before a vowel: `l'Union` → `l'` + `Union`.
    static let elisions: Set<String> = [
        "l", "d", "j", "m", "n", "s", "t", "c", "ç", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
    ]

    /// Pronouns attached to a verb by a hyphen, split off as UD French does: `dit-il` → `dit` + `-il`.
    static let clitics: Set<String> = [
        "je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "le", "la", "les", "lui", "leur",
        "moi", "toi", "y", "en", "ce",
    ]

    /// Hyphenated words that end like a clitic but are single words.
    static let hyphenatedWords: Set<String> = ["rendez-vous", "c'est-à-dire", "qu'en-dira-t-on", "m'as-tu-vu"]

    /// Words shortened with a point that does not end the sentence (titles and the like).
    static let abbreviations: Set<String> = [
        "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "drs", "pr", "mgr", "st", "ste", "sts", "etc", "cf", "pp",
        "apr", "éd", "éds", "coll", "chap", "tél", "hab", "janv", "févr", "juill", "déc", "bd", "boul", "gén", "lt", "cdt",
        "cne", "sgt", "vs", "trad", "ibid", "cit", "resp", "nº", "anc", "jr", "sr", "cie", "mss", "av", "réf", "éq", "suiv",
    ]

    /// Abbreviations that are also words ("Ils sont sept."): they keep their point only when the
    /// next word is not capitalised ("art. 12", "sept. 2019", "p. ex.").
    static let ambiguousAbbreviations: Set<String> = [
        "p", "ex", "sept", "oct", "nov", "avr", "art", "vol", "fig", "env", "min", "max", "no", "mar", "ca", "co",
        "op", "dir", "inc", "ltd", "al", "ms", "adj", "col", "me",
    ]

    /// The longest of both lists, in Unicode scalars.
    static let longestAbbreviation = abbreviations.union(ambiguousAbbreviations).map(\.unicodeScalars.count).max() ?? 0

}
