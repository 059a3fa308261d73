import LoupeCore

/// A document's tokens as the JSON text stored in `document_tokens.tokens`: one array per token,
/// `[sentence, start, end, text, lemma, stopword, kind]`, in document order.
///
/// `text` is the source characters of the token's span (`substr(document.text, start + 1, end - start)`),
/// `stopword` is 0 or 1 and `kind` the token kind's name. The `tokens` view unpacks the arrays with
/// `json_each`. Written by hand because this runs for every token stored and a JSON encoder would
/// build a value tree first.
enum TokenJSON {
    /// The JSON array of `doc`'s tokens, appended to `out`.
    static func append(_ doc: Document, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        doc.tokens.withUnsafeBufferPointer { tokens in
            // The sentences cover the tokens in order (a pipeline invariant), so an array position is
            // the token's index in the document.
            var first = true
            for (i, sentence) in doc.sentences.enumerated() {
                for k in sentence.tokens {
                    let token = tokens[k]
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    out.append(UInt8(ascii: "["))
                    appendNumber(i, to: &out)
                    out.append(UInt8(ascii: ","))
                    appendNumber(token.span.start, to: &out)
                    out.append(UInt8(ascii: ","))
                    appendNumber(token.span.end, to: &out)
                    out.append(UInt8(ascii: ","))
                    doc.withUTF8(of: token.span) { appendString($0, to: &out) }
                    out.append(UInt8(ascii: ","))
                    var lemma = token.lemma
                    lemma.withUTF8 { appendString($0, to: &out) }
                    out.append(UInt8(ascii: ","))
                    out.append(token.isStopword ? UInt8(ascii: "1") : UInt8(ascii: "0"))
                    out.append(UInt8(ascii: ","))
                    var kind = token.kind.rawValue
                    kind.withUTF8 { appendString($0, to: &out) }
                    out.append(UInt8(ascii: "]"))
                }
            }
        }
        out.append(UInt8(ascii: "]"))
    }

    static func appendNumber(_ value: Int, to out: inout [UInt8]) {
        precondition(value >= 0, "offsets are not negative")
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = value, count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
                count += 1
            } while n > 0
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(d[i]) }
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped, other UTF-8 bytes as they are.
    static func appendString(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var plain = true
        for b in bytes where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { plain = false; break }
        if plain {
            out.append(contentsOf: bytes)
        } else {
            let hex = Array("0123456789abcdef".utf8)
            for b in bytes {
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    out.append(UInt8(ascii: "\\")); out.append(b)
                case UInt8(ascii: "\n"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\t"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
                case UInt8(ascii: "\r"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
                case 0..<0x20:
                    out.append(contentsOf: Array("\\u00".utf8)); out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 15)])
                default: out.append(b)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
