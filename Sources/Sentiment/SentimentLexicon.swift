import Foundation
import LoupeCore

/// Polarity and subjectivity of French lemmas, and the words and phrases that shift them.
///
/// Read from the embedded `sentiment.tsv` (`lemma<TAB>polarity<TAB>subjectivity`),
/// `sentiment_modifiers.tsv` (`words<TAB>kind<TAB>value`) and `emoticons.tsv`; sources and licences
/// in `Sources/FrenchData/data/SOURCES-sentiment.md`, the rules in `sentiment_rules.md`.
public struct SentimentLexicon: Sendable {
    public struct Entry: Sendable {
        public var polarity: Double
        public var subjectivity: Double
    }

    /// What a modifier does (see `sentiment_rules.md` §3).
    public enum ModifierKind: String, Sendable {
        case intensifier, attenuator, inverter, negator, negatorAfterNe = "negator_ne", ne, contrast, concessive, conditional
        case phrase, neutral
    }

    /// A modifier or fixed phrase: its words as tokens ("n'importe quoi" → n' importe quoi).
    public struct Modifier: Sendable {
        public var words: [String]
        public var kind: ModifierKind
        public var value: Double
    }

    public private(set) var entries: [String: Entry] = [:]
    /// Modifiers by their first word, longest first, numbered (``modifierID(_:)``): a word's number fits
    /// in a memo of word facts, where an array would be reference-counted at every lookup.
    public private(set) var modifierLists: [[Modifier]] = []
    private var modifierIDs: [String: Int32] = [:]

    /// The number of the modifiers starting with `firstWord` in ``modifierLists``, if any.
    public func modifierID(_ firstWord: String) -> Int32? { modifierIDs[firstWord] }
    public private(set) var emoticons: [String: Double] = [:]
    /// Whether some emoticon starts with each byte: most punctuation (, . ») is ruled out before hashing.
    private var emoticonStarts = [Bool](repeating: false, count: 256)

    public static let shared = SentimentLexicon()

    public init() {
        if let bytes = EmbeddedResource.bytes("sentiment.tsv") {
            for row in TabTable(bytes: bytes).allRows() where row.count >= 3 {
                guard let p = Double(row[1]), let s = Double(row[2]) else { continue }
                entries[String(row[0])] = Entry(polarity: p, subjectivity: s)
            }
        }
        if let bytes = EmbeddedResource.bytes("sentiment_modifiers.tsv") {
            for row in TabTable(bytes: bytes).allRows() where row.count >= 3 {
                guard let kind = ModifierKind(rawValue: String(row[1])), let value = Double(row[2]) else { continue }
                add(Modifier(words: Self.words(of: String(row[0])), kind: kind, value: value))
            }
        }
        if let bytes = EmbeddedResource.bytes("emoticons.tsv") {
            for row in TabTable(bytes: bytes).allRows() where row.count >= 2 {
                if let v = Double(row[1]) { emoticons[String(row[0])] = v }
            }
        }
        emoticonStarts = Self.firstBytes(of: emoticons.keys)
    }

    /// Whether `text` may be an emoticon (its first byte starts one); ``emoticons`` tells.
    public func mayBeEmoticon(_ text: String) -> Bool {
        guard let b = text.utf8.first else { return false }
        return emoticonStarts[Int(b)]
    }

    private static func firstBytes(of keys: Dictionary<String, Double>.Keys) -> [Bool] {
        var starts = [Bool](repeating: false, count: 256)
        for k in keys { if let b = k.utf8.first { starts[Int(b)] = true } }
        return starts
    }

    /// For tests and users who bring their own words.
    public init(entries: [String: Entry], modifiers: [Modifier] = []) {
        self.entries = entries
        for m in modifiers { add(m) }
    }

    private mutating func add(_ m: Modifier) {
        guard let first = m.words.first else { return }
        let id: Int
        if let known = modifierIDs[first] {
            id = Int(known)
        } else {
            id = modifierLists.count
            modifierIDs[first] = Int32(id)
            modifierLists.append([])
        }
        modifierLists[id].append(m)
        modifierLists[id].sort { $0.words.count > $1.words.count }
    }

    /// Splits a phrase as the tokeniser would: spaces, and after an elision apostrophe.
    static func words(of phrase: String) -> [String] {
        var out: [String] = []
        for part in phrase.split(separator: " ") {
            var p = Substring(part)
            if let a = p.firstIndex(of: "'"), p.index(after: a) < p.endIndex, p.distance(from: p.startIndex, to: a) <= 6 {
                out.append(String(p[...a]))
                p = p[p.index(after: a)...]
            }
            out.append(String(p))
        }
        return out
    }

    public func entry(_ lemma: String) -> Entry? {
        if let e = entries[lemma] { return e }
        if lemma.containsBytes("oe") { return entries[lemma.replacingOccurrences(of: "oe", with: "œ")] }
        return nil
    }
}
