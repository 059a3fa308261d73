extension StringProtocol {
    /// Whether the text holds `needle`, compared byte for byte in UTF-8.
    ///
    /// `contains(_:)` with a string argument resolves to Foundation's NSString search, which costs
    /// thousands of instructions per call; on a per-token path that was 12 % of a whole analysis.
    /// Byte comparison is right for the literal ASCII needles this is used with.
    @inlinable
    public func containsBytes(_ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard let first = n.first else { return true }
        let hay = utf8
        var i = hay.startIndex
        while let hit = hay[i...].firstIndex(of: first) {
            if hay[hit...].starts(with: n) { return true }
            i = hay.index(after: hit)
        }
        return false
    }
}

extension String {
    /// `hasSuffix(_:)`, by bytes when it gives the same answer: when both strings are made of scalars
    /// below U+0300 (no combining marks: every scalar is a character, and the text is in NFC) and the
    /// suffix does not start with a line feed (which "\r\n" would hold). Otherwise the standard
    /// library's test, which compares characters from the end and cost ~850 instructions a call on
    /// the lemma rules' path.
    @inlinable
    public func hasSuffixBytes(_ suffix: String) -> Bool {
        var text = self, suffix = suffix
        let quick: Bool? = text.withUTF8 { t in
            suffix.withUTF8 { s -> Bool? in
                if s.count > t.count { return false }
                if let first = s.first, first == 0x0A { return nil }
                for b in t where b >= 0xCC { return nil }  // a scalar from U+0300 on: leave it to the slow test
                for b in s where b >= 0xCC { return nil }
                let start = t.count - s.count
                for k in 0..<s.count where t[start + k] != s[k] { return false }
                return true
            }
        }
        return quick ?? hasSuffix(suffix)
    }
}
