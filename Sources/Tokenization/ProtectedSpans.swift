import LoupeCore

/// Finds the spans that must stay one token whatever ICU says: URLs, e-mail addresses, hashtags and
/// @mentions. Works on the normalised UTF-16 text.
enum ProtectedSpans {
    struct Found {
        var start: Int
        var end: Int
        var kind: TokenKind
    }

    static func find(in u: [UInt16]) -> [Found] {
        var found: [Found] = []
        var i = 0
        let n = u.count
        while i < n {
            let c = u[i]
            let atStart = i == 0 || isOpening(u[i - 1])
            if atStart && (c == 0x68 || c == 0x48 || c == 0x77 || c == 0x57), let end = url(u, i) {
                found.append(Found(start: i, end: end, kind: .url))
                i = end
                continue
            }
            if c == 0x40 /* @ */ {
                if i > 0 && isEmailLocal(u[i - 1]), let (s, e) = email(u, i) {
                    if let last = found.last, last.end > s { found.removeLast() }
                    found.append(Found(start: s, end: e, kind: .email))
                    i = e
                    continue
                }
                if atStart && i + 1 < n && isTagChar(u[i + 1]) {
                    var j = i + 1
                    while j < n && isTagChar(u[j]) { j += 1 }
                    found.append(Found(start: i, end: j, kind: .mention))
                    i = j
                    continue
                }
            }
            if c == 0x23 /* # */ && atStart && i + 1 < n && isTagChar(u[i + 1]) && !isDigit(u[i + 1]) {
                var j = i + 1
                while j < n && isTagChar(u[j]) { j += 1 }
                found.append(Found(start: i, end: j, kind: .hashtag))
                i = j
                continue
            }
            i += 1
        }
        return found
    }

    private static func url(_ u: [UInt16], _ i: Int) -> Int? {
        let prefixes = ["https://", "http://", "www."]
        guard let prefix = prefixes.first(where: { hasPrefix(u, i, $0) }) else { return nil }
        var j = i + prefix.utf16.count
        var parens = 0
        while j < u.count {
            let c = u[j]
            if isSpace(c) || c == 0x3C || c == 0x3E || c == 0x22 || c == 0xAB || c == 0xBB { break }
            if c == 0x28 { parens += 1 }
            if c == 0x29 { if parens == 0 { break }; parens -= 1 }
            j += 1
        }
        // Trailing punctuation belongs to the sentence, not the address.
        while j > i, let last = Unicode.Scalar(u[j - 1]), ".,;:!?'".unicodeScalars.contains(last) { j -= 1 }
        return j - i > prefix.utf16.count + 1 ? j : nil
    }

    private static func email(_ u: [UInt16], _ at: Int) -> (Int, Int)? {
        var s = at
        while s > 0 && isEmailLocal(u[s - 1]) { s -= 1 }
        var e = at + 1
        var dots = 0
        while e < u.count && (isAlnum(u[e]) || u[e] == 0x2E || u[e] == 0x2D) {
            if u[e] == 0x2E { dots += 1 }
            e += 1
        }
        while e > at + 1 && (u[e - 1] == 0x2E || u[e - 1] == 0x2D) {
            if u[e - 1] == 0x2E { dots -= 1 }
            e -= 1
        }
        return dots > 0 && s < at ? (s, e) : nil
    }

    private static func hasPrefix(_ u: [UInt16], _ i: Int, _ p: String) -> Bool {
        var j = i
        for c in p.utf16 {
            guard j < u.count else { return false }
            var x = u[j]
            if x >= 0x41 && x <= 0x5A { x += 32 }
            if x != c { return false }
            j += 1
        }
        return true
    }

    static func isSpace(_ c: UInt16) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0x2028 || c == 0x2029 }
    private static func isOpening(_ c: UInt16) -> Bool { isSpace(c) || c == 0x28 || c == 0x5B || c == 0xAB || c == 0x22 || c == 0x27 || c == 0x3C }
    private static func isDigit(_ c: UInt16) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isAlnum(_ c: UInt16) -> Bool { isDigit(c) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) }
    private static func isEmailLocal(_ c: UInt16) -> Bool { isAlnum(c) || c == 0x2E || c == 0x5F || c == 0x25 || c == 0x2B || c == 0x2D }
    private static func isTagChar(_ c: UInt16) -> Bool {
        if isAlnum(c) || c == 0x5F { return true }
        guard c >= 0xC0 && !(c >= 0xD800 && c <= 0xDFFF), let s = Unicode.Scalar(c) else { return false }
        return s.properties.isAlphabetic
    }
}
