import LoupeCore

/// The form → lemma table compiled into the binary (`lemmas.tsv`), read in place: a binary search over
/// sorted lines, plus the set of lemmas it names, so that rules can check that a guess is a real word.
struct LemmaLexicon: Sendable {
    static let shared = LemmaLexicon()

    private let table: TabTable
    /// Hashes of the lemmas' bytes (``FeatureHash``), sorted: 64-bit hashes of a few hundred thousand
    /// words do not collide in practice. Computed by `embed.py` (`lemma-hashes.bin`) and searched in
    /// place: hashing the table's 330,000 rows at start-up took 110 M instructions before any
    /// document was read.
    private let lemmas: SortedHashes
    /// Words that never inflect and so are not in the table (ensuite, quatre, décès): `known-words.tsv`.
    private let invariants: Set<String>

    init() {
        if let bytes = EmbeddedResource.bytes("lemmas.tsv") {
            var table = TabTable(bytes: bytes)
            table.indexKeys()  // every word the lemma memo misses looks the table up several times
            self.table = table
        } else {
            table = TabTable()
        }
        lemmas = EmbeddedResource.bytes("lemma-hashes.bin").map(SortedHashes.init(bytes:)) ?? SortedHashes(table)
        var invariants = Set<String>()
        if let bytes = EmbeddedResource.bytes("known-words.tsv") {
            for row in TabTable(bytes: bytes).allRows() { invariants.insert(String(row[0])) }
        }
        self.invariants = invariants
    }

    /// True when the word is an ordinary French word: a form or lemma of the table, or an invariant word.
    func isKnown(_ lower: String) -> Bool { isForm(lower) || isLemma(lower) || invariants.contains(lower) }

    func lemma(of lowerForm: String) -> String? {
        table.value(lowerForm)
    }

    /// True when the word is a form of the table.
    func isForm(_ lower: String) -> Bool { table.value(lower) != nil }

    /// True when the word is itself a lemma of the table.
    func isLemma(_ lower: String) -> Bool {
        var lower = lower
        return lemmas.contains(lower.withUTF8 { FeatureHash.bytes($0) })
    }

    /// The lemma hashes computed from the table itself: what `lemma-hashes.bin` must hold (tests).
    func lemmaHashesOfTable() -> [UInt64] { SortedHashes(table).all }
    var embeddedLemmaHashes: [UInt64] { lemmas.all }
}

/// Sorted 64-bit hashes, little-endian, searched in place by bisection.
/// `@unchecked Sendable`: the bytes are the binary's read-only data, never written.
struct SortedHashes: @unchecked Sendable {
    private let bytes: UnsafeRawBufferPointer
    let count: Int

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = UnsafeRawBufferPointer(bytes)
        count = bytes.count / 8
    }

    /// From the table's second column, for a binary built without the generated resource.
    init(_ table: TabTable) {
        var hashes = Set<UInt64>()
        table.forEachValue { hashes.insert(FeatureHash.bytes($0)) }
        let sorted = hashes.sorted()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: sorted.count * 8, alignment: 8)  // kept for the process
        for (i, h) in sorted.enumerated() { buffer.storeBytes(of: h.littleEndian, toByteOffset: i * 8, as: UInt64.self) }
        bytes = UnsafeRawBufferPointer(buffer)
        count = sorted.count
    }

    @inline(__always) private func at(_ i: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
    }

    func contains(_ h: UInt64) -> Bool {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            let v = at(mid)
            if v == h { return true }
            if v < h { low = mid + 1 } else { high = mid }
        }
        return false
    }

    var all: [UInt64] { (0..<count).map(at) }

    /// Capitalised words that are also common French words still count as proper nouns mid-sentence
    /// (Union in "Union africaine"); kept as a hook for a frequency cut-off.
    func isCommonWord(_ lower: String) -> Bool { false }
}
