import LoupeCore

/// The text the tokeniser works on, with an alignment back to the original.
///
/// Like Hugging Face's `NormalizedString`, every edit goes through one place that records, for each
/// UTF-16 unit of the normalised text, the original scalar offsets it came from. Edits: NFC for
/// decomposed accents, typographic apostrophes to `'`, no-break and thin spaces to a space, Unicode
/// hyphens to `-`, zero-width characters and soft hyphens removed.
public struct NormalizedText: Sendable {
    /// Normalised text, UTF-16, as ICU wants it.
    public private(set) var utf16: [UInt16] = []
    /// For each unit of `utf16`, the original scalar offset where its source starts…
    public private(set) var originStart: [Int32] = []
    /// …and where its source ends.
    public private(set) var originEnd: [Int32] = []
    /// Number of scalars in the original text.
    public let originalLength: Int

    public init(_ scalars: [Unicode.Scalar]) {
        originalLength = scalars.count
        utf16.reserveCapacity(scalars.count + scalars.count / 16)
        originStart.reserveCapacity(scalars.count)
        originEnd.reserveCapacity(scalars.count)
        var i = 0
        var lastBase = -1  // index in utf16 where the last base character's units start
        while i < scalars.count {
            let s = scalars[i]
            let v = s.value
            if v >= 0x300 && s.properties.canonicalCombiningClass != .notReordered && lastBase >= 0 {
                // A combining mark: recompose it with its base and any marks that follow.
                var j = i
                while j < scalars.count && scalars[j].value >= 0x300
                        && scalars[j].properties.canonicalCombiningClass != .notReordered { j += 1 }
                let baseOrigin = Int(originStart[lastBase])
                let composed = Folding.composed(scalars[baseOrigin..<j])
                utf16.removeSubrange(lastBase...)
                originStart.removeSubrange(lastBase...)
                originEnd.removeSubrange(lastBase...)
                // Keep the alignment monotonic: the first output character takes what was composed into
                // it, any others map one to one onto the last original characters.
                let m = composed.count
                for (k, c) in composed.enumerated() {
                    if m == j - baseOrigin { emit(c, from: baseOrigin + k, to: baseOrigin + k + 1) }
                    else if k == 0 { emit(c, from: baseOrigin, to: j - (m - 1)) }
                    else { emit(c, from: j - (m - k), to: j - (m - k) + 1) }
                }
                i = j
                continue
            }
            lastBase = utf16.count
            switch v {
            case 0x2019, 0x2018, 0x02BC, 0x00B4, 0x2032:
                emit("'", from: i, to: i + 1)
            case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
                emit(" ", from: i, to: i + 1)
            case 0x2010, 0x2011:
                emit("-", from: i, to: i + 1)
            case 0x200D where isEmojiJoiner(scalars, at: i):
                emit(s, from: i, to: i + 1)
            case 0x200B, 0x200C, 0x200D, 0xFEFF, 0x00AD, 0x2060:
                lastBase = -1
            default:
                emit(s, from: i, to: i + 1)
            }
            i += 1
        }
    }

    private static let joiner: UInt32 = 0x200D

    /// ZWJ inside an emoji sequence (👩‍💻) must stay.
    private func isEmojiJoiner(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        scalars[i].value == Self.joiner && i > 0 && scalars[i - 1].properties.isEmoji
    }

    @inline(__always) private mutating func emit(_ s: Unicode.Scalar, from start: Int, to end: Int) {
        if s.value < 0x10000 {
            utf16.append(UInt16(s.value))
            originStart.append(Int32(start))
            originEnd.append(Int32(end))
            return
        }
        for unit in UTF16.encode(s)! {
            utf16.append(unit)
            originStart.append(Int32(start))
            originEnd.append(Int32(end))
        }
    }

    /// The original span of the normalised UTF-16 range `[from, to)`.
    public func originalSpan(_ from: Int, _ to: Int) -> Span {
        Span(Int(originStart[from]), Int(originEnd[to - 1]))
    }

    /// The normalised text of a UTF-16 range.
    public func string(_ from: Int, _ to: Int) -> String {
        String(utf16Units: utf16[from..<to])
    }
}
