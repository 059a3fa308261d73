import Storage

/// A sparse vector of TF-IDF weights by term (the `weight` column of the `keywords` table).
public typealias TermVector = [String: Double]

/// Document similarity: cosine of TF-IDF keyword vectors.
public enum Similarity {
    /// Cosine similarity of two sparse vectors, in [0, 1] for non-negative weights; 0 when either is empty.
    public static func cosine(_ a: TermVector, _ b: TermVector) -> Double {
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        var dot = 0.0
        for (term, w) in small { if let v = large[term] { dot += w * v } }
        let na = a.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let nb = b.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return na > 0 && nb > 0 ? dot / (na * nb) : 0
    }

    /// The `top` documents nearest to `name`, most similar first (ties: by name).
    public static func nearest(to name: String, in store: Store, top: Int) throws -> [(document: DocumentInfo, similarity: Double)] {
        let vectors = try store.tfidfVectors()
        let target = vectors[name] ?? [:]
        return try store.documentInfos().filter { $0.name != name }
            .map { (document: $0, similarity: cosine(target, vectors[$0.name] ?? [:])) }
            .sorted { ($0.similarity, $1.document.name) > ($1.similarity, $0.document.name) }
            .prefix(top).map { $0 }
    }
}
