import Foundation
import ICUBridge

/// Decodes bytes read from a file into text.
///
/// UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are read as they are.
/// Bytes that are not UTF-8 but read as Windows-1252 (the usual encoding of older French files) are
/// decoded as such, with a warning. Empty input, binary data (NUL bytes or many control characters)
/// and anything else fail with a reason the user can act on.
public enum TextDecoding {
    public struct Decoded: Sendable {
        public var text: String
        public var warning: String?
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case empty
        case binary
        case undecodable

        public var description: String {
            switch self {
            case .empty: return "empty file: nothing to analyse"
            case .binary: return "binary data, not text (NUL or control bytes): is this the right file?"
            case .undecodable: return "not valid UTF-8, UTF-16 or Windows-1252 text: convert it to UTF-8 first (e.g. iconv -f ENCODING -t UTF-8)"
            }
        }
    }

    public static func decode(_ data: [UInt8]) throws -> Decoded {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { return try utf8(Array(data.dropFirst(3))) }
        if data.starts(with: [0xFF, 0xFE]) { return try utf16(Array(data.dropFirst(2)), littleEndian: true) }
        if data.starts(with: [0xFE, 0xFF]) { return try utf16(Array(data.dropFirst(2)), littleEndian: false) }
        if data.prefix(8192).contains(0) { throw Failure.binary }
        return try utf8(data)
    }

