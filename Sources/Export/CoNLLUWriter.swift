import Foundation
import GRDB
import Storage

/// Writes the stored tokens and sentences as CoNLL-U, the format UDPipe, Stanza and the UD tools read.
///
/// One `# newdoc id` per document, `# sent_id` and `# text` per sentence; columns ID, FORM, LEMMA,
/// UPOS (the part-of-speech tagger's; for rows stored before it, PUNCT, NUM, SYM, X where the token kind
/// tells, `_` otherwise), and MISC
/// with `SpaceAfter=No` and `TokenRange=start:end` (Unicode scalar offsets into the stored text).
struct CoNLLUWriter {
    let store: Store

    func write(to stream: FileHandleOutputStream) throws -> Int {
        var sentences = 0
        try store.read { db in
            let docs = try Row.fetchAll(db, sql: "SELECT id, name, text FROM document ORDER BY id")
            for doc in docs {
                let id: Int64 = doc["id"]
                let name: String = doc["name"]
                let text = Array((doc["text"] as String).unicodeScalars)
                stream.write("# newdoc id = \(Self.clean(name))\n")
                let tokens = try Row.fetchAll(db, sql: """
                    SELECT json_extract(t.value, '$[0]') AS sentence, json_extract(t.value, '$[1]') AS start,
                           json_extract(t.value, '$[2]') AS "end", json_extract(t.value, '$[3]') AS text,
                           json_extract(t.value, '$[4]') AS lemma, json_extract(t.value, '$[6]') AS kind,
                           COALESCE(json_extract(t.value, '$[7]'), '') AS pos
                    FROM document_tokens x, json_each(x.tokens) t WHERE x.document_id = ? ORDER BY t.key
                    """, arguments: [id])
                var k = 0
                for sentence in try Row.fetchAll(db, sql: "SELECT idx, start, \"end\" FROM sentence WHERE document_id = ? ORDER BY idx", arguments: [id]) {
                    let idx: Int = sentence["idx"]
                    let start: Int = sentence["start"], end: Int = sentence["end"]
                    var view = String.UnicodeScalarView()
                    view.append(contentsOf: text[start..<end])
                    stream.write("# sent_id = \(Self.clean(name))-\(idx + 1)\n# text = \(Self.clean(String(view)))\n")
                    var n = 0
                    while k < tokens.count && (tokens[k]["sentence"] as Int) == idx {
                        let t = tokens[k]
                        let tEnd: Int = t["end"]
                        n += 1
                        let spaceAfter = tEnd < text.count && !text[tEnd].properties.isWhitespace
                        var misc = "TokenRange=\(t["start"] as Int):\(tEnd)"
                        if spaceAfter { misc = "SpaceAfter=No|" + misc }
                        var upos: String = t["pos"]
                        if upos.isEmpty {
                        switch t["kind"] as String {
                        case "punctuation": upos = "PUNCT"
                        case "number": upos = "NUM"
                        case "symbol", "emoji": upos = "SYM"
                        case "url", "email": upos = "X"
                        default: upos = "_"
                        }
                        }
                        stream.write([String(n), Self.clean(t["text"]), Self.clean(t["lemma"]), upos, "_", "_", "_", "_", "_", misc].joined(separator: "\t") + "\n")
                        k += 1
                    }
                    stream.write("\n")
                    sentences += 1
                }
            }
        }
        return sentences
    }

    /// CoNLL-U fields hold no tabs or line breaks.
    static func clean(_ s: String) -> String {
        String(s.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }
}
