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

    /// Words shortened with a point that does not end the sentence.
    static let abbreviations: Set<String> = [
        "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "drs", "pr", "me", "mgr", "st", "ste", "sts",
        "etc", "cf", "ex", "p", "pp", "av", "apr", "vol", "éd", "coll", "chap", "art", "fig", "env", "tél",
        "hab", "janv", "févr", "avr", "juill", "sept", "oct", "nov", "déc", "bd", "boul", "gén", "col",
        "lt", "cdt", "cne", "sgt", "adj", "vs", "dir", "trad", "ibid", "op", "cit", "resp", "min", "max",
        "éds", "no", "nº", "anc", "mar", "ca", "jr", "sr", "inc", "ltd", "co", "cie", "ms", "mss", "al",
    ]

}
