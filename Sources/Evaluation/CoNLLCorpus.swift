import Foundation
import LoupeCore

/// Reads entity annotations in the CoNLL column format: one token a line, its tag in the last column
/// (space- or tab-separated), a blank line between sentences and `-DOCSTART-` between documents.
///
/// Tags may follow IOB1 (`I-PER`, with `B-` only between two adjacent names of one type), IOB2 (`B-` opens
/// every name) or BILOU/BIOES (`B`, `I`, `L`/`E`, `U`/`S`): the same names come out of all three. Types
/// PER, LOC, ORG and MISC (or the CoNLL-2003 long forms) are kept; others are dropped.
///
/// The text of a document is its tokens joined by single spaces, with one line a sentence; a file
/// without document breaks is cut into documents of about ``wordsPerDocument`` words at sentence ends
/// (or at a full stop when it has no blank lines either, as the Europeana newspapers have).
public enum CoNLLReader {
    public static let wordsPerDocument = 400

    /// The documents of a CoNLL file; `name` prefixes their names (`name-1`, `name-2`…).
    public static func load(_ path: String) throws -> [AnnotatedDocument] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoupeError(file: path, reason: "cannot read this file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LoupeError(file: path, reason: "not UTF-8")
        }
        return try parse(text, name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, file: path)
    }

    /// A token and its tag's parts: `B-PER` → ("B", "PER"); `O` → ("O", nil).
    struct Tagged {
        var token: String
        var prefix: Character
        var type: String?
    }

    public static func parse(_ text: String, name: String, file: String = "") throws -> [AnnotatedDocument] {
        var documents: [[[Tagged]]] = []
        var sentences: [[Tagged]] = []
        var sentence: [Tagged] = []
        var words = 0
        func endSentence() {
            guard !sentence.isEmpty else { return }
            sentences.append(sentence)
            words += sentence.count
            sentence = []
        }
        func endDocument() {
            endSentence()
            if !sentences.isEmpty { documents.append(sentences) }
            sentences = []
            words = 0
        }
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty {
                endSentence()
                if words >= wordsPerDocument { endDocument() }
                continue
            }
            let columns = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if columns.first == "-DOCSTART-" { endDocument(); continue }
            guard columns.count >= 2, let tag = columns.last else {
                throw LoupeError(file: file, line: number + 1, reason: "expected a token and a tag, such as \"Paris B-LOC\"")
            }
            sentence.append(try Self.tagged(String(columns[0]), String(tag), file: file, line: number + 1))
            // No blank lines at all: sentences end at full stops.
            if columns[0] == "." && sentence.count + words >= wordsPerDocument { endDocument() }
        }
        endDocument()
        return documents.enumerated().map { k, sentences in document(sentences, name: "\(name)-\(k + 1)") }
    }

    static func tagged(_ token: String, _ tag: String, file: String, line: Int) throws -> Tagged {
        if tag == "O" { return Tagged(token: token, prefix: "O", type: nil) }
        let parts = tag.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, let prefix = parts[0].first, parts[0].count == 1, "BIELSU".contains(prefix) else {
            throw LoupeError(file: file, line: line, reason: "unknown tag \"\(tag)\" (IOB1, IOB2 or BILOU tags such as B-PER, I-LOC, L-ORG, U-MISC, O)")
        }
        return Tagged(token: token, prefix: prefix, type: String(parts[1]))
    }

    /// BRAT-style labels, so that ``AnnotatedDocument/type(of:)`` reads them.
    static func label(_ type: String) -> String? {
        switch type.uppercased() {
        case "PER", "PERSON": "Person"
        case "LOC", "LOCATION": "Location"
        case "ORG", "ORGANIZATION", "ORGANISATION": "Organization"
        case "MISC", "MISCELLANEOUS": "Product"
        default: nil
        }
    }

    static func document(_ sentences: [[Tagged]], name: String) -> AnnotatedDocument {
        var text = String.UnicodeScalarView()
        var spans: [(span: Span, label: String)] = []
        var open: (start: Int, type: String)?
        var end = 0
        func close() {
            if let o = open, let label = label(o.type) { spans.append((Span(o.start, end), label)) }
            open = nil
        }
        for (s, sentence) in sentences.enumerated() {
            if s > 0 { close(); text.append("\n") }
            for (i, t) in sentence.enumerated() {
                if i > 0 { text.append(" ") }
                let start = text.count
                text.append(contentsOf: t.token.unicodeScalars)
                // A name goes on when the tag continues one of the same type.
                let continues = open?.type == t.type && (t.prefix == "I" || t.prefix == "L" || t.prefix == "E")
                if !continues {
                    close()
                    if t.prefix != "O", let type = t.type { open = (start, type) }
                }
                end = text.count
                if t.prefix == "L" || t.prefix == "E" || t.prefix == "U" || t.prefix == "S" { close() }
            }
        }
        close()
        return AnnotatedDocument(name: name, text: String(text), outer: spans, all: spans)
    }
}

/// Annotated documents from a BRAT folder (`.txt` + `.ann`) or a CoNLL file (token and tag a line).
public enum AnnotatedCorpus {
    public static func load(_ path: String) throws -> [AnnotatedDocument] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw LoupeError(file: path, reason: "no such file or folder")
        }
        return isFolder.boolValue ? try BratLoader.load(path) : try CoNLLReader.load(path)
    }
}
