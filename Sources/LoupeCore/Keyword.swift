/// A lemma and how often it occurs in a document's content words.
public struct Keyword: Sendable, Equatable {
    public var term: String
    public var count: Int
    public init(term: String, count: Int) {
        self.term = term
        self.count = count
    }
}

/// A ranked multiword (or single-word) phrase summarising a document, in its surface form.
public struct Keyphrase: Sendable, Equatable {
    public var phrase: String
    public var score: Double
    public init(phrase: String, score: Double) {
        self.phrase = phrase
        self.score = score
    }
}
