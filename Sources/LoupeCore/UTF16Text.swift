extension String {
    /// A string made from UTF-16 units, transcoded to UTF-8 in one pass.
    ///
    /// `String(decoding:as: UTF16.self)` on an array slice takes the standard library's generic slow
    /// path (a parser per scalar); the tokenizer makes one string per token this way, so it mattered
    /// (5 % of an analysis). Lone surrogates become U+FFFD, as with `String(decoding:)`.
    public init(utf16Units u: ArraySlice<UInt16>) {
        let count = u.count
        if count == 0 { self = ""; return }
        // Written to a stack buffer, then made a String: a token of up to 15 bytes is then a small
        // string, copied without reference counting (a String built with capacity over 15 is not).
        self = u.withUnsafeBufferPointer { src in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count * 3) { out -> String in
                var n = 0
                var i = 0
                while i < count {
                    let c = UInt32(src[i])
                    i += 1
                    var scalar = c
                    if c < 0x80 {
                        out[n] = UInt8(c); n += 1; continue
                    }
                    if c & 0xFC00 == 0xD800, i < count, UInt32(src[i]) & 0xFC00 == 0xDC00 {
                        scalar = 0x10000 + ((c - 0xD800) << 10) + (UInt32(src[i]) - 0xDC00)
                        i += 1
                    } else if c & 0xF800 == 0xD800 {
                        scalar = 0xFFFD
                    }
                    if scalar < 0x800 {
                        out[n] = UInt8(0xC0 | (scalar >> 6)); out[n + 1] = UInt8(0x80 | (scalar & 0x3F)); n += 2
                    } else if scalar < 0x10000 {
                        out[n] = UInt8(0xE0 | (scalar >> 12)); out[n + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                        out[n + 2] = UInt8(0x80 | (scalar & 0x3F)); n += 3
                    } else {
                        out[n] = UInt8(0xF0 | (scalar >> 18)); out[n + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
                        out[n + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F)); out[n + 3] = UInt8(0x80 | (scalar & 0x3F)); n += 4
                    }
                }
                return String(decoding: UnsafeBufferPointer(rebasing: out[0..<n]), as: UTF8.self)
            }
        }
    }
}
