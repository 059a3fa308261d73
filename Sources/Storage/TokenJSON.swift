import LoupeCore

/// A document's tokens as the JSON text stored in `document_tokens.tokens`: one array per token,
/// `[sentence, start, end, text, lemma, stopword, kind, pos]`, in document order.
///
/// `text` is the source characters of the token's span (`substr(document.text, start + 1, end - start)`),
/// `stopword` is 0 or 1, `kind` the token kind's name and `pos` its UPOS ("" when untagged; arrays
/// stored before `v8-pos` have no eighth element). The `tokens` view unpacks the arrays with
/// `json_each`. Written by hand into raw memory because this runs for every token stored: appending
/// to an array byte by byte cost 1,700 instructions a token, as much as SQLite's whole insert.
enum TokenJSON {
    /// Calls `body` with the UTF-8 bytes of the JSON array of `doc`'s tokens.
    static func withJSON<R>(of doc: Document, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var out = Output(capacity: doc.tokens.count * 48 + 2)
        defer { out.base.deallocate() }
        out.byte(UInt8(ascii: "["))
        var text = doc.text
        text.withUTF8 { whole in
            doc.tokens.withUnsafeBufferPointer { tokens in
                // The sentences cover the tokens in order (a pipeline invariant), so an array position
                // is the token's index in the document.
                var first = true
                for i in doc.sentences.indices {
                    for k in doc.sentences[i].tokens {
                        let span = tokens[k].span
                        let text = UnsafeBufferPointer(rebasing: whole[doc.utf8Range(of: span)])
                        var lemma = tokens[k].lemma
                        lemma.withUTF8 { lemma in
                            // Worst case: three numbers, both strings escaped at six bytes a byte, the rest.
                            out.reserve(3 * 20 + 6 * (text.count + lemma.count) + 40)
                            if !first { out.byte(UInt8(ascii: ",")) }
                            out.byte(UInt8(ascii: "["))
                            out.number(i)
                            out.byte(UInt8(ascii: ","))
                            out.number(span.start)
                            out.byte(UInt8(ascii: ","))
                            out.number(span.end)
                            out.byte(UInt8(ascii: ","))
                            out.string(text)
                            out.byte(UInt8(ascii: ","))
                            out.string(lemma)
                            out.byte(UInt8(ascii: ","))
                            out.byte(tokens[k].isStopword ? UInt8(ascii: "1") : UInt8(ascii: "0"))
                            out.byte(UInt8(ascii: ","))
                            let kind = Self.name(tokens[k].kind)
                            out.string(UnsafeBufferPointer(start: kind.utf8Start, count: kind.utf8CodeUnitCount))
                            out.byte(UInt8(ascii: ","))
                            let pos = tokens[k].pos.staticName
                            out.string(UnsafeBufferPointer(start: pos.utf8Start, count: pos.utf8CodeUnitCount))
                            out.byte(UInt8(ascii: "]"))
                        }
                        first = false
                    }
                }
            }
        }
        out.reserve(1)
        out.byte(UInt8(ascii: "]"))
        return try body(UnsafeBufferPointer(start: out.base, count: out.count))
    }

    /// The kind's raw value, without making a `String`.
    static func name(_ kind: TokenKind) -> StaticString {
        switch kind {
        case .word: "word"
        case .number: "number"
        case .punctuation: "punctuation"
        case .symbol: "symbol"
        case .url: "url"
        case .email: "email"
        case .hashtag: "hashtag"
        case .mention: "mention"
        case .emoji: "emoji"
        }
    }

    /// Bytes written at the end of a buffer grown by `reserve`, which callers call with an upper
    /// bound of what they write next.
    struct Output {
        var base: UnsafeMutablePointer<UInt8>
        var count = 0
        var capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: capacity)
        }

        mutating func reserve(_ n: Int) {
            guard count + n > capacity else { return }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(2 * capacity, count + n))
            grown.update(from: base, count: count)
            base.deallocate()
            base = grown
            capacity = max(2 * capacity, count + n)
        }

        @inline(__always) mutating func byte(_ b: UInt8) {
            base[count] = b
            count += 1
        }

        /// A non-negative integer in decimal (at most 20 bytes).
        mutating func number(_ value: Int) {
            precondition(value >= 0, "offsets are not negative")
            if value < 10 { byte(UInt8(ascii: "0") + UInt8(value)); return }
            var digits = 2, bound = 100
            while value >= bound && digits < 18 { bound *= 10; digits += 1 }
            if value >= bound { digits += 1 }
            var p = base + count + digits
            var n = value
            repeat {
                p -= 1
                p.pointee = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: n % 10)
                n /= 10
            } while n > 0
            count += digits
        }

        /// A JSON string: quotes, backslashes and control characters escaped, other UTF-8 bytes as
        /// they are (at most 6 bytes a byte, plus the quotes).
        @inline(__always) mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) {
            byte(UInt8(ascii: "\""))
            var plain = true
            for b in bytes where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { plain = false; break }
            if plain {
                // Byte by byte: most words are a few bytes, shorter than a call to memmove.
                for (k, b) in bytes.enumerated() { base[count + k] = b }
                count += bytes.count
            } else {
                escaped(bytes)
            }
            byte(UInt8(ascii: "\""))
        }

        /// The bytes of a string that has characters to escape, without its quotes.
        private mutating func escaped(_ bytes: UnsafeBufferPointer<UInt8>) {
            let hex: StaticString = "0123456789abcdef"
            for b in bytes {
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    byte(UInt8(ascii: "\\")); byte(b)
                case UInt8(ascii: "\n"): byte(UInt8(ascii: "\\")); byte(UInt8(ascii: "n"))
                case UInt8(ascii: "\t"): byte(UInt8(ascii: "\\")); byte(UInt8(ascii: "t"))
                case UInt8(ascii: "\r"): byte(UInt8(ascii: "\\")); byte(UInt8(ascii: "r"))
                case 0..<0x20:
                    for c in "\\u00".utf8 { byte(c) }
                    byte(hex.utf8Start[Int(b >> 4)]); byte(hex.utf8Start[Int(b & 15)])
                default: byte(b)
                }
            }
        }
    }
}
