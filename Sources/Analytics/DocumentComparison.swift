import Keywords
import Storage

/// Two documents side by side: what `loupe compare DOC_A DOC_B` prints.
public struct DocumentComparison: Sendable {
    public var a: DocumentInfo
    public var b: DocumentInfo
    /// Cosine of their TF-IDF keyword vectors.
    public var similarity: Double
    /// Entities both name, as seen in A and in B, most mentioned (A + B) first.
    public var sharedEntities: [(a: EntityInDocuments, b: EntityInDocuments)]
    public var onlyInA: [EntityInDocuments]
    public var onlyInB: [EntityInDocuments]
    /// Keyword (lemma) counts on each side.
    public var termsA: [String: Int]
    public var termsB: [String: Int]
    /// Terms on both sides, by the smaller of their two TF-IDF weights.
    public var sharedTerms: [String]
    /// |shared| / |union| of the two keyword sets.
    public var jaccard: Double
    /// Each side's terms against the other, log-likelihood G² > 0, at most `top`.
    public var distinctiveA: [Keyness]
    public var distinctiveB: [Keyness]

    /// Compares the stored documents named `a` and `b`; nil if either is missing.
    public init?(_ a: String, _ b: String, in store: Store, top: Int) throws {
        let infos = try store.documentInfos(DocumentFilter(documents: [a, b]))
        guard let da = infos.first(where: { $0.name == a }), let db = infos.first(where: { $0.name == b }) else { return nil }
        self.a = da
        self.b = db
        let vectors = try store.tfidfVectors()
        let va = vectors[a] ?? [:], vb = vectors[b] ?? [:]
        similarity = Similarity.cosine(va, vb)

        let ea = try store.entities(in: DocumentFilter(documents: [a]))
        let eb = try store.entities(in: DocumentFilter(documents: [b]))
        let byNameB = Dictionary(eb.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        let namesA = Set(ea.map(\.name))
        sharedEntities = ea.compactMap { e in byNameB[e.name].map { (a: e, b: $0) } }
            .sorted { ($0.a.mentions + $0.b.mentions, $1.a.name) > ($1.a.mentions + $1.b.mentions, $0.a.name) }
        onlyInA = ea.filter { byNameB[$0.name] == nil }
        onlyInB = eb.filter { !namesA.contains($0.name) }

        termsA = try store.termCounts(DocumentFilter(documents: [a]))
        termsB = try store.termCounts(DocumentFilter(documents: [b]))
        let common = Set(termsA.keys).intersection(termsB.keys)
        let union = Set(termsA.keys).union(termsB.keys)
        jaccard = union.isEmpty ? 0 : Double(common.count) / Double(union.count)
        sharedTerms = common.sorted { (min(va[$0] ?? 0, vb[$0] ?? 0), $1) > (min(va[$1] ?? 0, vb[$1] ?? 0), $0) }

        var both = termsA
        for (t, n) in termsB { both[t, default: 0] += n }
        distinctiveA = Array(Keyness.rank(targetCounts: termsA, corpusCounts: both).filter { $0.logLikelihood > 0 }.prefix(top))
        distinctiveB = Array(Keyness.rank(targetCounts: termsB, corpusCounts: both).filter { $0.logLikelihood > 0 }.prefix(top))
    }
}
