import LoupeCore
import Storage

/// The stored source that `name` designates: the exact name, else the one equal to it ignoring case and
/// accents; otherwise a failure that names the closest sources the database knows.
func resolveSource(_ store: Store, _ name: String, _ db: String) throws -> String {
    let known = try store.sources().compactMap(\.source)
    if known.contains(name) { return name }
    let folded = Folding.fold(name)
    let same = known.filter { Folding.fold($0) == folded }
    if same.count == 1 { return same[0] }
    if known.isEmpty { throw failure("no source \"\(name)\" in \(db): no document there has a source (JSONL \"source\").") }
    let near = closest(name, among: known)
    throw failure("no source \"\(name)\" in \(db). Closest: \(near.map { "\"\($0)\"" }.joined(separator: ", ")).")
}

/// Up to `limit` names nearest to `query` (folded edit distance; names containing the query first).
func closest(_ query: String, among names: [String], limit: Int = 3) -> [String] {
    let q = Array(Folding.fold(query).unicodeScalars)
    func distance(_ name: String) -> Int {
        let n = Array(Folding.fold(name).unicodeScalars)
        if n.isEmpty || q.isEmpty { return max(n.count, q.count) }
        var previous = Array(0...n.count)
        for i in 1...q.count {
            var current = [i] + [Int](repeating: 0, count: n.count)
            for j in 1...n.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (q[i - 1] == n[j - 1] ? 0 : 1))
            }
            previous = current
        }
        let contains = String(String.UnicodeScalarView(n)).contains(String(String.UnicodeScalarView(q)))
        return contains ? 0 : previous[n.count]
    }
    return names.map { ($0, distance($0)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(limit).map(\.0)
}
