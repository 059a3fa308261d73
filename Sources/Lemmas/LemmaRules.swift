import LoupeCore

/// Suffix rules for words the lexicon does not know (`Sources/FrenchData/data/LEMMA_RULES.md`, whose
/// reference implementation is `tools/lemma_rules.py`). The table's blocking entries (lemma = form,
/// such as `cours`, `temps`) keep known invariant words away from these rules.
enum LemmaRules {
    /// Elided and contracted forms and their full form, as UD French lemmatises them.
    static let elided: [String: String] = [
        "l'": "le", "d'": "de", "j'": "je", "m'": "me", "n'": "ne", "s'": "se", "t'": "te", "c'": "ce", "ç'": "ce",
        "qu'": "que", "jusqu'": "jusque", "lorsqu'": "lorsque", "puisqu'": "puisque", "quoiqu'": "quoique",
        "du": "de", "au": "à", "aux": "à", "des": "de",
        "m": "mètre", "mme": "madame", "mmes": "mesdames", "mlle": "mademoiselle",
        "mlles": "mesdemoiselles", "dr": "docteur", "dr.": "docteur", "pr": "professeur", "pr.": "professeur", "etc.": "etc.",
    ]

    struct Rule {
        var suffix: String
        var replacement: String
        var minimumStem: Int
        var consonantBefore = false
    }

    /// First matching row wins (LEMMA_RULES.md §4).
    static let rules: [Rule] = [
        Rule(suffix: "issaient", replacement: "ir", minimumStem: 2, consonantBefore: true),
        Rule(suffix: "issait", replacement: "ir", minimumStem: 2, consonantBefore: true),
        Rule(suffix: "èrent", replacement: "er", minimumStem: 2), Rule(suffix: "eraient", replacement: "er", minimumStem: 2),
        Rule(suffix: "erait", replacement: "er", minimumStem: 2), Rule(suffix: "aient", replacement: "er", minimumStem: 3),
        Rule(suffix: "ées", replacement: "er", minimumStem: 3), Rule(suffix: "ée", replacement: "er", minimumStem: 3),
        Rule(suffix: "és", replacement: "er", minimumStem: 3), Rule(suffix: "é", replacement: "er", minimumStem: 3),
        Rule(suffix: "iennes", replacement: "ien", minimumStem: 2), Rule(suffix: "ienne", replacement: "ien", minimumStem: 2),
        Rule(suffix: "ives", replacement: "if", minimumStem: 3), Rule(suffix: "ive", replacement: "if", minimumStem: 3),
        Rule(suffix: "ales", replacement: "al", minimumStem: 3), Rule(suffix: "ale", replacement: "al", minimumStem: 3),
        Rule(suffix: "antes", replacement: "ant", minimumStem: 3), Rule(suffix: "ante", replacement: "ant", minimumStem: 3),
        Rule(suffix: "oises", replacement: "ois", minimumStem: 2), Rule(suffix: "oise", replacement: "ois", minimumStem: 2),
        Rule(suffix: "eaux", replacement: "eau", minimumStem: 2), Rule(suffix: "aux", replacement: "al", minimumStem: 3),
    ]

    private static let vowels = Set("aeiouyàâäéèêëîïôöùûüœæ")

    /// The lemma of a word missing from the table, or nil to keep the word.
    static func apply(_ key: String, lexicon: LemmaLexicon) -> String? {
        if key.containsBytes("-"), !key.hasPrefix("-"), !key.hasSuffixBytes("-") {
            let parts = key.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            if !parts.contains(where: \.isEmpty) {
                var out: [String] = []
                for (i, part) in parts.enumerated() {
                    if i < parts.count - 1 {
                        // Earlier parts only lose a plural: libres-penseurs → libre-penseur.
                        if let lemma = lexicon.lemma(of: part), isPluralReduction(part, lemma) { out.append(lemma) } else { out.append(part) }
                    } else {
                        out.append(lexicon.lemma(of: part) ?? suffixRule(part) ?? part)
                    }
                }
                return out.joined(separator: "-")
            }
        }
        return suffixRule(key)
    }

    static func isPluralReduction(_ part: String, _ lemma: String) -> Bool {
        if (part.hasSuffixBytes("s") || part.hasSuffixBytes("x")) && lemma == String(part.dropLast()) { return true }
        return part.hasSuffixBytes("aux") && lemma == String(part.dropLast(3)) + "al"
    }

    static func suffixRule(_ key: String) -> String? {
        let chars = Array(key)
        guard chars.count >= 4, chars.contains(where: \.isLetter), !chars.contains(where: \.isNumber) else { return nil }
        for rule in rules where key.hasSuffixBytes(rule.suffix) {
            let stem = chars.count - rule.suffix.count
            guard stem >= rule.minimumStem else { continue }
            if rule.consonantBefore && vowels.contains(chars[stem - 1]) { continue }
            return String(chars[..<stem]) + rule.replacement
        }
        // Plural -s, except -ss, -us, -ès words (stress, virus, succès).
        if key.hasSuffixBytes("s"), chars.count - 1 >= 3 {
            if key.hasSuffixBytes("ss") || key.hasSuffixBytes("us") || key.hasSuffixBytes("ès") { return nil }
            return String(chars.dropLast())
        }
        return nil
    }
}