    /// HTML: the byte-order mark, else the page's `<meta charset>` (or `http-equiv` content type, or an XML
    /// declaration's `encoding`), else the content. Every charset ICU has a converter for is honoured
    /// (ISO-8859-2, windows-1250, KOI8-R, Shift_JIS…); ISO-8859-1 and ASCII are read as Windows-1252, as
    /// browsers do. A page declared in an 8-bit charset whose bytes are valid UTF-8 with accented letters
    /// is read as UTF-8 (a wrong declaration is commoner than such a coincidence). A few bad bytes in a
    /// UTF-8 page become U+FFFD with a warning instead of refusing the page.
    public static func decodeHTML(_ data: [UInt8]) throws -> Decoded {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) || data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) { return try decode(data) }
        guard let name = declaredCharset(data) else { return try lenient(data) }
        let utf8Names: Set<String> = ["utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8"]
        if utf8Names.contains(name) { return try lenient(data) }
        if data.prefix(8192).contains(0), !name.hasPrefix("utf-16") { throw Failure.binary }
        let stats = UTF8Stats(data)
        if stats.invalid == 0 && stats.multibyte > 0 { return try decode(data) }
        let latin: Set<String> = ["windows-1252", "cp1252", "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "ansi_x3.4-1968", "x-cp1252"]
        if latin.contains(name), let text = windows1252(data) {
            try check(text)
            return Decoded(text: text, warning: nil)
        }
        let icuName = latin.contains(name) ? "windows-1252" : name
        guard let (text, replaced) = convert(data, charset: icuName) else {
            var decoded = try decode(data)
            decoded.warning = "unknown charset \"\(name)\" in the page; " + (decoded.warning ?? "read as UTF-8")
            return decoded
        }
        try check(text)
        return Decoded(text: text, warning: replaced > 0 ? "\(replaced) byte\(replaced == 1 ? "" : "s") not defined in \(name) replaced with U+FFFD" : nil)
    }

    /// A page is never refused for its bytes: when they are neither UTF-8 with a few faults nor Windows-1252,
    /// they are read as UTF-8 with U+FFFD for each bad sequence, and a warning.
    private static func lenient(_ data: [UInt8]) throws -> Decoded {
        do {
            return try decode(data)
        } catch Failure.undecodable {
            let text = String(decoding: data, as: UTF8.self)
            try check(text)
            let n = UTF8Stats(data).invalid
            return Decoded(text: text, warning: "neither UTF-8 nor Windows-1252: read as UTF-8 with \(n) bad byte sequence\(n == 1 ? "" : "s") replaced with U+FFFD")
        }
    }

    /// The charset a page declares in its first 4 KiB, lower-cased, or nil.
    static func declaredCharset(_ data: [UInt8]) -> String? {
        let head = String(decoding: data.prefix(4096), as: UTF8.self).lowercased()
        var search = head.startIndex..<head.endIndex
        while let r = head.range(of: "charset", range: search) {
            search = r.upperBound..<head.endIndex
            var rest = head[r.upperBound...].drop(while: { $0 == " " })
            guard rest.first == "=" else { continue }
            rest = rest.dropFirst().drop(while: { $0 == "\"" || $0 == "'" || $0 == " " })
            let name = rest.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" || $0 == ".") })
            if !name.isEmpty { return String(name) }
        }
        if head.hasPrefix("<?xml"), let r = head.range(of: "encoding=") {
            let name = head[r.upperBound...].drop(while: { $0 == "\"" || $0 == "'" }).prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            if !name.isEmpty { return String(name) }
        }
        return nil
    }

    /// `data` in `charset` through ICU's converters, with the number of bytes replaced by U+FFFD; nil when ICU does not know it.
    static func convert(_ data: [UInt8], charset: String) -> (String, Int)? {
        guard loupe_charset_known(charset) == 1 else { return nil }
        let capacity = 3 * data.count + 4
        var replaced: Int32 = 0
        var out = [UInt8](repeating: 0, count: capacity)
        let n = data.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                loupe_convert_to_utf8(charset, src.baseAddress, Int32(src.count), dst.baseAddress, Int32(capacity), &replaced)
            }
        }
        guard n >= 0 else { return nil }
        return (String(decoding: out[..<Int(n)], as: UTF8.self), Int(replaced))
    }

    /// Counts of valid multi-byte sequences and of invalid ones in bytes read as UTF-8.
    struct UTF8Stats {
        var multibyte = 0
        var invalid = 0

        init(_ b: [UInt8]) {
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                let need: Int
                switch c {
                case 0xC2...0xDF: need = 1
                case 0xE0...0xEF: need = 2
                case 0xF0...0xF4: need = 3
                default: invalid += 1; i += 1; continue
                }
                var k = 1
                while k <= need, i + k < n, b[i + k] & 0xC0 == 0x80 { k += 1 }
                if k == need + 1 {
                    // Overlong and surrogate forms are invalid too.
                    let second = b[i + 1]
                    if (c == 0xE0 && second < 0xA0) || (c == 0xED && second > 0x9F) || (c == 0xF0 && second < 0x90) || (c == 0xF4 && second > 0x8F) {
                        invalid += 1; i += 1; continue
                    }
                    multibyte += 1; i += k
                } else {
                    invalid += 1; i += k
                }
            }
        }
    }

    private static func utf8(_ data: [UInt8]) throws -> Decoded {
        if let text = String(validating: data, as: UTF8.self) {
            try check(text)
            return Decoded(text: text, warning: nil)
        }
        // UTF-8 with a few bad bytes (a truncated character, one stray byte): read as UTF-8 with U+FFFD in
        // their place rather than as Windows-1252, which would garble every accented letter of the text.
        let stats = UTF8Stats(data)
        if stats.multibyte > 0 && stats.invalid <= 3 + stats.multibyte / 20 && stats.invalid <= stats.multibyte {
            let text = String(decoding: data, as: UTF8.self)
            try check(text)
            let n = stats.invalid
            return Decoded(text: text, warning: "\(n) invalid UTF-8 byte sequence\(n == 1 ? "" : "s") replaced with U+FFFD")
        }
        if let text = windows1252(data) {
            try check(text)
            return Decoded(text: text, warning: "not UTF-8; decoded as Windows-1252 (stored as UTF-8)")
        }
        throw Failure.undecodable
    }

    private static func utf16(_ data: [UInt8], littleEndian: Bool) throws -> Decoded {
        guard data.count % 2 == 0 else { throw Failure.undecodable }
        var units: [UInt16] = []
        units.reserveCapacity(data.count / 2)
        var i = 0
        while i < data.count {
            units.append(littleEndian ? UInt16(data[i]) | UInt16(data[i + 1]) << 8 : UInt16(data[i]) << 8 | UInt16(data[i + 1]))
            i += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else { throw Failure.undecodable }
        try check(text)
        return Decoded(text: text, warning: nil)
    }

    /// Rejects empty text and text that is mostly control characters.
    private static func check(_ text: String) throws {
        // The property lookup only until the first visible character: it was most of reading a file.
        guard text.unicodeScalars.contains(where: { s in s.value > 0x20 && s.value < 0x7F || !s.properties.isWhitespace }) else {
            throw Failure.empty
        }
        // Scalars and control characters counted on the bytes: a scalar starts on every byte but a
        // continuation byte, and control characters are single bytes.
        var text = text
        let (controls, total) = text.withUTF8 { bytes -> (Int, Int) in
            var controls = 0, total = 0
            for b in bytes {
                if b & 0xC0 != 0x80 { total += 1 }
                if b < 0x20 && b != 0x0A && b != 0x0D && b != 0x09 && b != 0x0C { controls += 1 }
            }
            return (controls, total)
        }
        if controls > 0 && controls * 20 > total { throw Failure.binary }
    }

    /// Windows-1252, or nil when the bytes use one of its five undefined positions.
    static func windows1252(_ data: [UInt8]) -> String? {
        let high: [UInt32] = [
            0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
            0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
        ]
        var scalars = String.UnicodeScalarView()
        for b in data {
            if b >= 0x80 && b < 0xA0 {
                let v = high[Int(b - 0x80)]
                if v == 0 { return nil }
                scalars.append(Unicode.Scalar(v)!)
            } else {
                scalars.append(Unicode.Scalar(b))
            }
        }
        return String(scalars)
    }
}
