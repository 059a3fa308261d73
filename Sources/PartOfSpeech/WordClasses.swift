import LoupeCore

/// The word classes a French form can take, from hunspell-fr's expanded dictionary
/// (`word-classes.tsv`, built by `tools/french-data/build_word_classes.py`), read in place.
///
/// A tagger trained on a treebank of 60,000 words has seen few of the forms it meets in news; the
/// dictionary knows that "portée" is a noun, an adjective or a past participle and never a finite verb,
/// and the tagger learns what each such set of classes (its ambiguity class) tends to be in context.
public struct WordClasses: Sendable {
    public static let shared = WordClasses()

    /// One bit per class letter of the table, in this order.
    public static let letters: [Character] = ["N", "A", "V", "I", "P", "G", "R", "S", "D", "O", "C", "J", "M", "E", "H"]

    private let table: TabTable
    /// Hashes of the forms that have reading lemmas (44,000 of 400,000), sorted: the lemmatiser asks for
    /// every new form, and most have none; a search here stays in the caches, a line of the table does not.
    private let withReadings: [UInt64]

    init() {
        if let bytes = EmbeddedResource.bytes("word-classes.tsv") {
            var table = TabTable(bytes: bytes)
            // Every form the tagger's memo has not met is looked up: bisecting 400,000 lines was 1.5 % of
            // an analysis of novels; indexing them costs ~10 ms once, when the tagger first asks.
            table.indexKeys()
            self.table = table
            withReadings = Self.formsWithReadings(bytes)
        } else {
            table = TabTable()
            withReadings = []
        }
    }

    /// The hashes of the keys of lines with a third field.
    private static func formsWithReadings(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt64] {
        var hashes: [UInt64] = []
        var start = 0
        while start < bytes.count {
            let end = TabTable.lineEnd(bytes, from: start)
            if bytes[start] != UInt8(ascii: "#"), let tab = bytes[start..<end].firstIndex(of: 0x09),
               bytes[(tab + 1)..<end].contains(0x09) {
                hashes.append(FeatureHash.bytes(bytes, start, tab))
            }
            start = end + 1
        }
        return hashes.sorted()
    }

    /// The classes of a lower-cased form as bits (``letters``' order), 0 when the dictionary does not know it.
    public func classes(of lower: String) -> UInt16 {
        guard let value = table.value(lower) else { return 0 }
        return Self.bits(value)
    }

    /// The bit of class H, a person's name.
    public static let personName = bits("H")
    /// The bits of the proper names' classes: H, a person's name; E, any other name (places, companies).
    public static let properNames = bits("HE")
    /// The bits of a noun that is also an adjective (N and A): the words for a people ("russe", "malien").
    public static let nounAndAdjective = bits("NA")

    /// The lemmas of the form's noun, adjective and verb readings that the lemma table does not give it (the
    /// table's third field: "N=compte", "A=grec V=grecquer"), or nil for the many forms without.
    public func readingLemmas(of lower: String) -> (noun: String?, adjective: String?, verb: String?)? {
        var key = lower
        let h = key.withUTF8 { FeatureHash.bytes($0) }
        var lo = 0, hi = withReadings.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if withReadings[mid] < h { lo = mid + 1 } else { hi = mid }
        }
        guard lo < withReadings.count, withReadings[lo] == h, let field = table.value(lower, field: 2) else { return nil }
        var lemmas: (noun: String?, adjective: String?, verb: String?) = (nil, nil, nil)
        for part in field.split(separator: " ") where part.count > 2 && part.dropFirst().first == "=" {
            let lemma = String(part.dropFirst(2))
            switch part.first {
            case "N": lemmas.noun = lemma
            case "A": lemmas.adjective = lemma
            case "V": lemmas.verb = lemma
            default: break
            }
        }
        return lemmas.noun == nil && lemmas.adjective == nil && lemmas.verb == nil ? nil : lemmas
    }

    static func bits(_ letters: String) -> UInt16 {
        var bits: UInt16 = 0
        for c in letters { if let i = Self.letters.firstIndex(of: c) { bits |= 1 << UInt16(i) } }
        return bits
    }
}
