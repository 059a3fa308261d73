import LoupeCore

/// BIO tags over the four entity types: 0 = O, 1 + 2k = B-type, 2 + 2k = I-type (k: PER LOC ORG MISC).
public enum NERTags {
    public static let count = 9
    public static let types: [EntityType] = [.PER, .LOC, .ORG, .MISC]

    public static func begin(_ t: EntityType) -> UInt8 { UInt8(1 + 2 * types.firstIndex(of: t)!) }
    public static func inside(_ t: EntityType) -> UInt8 { UInt8(2 + 2 * types.firstIndex(of: t)!) }
    public static func type(_ tag: UInt8) -> EntityType? { tag == 0 ? nil : types[Int(tag - 1) / 2] }
    static func isBegin(_ tag: UInt8) -> Bool { tag != 0 && tag % 2 == 1 }

    /// Whether `tag` may follow `previous` (nil: sentence start): I-X only after B-X or I-X.
    static func allowed(_ previous: UInt8?, _ tag: UInt8) -> Bool {
        guard tag != 0 && tag % 2 == 0 else { return true }
        guard let p = previous, p != 0 else { return false }
        return (p - 1) / 2 == (tag - 1) / 2
    }

    /// Spans (token ranges relative to the sequence) and types of a tag sequence.
    public static func spans(_ tags: [UInt8]) -> [(range: Range<Int>, type: EntityType)] {
        var out: [(range: Range<Int>, type: EntityType)] = []  // labelled as returned: an unlabelled array was cast element by element
        var i = 0
        while i < tags.count {
            guard let type = type(tags[i]) else { i += 1; continue }
            var end = i + 1
            while end < tags.count && tags[end] == inside(type) { end += 1 }
            out.append((i..<end, type))
            i = end
        }
        return out
    }
}
