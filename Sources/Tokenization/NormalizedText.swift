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
        // Written through pointers into buffers sized for the usual worst case (every scalar kept,
        // astral ones as two units; they grow if composing a mark ever lengthens the text): appending
        // to three arrays checked capacity and uniqueness three times a character.
        var capacity = 0
        for s in scalars { capacity += s.value < 0x10000 ? 1 : 2 }
        var out = Output(capacity: capacity)
        defer { out.deallocate() }
        var i = 0
        var lastBase = -1  // index in the output where the last base character's units start
        while i < scalars.count {
            let s = scalars[i]
            let v = s.value
            if v >= 0x300 && s.properties.canonicalCombiningClass != .notReordered && lastBase >= 0 {
                // A combining mark: recompose it with its base and any marks that follow.
                var j = i
                while j < scalars.count && scalars[j].value >= 0x300
                        && scalars[j].properties.canonicalCombiningClass != .notReordered { j += 1 }
                let baseOrigin = Int(out.starts[lastBase])
                let composed = Folding.composed(scalars[baseOrigin..<j])
                out.count = lastBase
                // Keep the alignment monotonic: the first output character takes what was composed into
                // it, any others map one to one onto the last original characters.
                let m = composed.count
                for (k, c) in composed.enumerated() {
                    if m == j - baseOrigin { out.emit(c, from: baseOrigin + k, to: baseOrigin + k + 1) }
                    else if k == 0 { out.emit(c, from: baseOrigin, to: j - (m - 1)) }
                    else { out.emit(c, from: j - (m - k), to: j - (m - k) + 1) }
                }
                i = j
                continue
            }
            lastBase = out.count
            switch v {
            case 0x2019, 0x2018, 0x02BC, 0x00B4, 0x2032:
                out.emit("'", from: i, to: i + 1)
            case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
                out.emit(" ", from: i, to: i + 1)
            case 0x2010, 0x2011:
                out.emit("-", from: i, to: i + 1)
            case 0x200D where Self.isEmojiJoiner(scalars, at: i):
                out.emit(s, from: i, to: i + 1)
            case 0x200B, 0x200C, 0x200D, 0xFEFF, 0x00AD, 0x2060:
                lastBase = -1
            default:
                out.emit(s, from: i, to: i + 1)
            }
            i += 1
        }
        utf16 = Array(UnsafeBufferPointer(start: out.units, count: out.count))
        originStart = Array(UnsafeBufferPointer(start: out.starts, count: out.count))
        originEnd = Array(UnsafeBufferPointer(start: out.ends, count: out.count))
    }

    /// The normalised units and their origins as they are written.
    private struct Output {
        var units: UnsafeMutablePointer<UInt16>
        var starts: UnsafeMutablePointer<Int32>
        var ends: UnsafeMutablePointer<Int32>
        var count = 0
        var capacity: Int

        init(capacity: Int) {
            self.capacity = max(2, capacity)
            units = .allocate(capacity: self.capacity)
            starts = .allocate(capacity: self.capacity)
            ends = .allocate(capacity: self.capacity)
        }

        func deallocate() {
            units.deallocate()
            starts.deallocate()
            ends.deallocate()
        }

        /// Doubles the buffers (only when a composition is longer than what it replaced).
        mutating func grow() {
            func moved<T>(_ old: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
                let new = UnsafeMutablePointer<T>.allocate(capacity: capacity * 2)
                new.moveInitialize(from: old, count: count)
                old.deallocate()
                return new
            }
            units = moved(units)
            starts = moved(starts)
            ends = moved(ends)
            capacity *= 2
        }

        @inline(__always) mutating func emit(_ s: Unicode.Scalar, from start: Int, to end: Int) {
            if count + 2 > capacity { grow() }
            if s.value < 0x10000 {
                units[count] = UInt16(s.value)
                starts[count] = Int32(start)
                ends[count] = Int32(end)
                count += 1
                return
            }
            for unit in UTF16.encode(s)! {
                units[count] = unit
                starts[count] = Int32(start)
                ends[count] = Int32(end)
                count += 1
            }
        }
    }

    private static let joiner: UInt32 = 0x200D

    /// ZWJ inside an emoji sequence (👩‍💻) must stay.
    private static func isEmojiJoiner(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        scalars[i].value == Self.joiner && i > 0 && scalars[i - 1].properties.isEmoji
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
