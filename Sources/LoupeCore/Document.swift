/// Facts about a document that come with it rather than from analysis.
public struct DocumentMetadata: Sendable, Equatable {
    public var title: String?
    /// ISO 8601 (`2019-05-31`), when known.
    public var date: String?
    public var source: String?
    public var url: String?
    /// Who signed the article, as the page or the JSONL line states it.
    public var author: String?
    /// The text is the article a web page's extractor kept: the page's furniture is already gone, so the
    /// boilerplate stage, made for text scraped with its sidebar, leaves it alone.
    public var isExtractedFromPage = false
    /// So little of a page was kept that the text is not an article: it is not scored for sentiment.
    public var isFragment = false

    public init(title: String? = nil, date: String? = nil, source: String? = nil, url: String? = nil, author: String? = nil) {
        self.title = title
        self.date = date
        self.source = source
        self.url = url
        self.author = author
    }
}

/// One document and every annotation the stages put on it.
///
/// The text is stored exactly as it was decoded from the input; every annotation is a ``Span`` of
/// Unicode scalar offsets into it, so results always point back to the source. Stages fill the
/// arrays in order: tokens, sentences (and boilerplate flags), lemmas, mentions, keywords, sentiment.
public struct Document: Sendable {
    /// The document's name in the corpus: a path relative to the folder analysed, or a JSONL `id`.
    public var id: String
    public let text: String
    /// The text as scalars, for constant-time slicing by span.
    public let scalars: [Unicode.Scalar]
    public var metadata: DocumentMetadata

    public var tokens: [Token] = []
    public var sentences: [Sentence] = []
    public var mentions: [Mention] = []
    public var acronyms: [AcronymDefinition] = []
    public var keywords: [Keyword] = []
    public var keyphrases: [Keyphrase] = []
    /// Polarity in [-1, 1] of the document's non-boilerplate sentences.
    public var sentiment: Double = 0
    public var subjectivity: Double = 0

    /// UTF-8 offset of each scalar (and of the end), so that slicing by span copies bytes.
    @usableFromInline let utf8Offsets: [Int32]

    public init(id: String, text: String, metadata: DocumentMetadata = DocumentMetadata()) {
        self.id = id
        var text = text
        text.makeContiguousUTF8()
        self.text = text
        // Decoded from the bytes into arrays of the largest size they can need (a scalar a byte):
        // appending scalar by scalar from the scalar view cost three times as much.
        let n = text.utf8.count
        var offsets: [Int32] = []
        let scalars = text.withUTF8 { bytes in
            [Unicode.Scalar](unsafeUninitializedCapacity: n) { out, count in
                offsets = [Int32](unsafeUninitializedCapacity: n + 1) { starts, startCount in
                    var i = 0, k = 0
                    while i < n {
                        let (v, width) = UTF8Scalar.decode(bytes, at: i)
                        (out.baseAddress! + k).initialize(to: Unicode.Scalar(v)!)  // a String's bytes are valid UTF-8
                        (starts.baseAddress! + k).initialize(to: Int32(i))
                        k += 1
                        i += width
                    }
                    (starts.baseAddress! + k).initialize(to: Int32(n))
                    startCount = k + 1
                    count = k
                }
            }
        }
        self.scalars = scalars
        self.utf8Offsets = offsets
        self.metadata = metadata
    }

    /// The source characters of `span`.
    public func text(of span: Span) -> String {
        withUTF8(of: span) { String(decoding: $0, as: UTF8.self) }
    }

    /// Where `span` lies in the UTF-8 bytes of `text`: for loops over many spans that take the
    /// text's bytes once (``withUTF8(of:_:)`` does it per span).
    @inlinable public func utf8Range(of span: Span) -> Range<Int> {
        Int(utf8Offsets[span.start])..<Int(utf8Offsets[span.end])
    }

    /// Calls `body` with the UTF-8 bytes of `span` in place: ``text(of:)`` without making a `String`.
    public func withUTF8<R>(of span: Span, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let range = utf8Range(of: span)
        var text = self.text
        return try text.withUTF8 { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Counts of word and number tokens: what "words" means in summaries and throughput figures.
    public var wordCount: Int {
        var n = 0
        for i in tokens.indices where tokens[i].kind == .word || tokens[i].kind == .number { n += 1 }  // no token copied
        return n
    }

    /// The index of the sentence holding token `index` (binary search over sentence ranges).
    public func sentenceIndex(ofToken index: Int) -> Int? {
        var lo = 0, hi = sentences.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = sentences[mid].tokens
            if index < r.lowerBound { hi = mid - 1 } else if index >= r.upperBound { lo = mid + 1 } else { return mid }
        }
        return nil
    }

    /// True when token `index` lies in a sentence flagged as boilerplate.
    public func isBoilerplate(token index: Int) -> Bool {
        guard let s = sentenceIndex(ofToken: index) else { return false }
        return sentences[s].isBoilerplate
    }
}
