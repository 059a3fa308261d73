import Foundation

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

    /// HTML: the byte-order mark, else the page's `<meta charset>` (or `http-equiv` content type), else the content.
    public static func decodeHTML(_ data: [UInt8]) throws -> Decoded {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) || data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) { return try decode(data) }
        let head = String(decoding: data.prefix(4096), as: UTF8.self).lowercased()
        if let r = head.range(of: "charset=") {
            let name = head[r.upperBound...].drop(while: { $0 == "\"" || $0 == "'" || $0 == " " })
                .prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            if ["windows-1252", "iso-8859-1", "iso-8859-15", "latin1", "latin-1", "cp1252"].contains(String(name)) {
                guard !data.prefix(8192).contains(0), let text = windows1252(data) else { throw Failure.binary }
                try check(text)
                return Decoded(text: text, warning: nil)
            }
        }
        return try decode(data)
    }

    private static func utf8(_ data: [UInt8]) throws -> Decoded {
        if let text = String(validating: data, as: UTF8.self) {
            try check(text)
            return Decoded(text: text, warning: nil)
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
