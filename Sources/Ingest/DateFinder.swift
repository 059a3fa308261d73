import Foundation

/// Finds and normalises dates to ISO 8601 (`YYYY-MM-DD`, or `YYYY-MM` when the day is unknown).
public enum DateFinder {
    static let months = [
        "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
        "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    ]

    /// The first date written in the first few thousand characters of a text.
    public static func find(in text: String) -> String? {
        // 4,000 Unicode scalars: cutting at 4,000 Characters walked grapheme clusters, 1 % of an analysis.
        var text = text
        return text.withUTF8 { bytes in
            var scalars = 0, end = bytes.count
            for (k, b) in bytes.enumerated() where b & 0xC0 != 0x80 {  // a scalar starts on each non-continuation byte
                if scalars == 4000 { end = k; break }
                scalars += 1
            }
            return find(inHead: String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self))
        }
    }

    private static func find(inHead head: String) -> String? {
        // Both patterns need a year of four digits, the second one "dddd-dd-dd": regular expressions
        // on Linux cost ~1 M instructions per head, so they run only where they may match.
        let (hasYear, hasISO) = yearShapes(head)
        guard hasYear else { return nil }
        var best: (Range<String.Index>, String)?
        if let r = head.range(of: #"\b(1er|[0-3]?[0-9])\s+(janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)\s+(1[5-9][0-9]{2}|20[0-9]{2})\b"#,
                              options: [.regularExpression, .caseInsensitive]) {
            if let iso = normalize(String(head[r])) { best = (r, iso) }
        }
        if hasISO, let r = head.range(of: #"\b(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]\b"#, options: .regularExpression),
           best == nil || r.lowerBound < best!.0.lowerBound {
            if let iso = normalize(String(head[r])) { best = (r, iso) }
        }
        return best?.1
    }

    /// Whether `text` has a run of four ASCII digits, and one followed by "-dd-dd".
    static func yearShapes(_ text: String) -> (year: Bool, iso: Bool) {
        let b = Array(text.utf8)
        func digit(_ k: Int) -> Bool { k < b.count && b[k] >= 0x30 && b[k] <= 0x39 }
        var run = 0, year = false
        for k in b.indices {
            run = digit(k) ? run + 1 : 0
            guard run >= 4 else { continue }
            year = true
            let e = k + 1  // "dddd-dd-dd"
            if e < b.count, b[e] == 0x2D, digit(e + 1), digit(e + 2), e + 3 < b.count, b[e + 3] == 0x2D, digit(e + 4), digit(e + 5) {
                return (true, true)
            }
        }
        return (year, false)
    }

    /// A date in a file name such as `2019-05-31-huawei.txt`.
    public static func find(inFileName path: String) -> String? {
        let name = (path as NSString).lastPathComponent
        // The regular expression costs 150,000 instructions a call: only names with "dddd-dd-dd" need it.
        guard yearShapes(name).iso, let r = name.range(of: #"(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]"#, options: .regularExpression) else { return nil }
        return normalize(String(name[r]))
    }

    /// "31 mai 2019" → "2019-05-31"; "2018-01-02T10:00:00Z" → "2018-01-02"; "02/01/2018" → "2018-01-02";
    /// "2019-05" and "mai 2019" → "2019-05"; "2019" → "2019". Nil for anything else, and for dates that do not
    /// exist ("2019-13", "31 février 2019").
    public static func normalize(_ raw: String) -> String? {
        // Line ends too: the regular expressions' `$` also matches before a final line end.
        let s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.range(of: #"^(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]"#, options: .regularExpression) != nil {
            // The digits by byte: as Characters, a combining mark after the day joins it ("31\u{301}").
            let b = Array(s.utf8.prefix(10))
            func number(_ r: Range<Int>) -> Int { b[r].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
            // What follows the day may be a time ("T10:00") but not another digit ("2019-05-311").
            if let next = s.utf8.dropFirst(10).first, next >= 0x30 && next <= 0x39 { return nil }
            return valid(number(0..<4), number(5..<7), number(8..<10))
        }
        if s.range(of: #"^(19|20)[0-9]{2}-[01][0-9]$"#, options: .regularExpression) != nil {
            let b = Array(s.utf8)
            let month = Int(b[5] - 0x30) * 10 + Int(b[6] - 0x30)
            return (1...12).contains(month) ? s : nil
        }
        if s.range(of: #"^(1[5-9]|20)[0-9]{2}$"#, options: .regularExpression) != nil { return s }
        if s.range(of: #"^[0-3]?[0-9]/[01]?[0-9]/(19|20)[0-9]{2}$"#, options: .regularExpression) != nil {
            let p = s.split(separator: "/").compactMap { Int($0) }
            guard p.count == 3 else { return nil }
            return valid(p[2], p[1], p[0])
        }
        let words = s.lowercased().split(whereSeparator: { $0.isWhitespace })
        if words.count == 3, let month = months[String(words[1])], let year = Int(words[2]) {
            let day = words[0] == "1er" ? 1 : Int(words[0]) ?? 0
            return valid(year, month, day)
        }
        if words.count == 2, let month = months[String(words[0])], let year = Int(words[1]), (1000...2999).contains(year) {
            return String(format: "%04d-%02d", year, month)
        }
        return nil
    }

    private static func valid(_ y: Int, _ m: Int, _ d: Int) -> String? {
        guard (1...12).contains(m), (1000...2999).contains(y) else { return nil }
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        guard (1...days).contains(d) else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }
}
