import Keywords
import Storage

/// Each source of the corpus against the rest: what `loupe compare --by source` prints.
public struct SourceComparison: Sendable {
    public struct Source: Sendable {
        /// nil for documents without a source.
        public var name: String?
        public var documents: Int
        public var words: Int
        /// Mean document sentiment.
        public var sentiment: Double?
        /// Canonical entities mentioned in its documents, most mentioned first.
        public var entities: [EntityInDocuments]
        /// Terms over-represented against the whole corpus, G² ≥ 3.84 (p < 0.05), at most `top`.
        public var distinctive: [Keyness]
    }

    public var sources: [Source]

    public init(_ store: Store, top: Int) throws {
        let corpusCounts = try store.termCounts(DocumentFilter())
        let all = try store.documentInfos()
        sources = try store.sources().map { source, _ in
            let docs = all.filter { $0.source == source }
            let filter = DocumentFilter(documents: docs.map(\.name))
            return Source(name: source, documents: docs.count, words: docs.map(\.words).reduce(0, +),
                          sentiment: docs.isEmpty ? nil : docs.map(\.sentiment).reduce(0, +) / Double(docs.count),
                          entities: try store.entities(in: filter),
                          distinctive: Array(Keyness.rank(targetCounts: try store.termCounts(filter), corpusCounts: corpusCounts)
                              .filter { $0.logLikelihood >= 3.84 }.prefix(top)))
        }
    }
}
