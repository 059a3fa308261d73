/// A sentence: a span of the text and the range of tokens it covers.
public struct Sentence: Sendable, Equatable {
    public var span: Span
    public var tokens: Range<Int>
    /// Page furniture (share prompts, comment forms, sidebars): kept and exported, but ignored by
    /// entities, keywords and sentiment.
    public var isBoilerplate: Bool = false
    /// Polarity in [-1, 1], set by the sentiment stage.
    public var sentiment: Double = 0
    /// Subjectivity in [0, 1], set by the sentiment stage.
    public var subjectivity: Double = 0
    /// The words that moved the score, with their contribution (for `loupe report DOC --explain`).
    public var sentimentCues: [SentimentCue] = []

    public init(span: Span, tokens: Range<Int>) {
        self.span = span
        self.tokens = tokens
    }
}

/// One word's contribution to its sentence's polarity, after negation and intensifiers.
public struct SentimentCue: Sendable, Equatable {
    public var token: Int
    public var weight: Double
    public init(token: Int, weight: Double) {
        self.token = token
        self.weight = weight
    }
}
