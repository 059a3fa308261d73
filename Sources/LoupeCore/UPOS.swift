/// A Universal Dependencies part of speech (the 17 UPOS tags), set on each token by the
/// part-of-speech stage; `.none` until it has run (and in rows stored by an older Loupe).
public enum UPOS: UInt8, Sendable, CaseIterable {
    case none = 0
    case ADJ, ADP, ADV, AUX, CCONJ, DET, INTJ, NOUN, NUM, PART, PRON, PROPN, PUNCT, SCONJ, SYM, VERB, X

    /// The 17 tags, in their numeric order (1…17).
    public static let tags: [UPOS] = Array(allCases.dropFirst())

    /// The UD name ("NOUN"), or "" for `.none`.
    public var name: String { self == .none ? "" : Self.names[Int(rawValue)] }

    /// The tag named `name` ("NOUN"), if it is one of the 17.
    public init?(name: String) {
        guard let i = Self.names.firstIndex(of: name), i > 0 else { return nil }
        self.init(rawValue: UInt8(i))
    }

    /// The name as a static string, for writers that must not make a `String` per token.
    public var staticName: StaticString {
        switch self {
        case .none: ""
        case .ADJ: "ADJ"
        case .ADP: "ADP"
        case .ADV: "ADV"
        case .AUX: "AUX"
        case .CCONJ: "CCONJ"
        case .DET: "DET"
        case .INTJ: "INTJ"
        case .NOUN: "NOUN"
        case .NUM: "NUM"
        case .PART: "PART"
        case .PRON: "PRON"
        case .PROPN: "PROPN"
        case .PUNCT: "PUNCT"
        case .SCONJ: "SCONJ"
        case .SYM: "SYM"
        case .VERB: "VERB"
        case .X: "X"
        }
    }

    private static let names = ["", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
                                "PUNCT", "SCONJ", "SYM", "VERB", "X"]
}
