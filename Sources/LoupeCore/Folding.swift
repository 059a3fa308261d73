import ICUBridge

/// Accent- and case-insensitive forms, for matching names however they are written
/// (États-Unis, Etats-Unis and ETATS-UNIS all fold to `etats-unis`).
public enum Folding {
    /// Lower-cases, removes diacritics, folds apostrophes to `'` and dashes to `-`, and collapses spaces.
    public static func fold(_ text: String) -> String {
        latinFast(text, table: latinFoldBytes, fold: true) ?? foldAnyScript(text)
    }

    static func foldAnyScript(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if v == 0x20 || (v >= 0x09 && v <= 0x0D) {
                    if !lastWasSpace { out.append(" ") }
                    lastWasSpace = true
                    continue
                }
                out.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v + 32)! : scalar)
            } else if v < 0x250 {
                // Latin-1 and Latin Extended: a precomputed table (built from ICU's NFD).
                let folded = latinFolds[Int(v - 0x80)]
                if folded == " " {
                    if !lastWasSpace { out.append(" ") }
                    lastWasSpace = true
                    continue
                }
                out.append(contentsOf: folded.unicodeScalars)
            } else {
                switch v {
                case 0x2019, 0x2018, 0x02BC, 0x2032: out.append("'")
                case 0x2010, 0x2011, 0x2012, 0x2013: out.append("-")
                default:
                    if scalar.properties.isWhitespace {
                        if !lastWasSpace { out.append(" ") }
                        lastWasSpace = true
                        continue
                    }
                    for s in decomposed(String(scalar)) where s.properties.generalCategory != .nonspacingMark {
                        out.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
                    }
                }
            }
            lastWasSpace = false
        }
        if out.last == " " { out.removeLast() }
        return String(out)
    }

    /// Folded forms of U+0080…U+024F: base letter in lower case (é → e, Œ → œ), " " for spaces.
    private static let latinFolds: [String] = (0x80..<0x250).map { v -> String in
        let scalar = Unicode.Scalar(UInt32(v))!
        if scalar.properties.isWhitespace { return " " }
        if v == 0xB4 { return "'" }
        var out = ""
        for s in decomposed(String(scalar)) where s.properties.generalCategory != .nonspacingMark {
            out += s.properties.lowercaseMapping
        }
        return out
    }

    /// Lower case without removing accents (for lexicon lookups).
    public static func lower(_ text: String) -> String {
        // Most words are already in lower case: check the bytes before building a new string.
        var text = text
        let needsWork = text.withUTF8 { bytes -> Bool in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {  // ASCII without decoding: most bytes
                    if b >= 0x41 && b <= 0x5A { return true }
                    i += 1
                    continue
                }
                let (v, width) = UTF8Scalar.decode(bytes, at: i)
                if v < 0x250 {
                    if latinChangesWhenLowered[Int(v - 0x80)] { return true }
                } else if Unicode.Scalar(v)!.properties.changesWhenLowercased {
                    return true
                }
                i += width
            }
            return false
        }
        guard needsWork else { return text }
        return latinFast(text, table: latinLowerBytes, fold: false) ?? lowerAnyScript(text)
    }

    static func lowerAnyScript(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x80 { out.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v + 32)! : s) }
            else if v < 0x250 { out.append(contentsOf: latinLower[Int(v - 0x80)].unicodeScalars) }
            else { out.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars) }
        }
        return String(out)
    }

    /// Lower-case forms of U+0080…U+024F.
    private static let latinLower: [String] = (0x80..<0x250).map { Unicode.Scalar(UInt32($0))!.properties.lowercaseMapping }
    /// Whether lower-casing changes each of U+0080…U+024F.
    private static let latinChangesWhenLowered: [Bool] = (0x80..<0x250).map { v in
        latinLower[v - 0x80].unicodeScalars.elementsEqual([Unicode.Scalar(UInt32(v))!]) == false
    }

    /// Canonical decomposition (NFD) through ICU; ASCII text is returned as is.
    public static func decomposed(_ text: String) -> String.UnicodeScalarView {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.unicodeScalars }
        let source = Array(text.utf16)
        var capacity = Int32(source.count * 3 + 8)
        while true {
            var out = [UInt16](repeating: 0, count: Int(capacity))
            let n = loupe_nfd(source, Int32(source.count), &out, capacity)
            if n >= 0 { return String(decoding: out[0..<Int(n)], as: UTF16.self).unicodeScalars }
            if n == Int32.min { return text.unicodeScalars }
            capacity = -n
        }
    }

    /// NFC through ICU.
    public static func composed(_ scalars: some Collection<Unicode.Scalar>) -> [Unicode.Scalar] {
        var source: [UInt16] = []
        for s in scalars { source.append(contentsOf: UTF16.encode(s)!) }
        var capacity = Int32(source.count + 8)
        while true {
            var out = [UInt16](repeating: 0, count: Int(capacity))
            let n = loupe_nfc(source, Int32(source.count), &out, capacity)
            if n >= 0 { return Array(String(decoding: out[0..<Int(n)], as: UTF16.self).unicodeScalars) }
            if n == Int32.min { return Array(scalars) }
            capacity = -n
        }
    }

    // MARK: - Latin fast path

    /// UTF-8 of the folded (`fold`) or lower-cased (`lower`) form of each scalar U+0080…U+024F
    /// (a space in `fold`'s table stands for any white space).
    private static let latinFoldBytes: [[UInt8]] = latinFolds.map { Array($0.utf8) }
    private static let latinLowerBytes: [[UInt8]] = latinLower.map { Array($0.utf8) }
    /// `fold`'s bytes for U+2000…U+206F (dashes, quotes, the ellipsis, spaces as " "), from the general
    /// path: the em dash opening every line of dialogue in fiction went through ICU's NFD each time.
    private static let generalPunctuationFoldBytes: [[UInt8]] = (0x2000..<0x2070).map { v in
        let scalar = Unicode.Scalar(UInt32(v))!
        return scalar.properties.isWhitespace ? [0x20] : Array(foldAnyScript(String(scalar)).utf8)
    }

    /// `fold` or `lower` written straight to UTF-8 for text in Latin scripts (the tables above plus
    /// ASCII, typographic apostrophes and dashes); nil as soon as another script appears, for the
    /// general path. Building a scalar view one scalar at a time was a tenth of an analysis.
    private static func latinFast(_ text: String, table: [[UInt8]], fold: Bool) -> String? {
        var text = text
        return text.withUTF8 { source -> String? in
            // Each scalar of the tables takes at most twice its bytes (İ: 2 → 3); on the stack, so that
            // short results are small strings and nothing is allocated.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: source.count * 2 + 4) { out -> String? in
                var n = 0
                var lastWasSpace = true
                @inline(__always) func space() {
                    if !lastWasSpace { out[n] = 0x20; n += 1 }
                    lastWasSpace = true
                }
                var i = 0
                while i < source.count {
                    let b = source[i]
                    if b < 0x80 {  // ASCII without decoding: most bytes
                        i += 1
                        if fold && (b == 0x20 || (b >= 0x09 && b <= 0x0D)) { space(); continue }
                        out[n] = b >= 0x41 && b <= 0x5A ? b + 32 : b; n += 1
                        lastWasSpace = false
                        continue
                    }
                    let (scalar, width) = UTF8Scalar.decode(source, at: i)
                    let v = Int(scalar)
                    i += width
                    if v < 0x250 {
                        let bytes = table[v - 0x80]
                        if fold && bytes.count == 1 && bytes[0] == 0x20 { space(); continue }
                        for c in bytes { out[n] = c; n += 1 }
                    } else if fold && v == 0x2BC {
                        out[n] = UInt8(ascii: "'"); n += 1
                    } else if fold && v >= 0x2000 && v < 0x2070 {
                        let bytes = generalPunctuationFoldBytes[v - 0x2000]
                        if bytes.count == 1 && bytes[0] == 0x20 { space(); continue }
                        for c in bytes { out[n] = c; n += 1 }
                    } else {
                        return nil
                    }
                    lastWasSpace = false
                }
                if fold && n > 0 && out[n - 1] == 0x20 { n -= 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: out[0..<n]), as: UTF8.self)
            }
        }
    }
}
