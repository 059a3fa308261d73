import LoupeCore

/// Polarity and subjectivity of French lemmas, with the words that shift them.
///
/// Read from the embedded `sentiment.tsv` (`lemma<TAB>polarity<TAB>subjectivity`); its sources and
/// licences are listed in `Sources/FrenchData/data/SOURCES-sentiment.md`. Modifiers (negators,
/// intensifiers, contrast words) and emoticons come from `sentiment_modifiers.tsv` and `emoticons.tsv`
/// when the build has them, else from the small built-in lists below.
public struct SentimentLexicon: Sendable {
    public struct Entry: Sendable {
        public var polarity: Double
        public var subjectivity: Double
    }

    public private(set) var entries: [String: Entry] = [:]
    public private(set) var intensifiers: [String: Double] = [
        "très": 1.5, "trop": 1.4, "vraiment": 1.4, "tellement": 1.5, "super": 1.5, "extrêmement": 1.8, "hyper": 1.5,
        "vachement": 1.5, "totalement": 1.4, "complètement": 1.4, "absolument": 1.4, "particulièrement": 1.3,
        "si": 1.2, "tout": 1.1, "bien": 1.2, "fort": 1.3, "profondément": 1.5, "grandement": 1.4,
        "plutôt": 0.8, "assez": 0.8, "peu": 0.5, "légèrement": 0.6, "moyennement": 0.6, "presque": 0.7,
    ]
    public private(set) var negators: Set<String> = ["pas", "jamais", "rien", "guère", "point", "sans", "aucun", "aucune", "ni", "non", "personne", "nullement"]
    public private(set) var contrasts: Set<String> = ["mais", "cependant", "pourtant", "toutefois", "néanmoins", "or"]
    public private(set) var emoticons: [String: Double] = [
        ":)": 0.6, ":-)": 0.6, ":D": 0.8, ";)": 0.4, "<3": 0.8, ":(": -0.6, ":-(": -0.6, ":'(": -0.7, ":/": -0.3,
        "😀": 0.7, "😃": 0.7, "😄": 0.7, "😁": 0.7, "😊": 0.7, "😍": 0.9, "🥰": 0.9, "👍": 0.6, "👏": 0.6, "❤": 0.8,
        "❤️": 0.8, "😂": 0.4, "🤣": 0.4, "😢": -0.6, "😭": -0.6, "😡": -0.8, "😠": -0.7, "👎": -0.6, "😞": -0.6,
        "😒": -0.5, "🤮": -0.9, "💩": -0.7,
    ]

    public static let shared = SentimentLexicon()

    public init() {
        if let bytes = EmbeddedResource.bytes("sentiment.tsv") {
            for row in TabTable(bytes: bytes).allRows() where row.count >= 3 {
                guard let p = Double(row[1]), let s = Double(row[2]) else { continue }
                entries[String(row[0])] = Entry(polarity: p, subjectivity: s)
            }
        }
        if let bytes = EmbeddedResource.bytes("sentiment_modifiers.tsv") {
            for row in TabTable(bytes: bytes).allRows() where row.count >= 2 {
                let word = String(row[0])
                switch row[1] {
                case "negator": negators.insert(word)
                case "contrast": contrasts.insert(word)
                case "intensifier", "attenuator": if row.count >= 3, let v = Double(row[2]) { intensifiers[word] = v }
                default: break
                }
            }
        }
        if let bytes = EmbeddedResource.bytes("emoticons.tsv") {
            for row in TabTable(bytes: bytes).allRows() where row.count >= 2 {
                if let v = Double(row[1]) { emoticons[String(row[0])] = v }
            }
        }
    }

    /// For tests and users who bring their own words.
    public init(entries: [String: Entry]) {
        self.entries = entries
    }

    public func entry(_ lemma: String) -> Entry? { entries[lemma] }
}
