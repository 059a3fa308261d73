/// The four entity types Loupe reports.
public enum EntityType: String, Sendable, CaseIterable, Codable {
    /// People.
    case PER
    /// Places: countries, regions, cities, geographic features.
    case LOC
    /// Organisations: companies, institutions, parties, teams.
    case ORG
    /// Other named things: events, products, works.
    case MISC
}

/// One occurrence of a named entity in a document.
public struct Mention: Sendable, Equatable {
    public var span: Span
    public var tokens: Range<Int>
    public var type: EntityType
    /// The characters of the span in the source text.
    public var text: String
    /// The document-level identity of the entity: `TYPE:folded name`, with acronyms and short person
    /// names already resolved within the document (UA → ORG:union africaine). The corpus linker
    /// merges keys across documents.
    public var key: String
    /// The index of the sentence holding the mention.
    public var sentence: Int
    /// Polarity in [-1, 1] of the words around the mention, nearer words weighing more (sentiment stage).
    public var sentiment: Double

    public init(span: Span, tokens: Range<Int>, type: EntityType, text: String, key: String, sentence: Int, sentiment: Double = 0) {
        self.span = span
        self.tokens = tokens
        self.type = type
        self.text = text
        self.key = key
        self.sentence = sentence
        self.sentiment = sentiment
    }
}

/// A short form defined in the text, such as "Union africaine (UA)": the acronym key and the key of
/// its expansion. Stored so that a bare "UA" in another document links to the same entity.
public struct AcronymDefinition: Sendable, Equatable, Hashable {
    public var acronym: String
    public var expansionKey: String
    public init(acronym: String, expansionKey: String) {
        self.acronym = acronym
        self.expansionKey = expansionKey
    }
}
