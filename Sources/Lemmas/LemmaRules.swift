/// Suffix rules for words the lexicon does not know, tried in order; a rule fires only when its
/// result is a lemma the lexicon knows (so `bus` does not become `bu`), except the rules marked
/// `always`, which are safe on their own.
enum LemmaRules {
    /// Elided and contracted forms and their full form, as UD French lemmatises them.
    static let elided: [String: String] = [
        "l'": "le", "d'": "de", "j'": "je", "m'": "me", "n'": "ne", "s'": "se", "t'": "te", "c'": "ce", "ç'": "ce",
        "qu'": "que", "jusqu'": "jusque", "lorsqu'": "lorsque", "puisqu'": "puisque", "quoiqu'": "quoique",
        "du": "de", "au": "à", "aux": "à", "des": "de",
    ]

    struct Rule {
        var suffix: String
        var replacement: String
        var always: Bool = false
    }

    static let rules: [Rule] = [
        Rule(suffix: "ées", replacement: "er"), Rule(suffix: "és", replacement: "er"), Rule(suffix: "ée", replacement: "er"),
        Rule(suffix: "é", replacement: "er"),
        Rule(suffix: "aux", replacement: "al"), Rule(suffix: "eaux", replacement: "eau"),
        Rule(suffix: "euses", replacement: "eur"), Rule(suffix: "euse", replacement: "eur"),
        Rule(suffix: "rices", replacement: "eur"), Rule(suffix: "rice", replacement: "eur"),
        Rule(suffix: "ives", replacement: "if"), Rule(suffix: "ive", replacement: "if"),
        Rule(suffix: "elles", replacement: "el"), Rule(suffix: "elle", replacement: "el"),
        Rule(suffix: "iennes", replacement: "ien"), Rule(suffix: "ienne", replacement: "ien"),
        Rule(suffix: "es", replacement: ""), Rule(suffix: "s", replacement: ""), Rule(suffix: "x", replacement: ""),
        Rule(suffix: "e", replacement: ""),
        Rule(suffix: "aient", replacement: "er"), Rule(suffix: "ait", replacement: "er"), Rule(suffix: "ant", replacement: "er"),
        Rule(suffix: "ent", replacement: "er"),
        // Unknown words: plural -s of long words is the safest guess.
        Rule(suffix: "ations", replacement: "ation", always: true), Rule(suffix: "ités", replacement: "ité", always: true),
        Rule(suffix: "ments", replacement: "ment", always: true), Rule(suffix: "eurs", replacement: "eur", always: true),
        Rule(suffix: "ismes", replacement: "isme", always: true), Rule(suffix: "istes", replacement: "iste", always: true),
    ]

    static func apply(_ lower: String, lexicon: LemmaLexicon) -> String? {
        for rule in rules where lower.hasSuffix(rule.suffix) && lower.count > rule.suffix.count + 2 {
            let candidate = String(lower.dropLast(rule.suffix.count)) + rule.replacement
            if rule.always || lexicon.isLemma(candidate) { return candidate }
        }
        return nil
    }
}
