import ICUBridge

/// Accent- and case-insensitive forms, for matching names however they are written
/// (États-Unis, Etats-Unis and ETATS-UNIS all fold to `etats-unis`).
public enum Folding {
    /// Lower-cases, removes diacritics, folds apostrophes to `'` and dashes to `-`, and collapses spaces.
    public static func fold(_ text: String) -> String {
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
        // Most words are already in lower case: check before building a new string.
        var needsWork = false
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x80 { if v >= 0x41 && v <= 0x5A { needsWork = true; break } else { continue } }
            if v < 0x250 { if latinLower[Int(v - 0x80)].unicodeScalars.first != s { needsWork = true; break } else { continue } }
            if s.properties.changesWhenLowercased { needsWork = true; break }
        }
        guard needsWork else { return text }
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
}
