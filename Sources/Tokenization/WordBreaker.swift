import ICUBridge

/// ICU's word-break rules, the first cut of tokenisation: a segment per word, number, punctuation
/// mark or run of spaces. ICU iterators are not thread-safe, so each tokeniser call opens its own.
struct WordBreaker {
    /// A segment of the normalised text with ICU's rule status (0 none, 100 number, 200 letter, 300+ kana/ideo).
    struct Segment {
        var start: Int
        var end: Int
        var status: Int32
    }

    static func segments(of utf16: [UInt16]) -> [Segment] {
        guard !utf16.isEmpty, let breaker = loupe_word_breaker_open() else { return [] }
        defer { loupe_word_breaker_close(breaker) }
        var capacity = Int32(utf16.count + 1)
        var bounds = [Int32](repeating: 0, count: Int(capacity))
        var status = [Int32](repeating: 0, count: Int(capacity))
        var n = loupe_word_breaker_run(breaker, utf16, Int32(utf16.count), &bounds, &status, capacity)
        if n < -1 {
            capacity = -n
            bounds = [Int32](repeating: 0, count: Int(capacity))
            status = [Int32](repeating: 0, count: Int(capacity))
            n = loupe_word_breaker_run(breaker, utf16, Int32(utf16.count), &bounds, &status, capacity)
        }
        guard n > 1 else { return [] }
        var out: [Segment] = []
        out.reserveCapacity(Int(n))
        for i in 1..<Int(n) {
            out.append(Segment(start: Int(bounds[i - 1]), end: Int(bounds[i]), status: status[i]))
        }
        return out
    }
}

/// ICU word breaking alone, for the benchmark's reference figure.
public enum TokenizerBenchmark {
    /// The number of ICU segments of a UTF-16 text.
    public static func breakWords(_ utf16: [UInt16]) -> Int { WordBreaker.segments(of: utf16).count }
}
