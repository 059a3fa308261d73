import LoupeCore

/// Links the document-level keys of the whole corpus into canonical entities: the corpus half of
/// the algorithm whose document half is ``EntityLinker``.
///
/// ``EntityLinker`` has already resolved, within each document, acronyms defined there and short
/// person names. Across documents:
/// - an acronym that some document defines or spells out (UA ↔ Union africaine) joins its most
///   often given expansion, when that expansion is named somewhere in the corpus;
/// - a one-word person name joins the only multi-word person name that ends with it ("Macron" →
///   "emmanuel macron"; two candidates, no link).
///
/// Each entity's name is its best written form (accented spellings first, then the most frequent);
/// the other forms are its aliases. The decisions read three facts, supplied by ``Facts``, so that
/// the same rules serve a full relink (facts of every key) and an incremental one (facts of the keys a
/// run touched, read from the store).
public enum CorpusLinker {
    /// What the rules need to know about the corpus.
    public struct Facts {
        /// The type counts of a key's mentions; nil if no mention has the key.
        public var types: (String) -> KeyTypes?
        /// The expansion most documents give for an acronym key (ties: the first expansion key).
        public var expansion: (String) -> String?
        /// The multi-word keys whose majority type is PER and whose last word is the given one.
        public var fullNames: (String) -> Set<String>

        public init(types: @escaping (String) -> KeyTypes?, expansion: @escaping (String) -> String?,
                    fullNames: @escaping (String) -> Set<String>) {
            self.types = types
            self.expansion = expansion
            self.fullNames = fullNames
        }
    }

    /// The key that `key`'s mentions are counted under.
    public static func canonical(_ key: String, _ facts: Facts) -> String {
        if let e = facts.expansion(key), e != key, facts.types(e) != nil { return e }
        if !key.contains(" "), facts.types(key)?.majority == .PER {
            let names = facts.fullNames(key)
            if names.count == 1 { return names.first! }
        }
        return key
    }

    /// The entity of the keys counted under `canonicalKey`, from all their written forms.
    public static func entity(_ canonicalKey: String, forms: [NameForm]) -> CorpusEntity {
        var textCounts: [String: Int] = [:]
        var ownTextCounts: [String: Int] = [:]
        var types = KeyTypes()
        var keys = Set<String>()
        for f in forms {
            textCounts[f.text, default: 0] += f.count
            if f.key == canonicalKey { ownTextCounts[f.text, default: 0] += f.count }
            types.counts[f.type, default: 0] += f.count
            keys.insert(f.key)
        }
        let pool = ownTextCounts.isEmpty ? textCounts : ownTextCounts
        // Forms of one key differ only in case and accents: the accented spelling (États-Unis) wins, then the most frequent.
        let name = pool.max { a, b in
            (accents(a.key), a.value, a.key.count, b.key) < (accents(b.key), b.value, b.key.count, a.key)
        }!.key
        let aliases = textCounts.filter { $0.key != name }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
        return CorpusEntity(canonicalKey: canonicalKey, name: name, type: types.majority!, mentions: forms.reduce(0) { $0 + $1.count },
                            aliases: aliases, keys: keys.sorted())
    }

    /// Every entity of a corpus from all its written forms and acronym definitions, by canonical key.
    /// - Parameter definitions: each (acronym, expansion key) pair with the number of documents giving it.
    public static func link(_ forms: [NameForm], definitions: [(acronym: String, expansionKey: String, documents: Int)]) -> [CorpusEntity] {
        let expansions = bestExpansions(definitions)
        let types = KeyTypes.byKey(forms)
        var fullNames: [String: Set<String>] = [:]
        for (key, t) in types where t.majority == .PER {
            if let last = NameForm.lastWord(ofKey: key) { fullNames[last, default: []].insert(key) }
        }
        let facts = Facts(types: { types[$0] }, expansion: { expansions[$0] }, fullNames: { fullNames[$0] ?? [] })
        var groups: [String: [NameForm]] = [:]
        for f in forms { groups[canonical(f.key, facts), default: []].append(f) }
        return groups.sorted { $0.key < $1.key }.map { entity($0.key, forms: $0.value) }
    }

    /// For each acronym, the expansion most documents give (ties: the first expansion key in byte order).
    public static func bestExpansions(_ definitions: [(acronym: String, expansionKey: String, documents: Int)]) -> [String: String] {
        var best: [String: (key: String, documents: Int)] = [:]
        for d in definitions {
            if let b = best[d.acronym], b.documents > d.documents || b.documents == d.documents && b.key < d.expansionKey { continue }
            best[d.acronym] = (d.expansionKey, d.documents)
        }
        return best.mapValues(\.key)
    }

    private static func accents(_ s: String) -> Int { s.unicodeScalars.filter { $0.value > 0x7F }.count }
}
