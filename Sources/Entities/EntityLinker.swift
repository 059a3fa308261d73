import LoupeCore

/// Gives each mention of a document the key of the real-world thing it names.
///
/// - Acronyms: "Union africaine (UA)" defines UA (but "Benoît Hamon (PS)" does not define PS); without a definition, an acronym whose letters are
///   the initials of a name in the same document (ART ↔ Agence de Régulation des Télécommunications)
///   links to it. Definitions are kept on the document so other documents can use them.
/// - Person names: "Macron" or "M. Macron" after "Emmanuel Macron" takes the full name's key and type.
/// - Keys are folded (accent- and case-insensitive): États-Unis and Etats-Unis share one.
struct EntityLinker {
    let gazetteer: Gazetteer

    func link(_ doc: inout Document) {
        var mentions = doc.mentions
        var definitions: [String: String] = [:]  // acronym key → expansion key

        // 1. Parenthesised definitions: NAME ( ACR ).
        for (m, mention) in mentions.enumerated() where mention.tokens.count >= 2 {
            let after = mention.tokens.upperBound
            guard after + 2 < doc.tokens.count, doc.tokens[after].text == "(", doc.tokens[after + 2].text == ")" else { continue }
            let acronym = doc.tokens[after + 1]
            guard Self.isAcronym(acronym.text) else { continue }
            // After a person's name, an acronym is their party or employer ("Benoît Hamon (PS)"), unless it
            // is made of the name's initials ("Dominique Strauss-Kahn (DSK)").
            if mention.type == .PER && Self.initials(of: mention, in: doc) != Folding.fold(acronym.text) { continue }
            definitions[Folding.fold(acronym.text)] = mention.key
            // The acronym inside the parentheses is a mention of the same entity.
            if let k = mentions.firstIndex(where: { $0.tokens == (after + 1)..<(after + 2) }) {
                mentions[k].type = mention.type
            } else {
                mentions.append(Mention(span: acronym.span, tokens: (after + 1)..<(after + 2), type: mentions[m].type,
                                        text: acronym.text, key: Folding.fold(acronym.text), sentence: mention.sentence))
            }
        }
        // 2. Acronyms matching the initials of a longer name of the document.
        let long = mentions.filter { $0.tokens.count >= 2 }
        for mention in mentions where mention.tokens.count == 1 && Self.isAcronym(mention.text) {
            let key = Folding.fold(mention.text)
            if definitions[key] != nil { continue }
            if let match = long.first(where: { Self.initials(of: $0, in: doc) == key }) { definitions[key] = match.key }
        }
        // 3. Short person names: a single word that ends a longer PER name.
        var surnames: [String: (key: String, count: Int)] = [:]
        for mention in long where mention.type == .PER {
            let last = Folding.fold(doc.tokens[mention.tokens.upperBound - 1].text)
            surnames[last] = (mention.key, (surnames[last]?.count ?? 0) + 1)
        }
        let typeOfKey = Dictionary(mentions.map { ($0.key, $0.type) }, uniquingKeysWith: { a, _ in a })
        for k in mentions.indices {
            let key = mentions[k].key
            if let expansion = definitions[key] {
                mentions[k].key = expansion
                mentions[k].type = typeOfKey[expansion] ?? mentions[k].type
            } else if mentions[k].tokens.count == 1, mentions[k].type != .MISC && !Self.isAcronym(mentions[k].text),
                      !gazetteer.isPlace(key), let person = surnames[key] {
                mentions[k].key = person.key
                mentions[k].type = .PER
            }
        }
        mentions.sort { $0.span < $1.span }
        doc.mentions = mentions
        doc.acronyms = definitions.map { AcronymDefinition(acronym: $0.key, expansionKey: $0.value) }.sorted { $0.acronym < $1.acronym }
    }

    /// UA, ART, IoT, ONU: two to eight letters, at least two capitals, no lower-case start.
    static func isAcronym(_ text: String) -> Bool {
        // ASCII without Unicode property lookups (most mentions are).
        func isUppercase(_ c: Unicode.Scalar) -> Bool { c.value < 0x80 ? c.value >= 0x41 && c.value <= 0x5A : c.properties.isUppercase }
        func isAlphabetic(_ c: Unicode.Scalar) -> Bool {
            c.value < 0x80 ? (c.value | 0x20) >= 0x61 && (c.value | 0x20) <= 0x7A : c.properties.isAlphabetic
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.first, isUppercase(first) else { return false }
        var count = 0, capitals = 0
        for c in scalars {
            count += 1
            if count > 8 || !(isAlphabetic(c) || c == "&") { return false }
            if isUppercase(c) { capitals += 1 }
        }
        return count >= 2 && capitals >= 2
    }

    /// Initials of the significant words of a name: Union africaine → "ua"; Agence de Régulation des
    /// Télécommunications → "art".
    static func initials(of mention: Mention, in doc: Document) -> String {
        var out = ""
        for i in mention.tokens {
            let word = Folding.fold(doc.tokens[i].text)
            if EntityCues.connectors.contains(word) || ["et", "pour", "sur", "en", "a"].contains(word) { continue }
            for part in word.split(separator: "-") { if let c = part.first { out.append(c) } }
        }
        return out
    }
}
