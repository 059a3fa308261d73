import LoupeCore

/// How often each keyword term (lower-cased content lemma) occurs in ordinary French: the reference a
/// corpus is compared with to find what characterises it (``Keyness/rank(corpusCounts:reference:minimum:)``).
///
/// Built by `tools/french-data/build_reference_frequencies.py`, which counts terms with Loupe itself over
/// French Wikinews 2016–2017 and as many words of public-domain novels (`SOURCES-reference.md`), so the
/// reference and a corpus are counted the same way. Terms seen once there are not listed (they count 0);
/// `total` includes them.
public struct ReferenceFrequencies: Sendable {
    public let counts: [String: Int]
    /// All term occurrences of the reference, the listed ones and those seen once.
    public let total: Int

    public init(counts: [String: Int], total: Int? = nil) {
        self.counts = counts
        self.total = total ?? counts.values.reduce(0, +)
    }

    /// The reference compiled into the binary (`reference-frequencies.tsv`); empty if the build has none.
    public static let french: ReferenceFrequencies = {
        guard let text = EmbeddedResource.text("reference-frequencies.tsv") else { return ReferenceFrequencies(counts: [:]) }
        var counts: [String: Int] = [:]
        var total: Int?
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let n = Int(fields[1]) else { continue }
            if fields[0] == "#total" { total = n } else if !line.hasPrefix("#") { counts[String(fields[0])] = n }
        }
        return ReferenceFrequencies(counts: counts, total: total)
    }()

    public var isEmpty: Bool { counts.isEmpty }
}
