import LoupeCore

/// The form → lemma table compiled into the binary (`lemmas.tsv`), read in place: a binary search over
/// sorted lines, plus the set of lemmas it names, so that rules can check that a guess is a real word.
struct LemmaLexicon: Sendable {
    static let shared = LemmaLexicon()

    private let table: TabTable
    /// Hashes of the lemmas' bytes: building 60,000 strings at start-up cost 0.3 G instructions, a
    /// tenth of a second before any document is read; 64-bit hashes of a few hundred thousand words
    /// do not collide in practice.
    private let lemmas: HashMap64<Bool>
    /// Words that never inflect and so are not in the table (ensuite, quatre, décès): `known-words.tsv`.
    private let invariants: Set<String>

    init() {
        if let bytes = EmbeddedResource.bytes("lemmas.tsv") {
            table = TabTable(bytes: bytes)
        } else {
            table = TabTable()
        }
        var lemmas = HashMap64<Bool>()
        lemmas.reserveCapacity(1 << 17)  // a Set re-hashed every key with SipHash: half of start-up
        table.forEachValue { lemmas.insert(FeatureHash.bytes($0)) }
        self.lemmas = lemmas
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

    /// Capitalised words that are also common French words still count as proper nouns mid-sentence
    /// (Union in "Union africaine"); kept as a hook for a frequency cut-off.
    func isCommonWord(_ lower: String) -> Bool { false }
}
