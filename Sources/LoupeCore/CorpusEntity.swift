/// How a name is written in the corpus: one document-level key (``Mention/key``), one type and one
/// spelling, with the number of mentions written so.
public struct NameForm: Sendable, Hashable {
    public var key: String
    public var type: EntityType
    public var text: String
    public var count: Int

    public init(key: String, type: EntityType, text: String, count: Int) {
        self.key = key
        self.type = type
        self.text = text
        self.count = count
    }
}

extension NameForm {
    /// The last word of a multi-word key, which a one-word person name is matched on; nil for one word.
    public static func lastWord(ofKey key: String) -> String? {
        guard key.contains(" "), let last = key.split(separator: " ").last else { return nil }
        return String(last)
    }
}

/// One canonical entity of the corpus: the real-world thing behind several document-level keys.
public struct CorpusEntity: Sendable, Equatable {
    /// The key the others were linked to (an acronym's expansion, a full person name…); it identifies
    /// the entity from one run to the next.
    public var canonicalKey: String
    /// The best written form (accented spellings first, then the most frequent).
    public var name: String
    public var type: EntityType
    public var mentions: Int
    /// The other written forms, most frequent first.
    public var aliases: [String]
    /// Every document-level key linked to it, sorted.
    public var keys: [String]

    public init(canonicalKey: String, name: String, type: EntityType, mentions: Int, aliases: [String], keys: [String]) {
        self.canonicalKey = canonicalKey
        self.name = name
        self.type = type
        self.mentions = mentions
        self.aliases = aliases
        self.keys = keys
    }
}

/// What the corpus linker knows of one key: how many of its mentions have each type, and so its
/// majority type; stored beside the key so that a later run can link incrementally.
public struct KeyTypes: Sendable, Equatable {
    public var counts: [EntityType: Int] = [:]

    public init(counts: [EntityType: Int] = [:]) { self.counts = counts }

    /// The type counts of each key of `forms`.
    public static func byKey(_ forms: [NameForm]) -> [String: KeyTypes] {
        var types: [String: KeyTypes] = [:]
        for f in forms { types[f.key, default: KeyTypes()].counts[f.type, default: 0] += f.count }
        return types
    }

    /// The type most of the key's mentions have; on a tie, the first by name (LOC, MISC, ORG, PER).
    public var majority: EntityType? {
        counts.max { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }?.key
    }
}
