import Foundation
import LoupeCore

/// Reads the documents of one input file.
///
/// - `.txt`, `.md`: one document, the decoded text unchanged; its title is the first non-empty line.
/// - `.jsonl`: one document a line, an object with `text` (or `html`, a page to extract the text from)
///   and `id`, `title`, `date`, `source`, `url`, `author` (optional). A bad line is reported with its number and
///   skipped; the other lines are read.
/// - `.html`, `.htm`: the article's text (``HTMLExtractor``); offsets then refer to that extracted text. The
///   page's title, publication date, site name (as `source`) and canonical URL fill the metadata.
///
/// Dates are normalised to ISO 8601 when they can be read; without one, the first date written in the
/// text ("31 mai 2019", "2018-01-02") or in the file name is used.
public enum DocumentReader {
    /// Files larger than this are refused rather than read into memory.
    public static let maximumFileSize = 512 * 1024 * 1024

    /// Texts longer than twice this (in UTF-8 bytes) are analysed in parts of about this size, cut at
    /// paragraph ends, each stored as `ID#1`, `ID#2`… so that memory stays bounded: a part's
    /// annotations take ~100 bytes per byte of text in each worker, so 256 KiB keeps a run of two
    /// workers on a 30 MB file under 200 MB, where 1 MiB parts peaked at 360 MB.
    public static let partSize = 256 << 10

    public static func read(_ file: InputFile) -> [Result<SourceDocument, LoupeError>] {
        var bytes: [UInt8]
        do {
            bytes = try readBytes(file.path)
        } catch let error as LoupeError {
            return [.failure(error)]
        } catch {
            return [.failure(LoupeError(file: file.path, reason: "cannot read (\(error.localizedDescription))"))]
        }
        var format = file.format
        if file.path == "-" && format == .text && looksLikeJSONL(bytes) { format = .jsonl }
        switch format {
        case .text, .markdown:
            do {
                var raw = bytes  // dropped as soon as decoded, before the text is cut into parts
                bytes = []
                let decoded = try TextDecoding.decode(raw)
                raw = []
                var metadata = DocumentMetadata(title: title(of: decoded.text, markdown: file.format == .markdown))
                metadata.date = DateFinder.find(in: decoded.text) ?? DateFinder.find(inFileName: file.path)
                let id = file.path == "-" && file.id == "-" ? stdinID(decoded.text) : file.id
                return parts(SourceDocument(id: id, text: decoded.text, metadata: metadata, origin: file.path == "-" ? "standard input" : file.path,
                                            warnings: decoded.warning.map { [$0] } ?? []))
            } catch {
                return [.failure(LoupeError(file: file.path, reason: "\(error)"))]
            }
        case .jsonl:
            return readJSONL(bytes, file: file)
        case .html:
            do {
                let page = try HTMLExtractor.extract(data: bytes)
                guard page.text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
                    return [.failure(LoupeError(file: file.path, reason: "no article text found in this HTML page"))]
                }
                var metadata = DocumentMetadata(title: page.title, date: page.date, source: page.siteName, url: page.url,
                                                author: page.author)
                metadata.isExtractedFromPage = true
                metadata.isFragment = page.thinWarning != nil
                if metadata.date == nil { metadata.date = DateFinder.find(inFileName: file.path) }
                return [.success(SourceDocument(id: file.id, text: page.text, metadata: metadata, origin: file.path, warnings: page.warnings))]
            } catch {
                return [.failure(LoupeError(file: file.path, reason: "\(error)"))]
            }
        }
    }

    /// A long text as parts of about ``partSize`` bytes cut after a blank line (else a line end).
    static func parts(_ doc: SourceDocument) -> [Result<SourceDocument, LoupeError>] {
        guard doc.text.utf8.count > 2 * partSize else { return [.success(doc)] }
        // Cut in place over the text's own UTF-8 (a copy of a 100 MB text was a quarter of the peak).
        var text = doc.text
        let (pieces, total) = text.withUTF8 { cut($0) }
        let note = "\(total / 1_048_576) MiB: analysed as \(pieces.count) parts of about \(partSize >> 10) KiB, ids \(doc.id)#1 to \(doc.id)#\(pieces.count) (offsets are within each part)"
        return pieces.enumerated().map { k, text in
            var part = doc
            part.id = "\(doc.id)#\(k + 1)"
            part.text = text
            if k > 0 { part.metadata.title = doc.metadata.title.map { "\($0) (\(k + 1))" } }
            part.warnings = k == 0 ? doc.warnings + [note] : []
            return .success(part)
        }
    }

    private static func cut(_ bytes: UnsafeBufferPointer<UInt8>) -> (pieces: [String], total: Int) {
        var pieces: [String] = []
        var start = 0
        while start < bytes.count {
            var end = min(bytes.count, start + partSize)
            if end < bytes.count {
                // Prefer a paragraph end within the last quarter of the part, else a line end, else a space.
                let floor = start + partSize * 3 / 4
                var cut: Int?
                var k = end
                while k > floor { if bytes[k - 1] == 0x0A && bytes[k - 2] == 0x0A { cut = k; break }; k -= 1 }
                if cut == nil { k = end; while k > floor { if bytes[k - 1] == 0x0A { cut = k; break }; k -= 1 } }
                if cut == nil { k = end; while k > floor { if bytes[k - 1] == 0x20 { cut = k; break }; k -= 1 } }
                if cut == nil { while end < bytes.count && (bytes[end] & 0xC0) == 0x80 { end += 1 } }  // not inside a character
                end = cut ?? end
            }
            pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            start = end
        }
        return (pieces, bytes.count)
    }

    /// The id of a document read from standard input without one: `stdin-` and 12 hex digits of a hash
    /// of its text, so the same text gets the same id in every run and different texts do not replace each other.
    public static func stdinID(_ text: String) -> String {
        let hex = String(FeatureHash.string(text), radix: 16)
        return "stdin-" + (String(repeating: "0", count: max(0, 16 - hex.count)) + hex).prefix(12)
    }

    /// Whether bytes read from standard input look like JSONL: the first non-blank byte opens an object.
    static func looksLikeJSONL(_ bytes: [UInt8]) -> Bool {
        var k = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while k < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[k]) { k += 1 }
        return k < bytes.count && bytes[k] == UInt8(ascii: "{")
    }

    static func readBytes(_ path: String) throws -> [UInt8] {
        if path == "-" {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > maximumFileSize {
            throw LoupeError(file: path, reason: "file too large (\(size / 1_048_576) MiB; the limit is \(maximumFileSize / 1_048_576) MiB): split it into smaller files or JSONL lines")
        }
        guard FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path) else {
            throw LoupeError(file: path, reason: "cannot read: permission denied or not a regular file")
        }
        return Array(data)
    }

    static func readJSONL(_ bytes: [UInt8], file: InputFile) -> [Result<SourceDocument, LoupeError>] {
        var results: [Result<SourceDocument, LoupeError>] = []
        var content = bytes[...]
        if content.starts(with: [0xEF, 0xBB, 0xBF]) { content = content.dropFirst(3) }
        var lineNumber = 0
        for line in content.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if let result = jsonlLine(line, number: lineNumber, file: file) { results.append(result) }
        }
        if results.isEmpty {
            results.append(.failure(LoupeError(file: file.path, reason: "empty file: no JSON lines to analyse")))
        }
        return results
    }

    /// One line of a JSONL file (its bytes without the line end): the document it holds, the reason it
    /// cannot be read, or nil for a blank line. `loupe stream` reads its input a line at a time through this.
    public static func jsonlLine(_ line: ArraySlice<UInt8>, number lineNumber: Int, file: InputFile) -> Result<SourceDocument, LoupeError>? {
        let trimmed = line.last == 0x0D ? line.dropLast() : line
        if trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
        func fail(_ reason: String) -> Result<SourceDocument, LoupeError> { .failure(LoupeError(file: file.path, line: lineNumber, reason: reason)) }
        guard String(validating: Array(trimmed), as: UTF8.self) != nil else { return fail("not valid UTF-8") }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(trimmed), options: [.fragmentsAllowed])
        } catch {
            return fail("invalid JSON: each line must be one JSON object, such as {\"id\": \"a1\", \"text\": \"…\"}")
        }
        guard let dict = object as? [String: Any] else { return fail("a JSON object was expected, such as {\"text\": \"…\"}") }
        var warnings: [String] = []
        // A metadata field of another kind than a string is reported, not silently dropped; several authors
        // (a JSON array, as JSON-LD gives them) are joined.
        func field(_ name: String, example: String) -> String? {
            switch dict[name] {
            case nil, is NSNull: return nil
            case let value as String: return value
            case let values as [Any] where name == "author" && !values.isEmpty && values.allSatisfy({ $0 is String }):
                return values.compactMap { $0 as? String }.joined(separator: ", ")
            default:
                warnings.append("\"\(name)\" is not a string (give \"\(example)\"); stored without it")
                return nil
            }
        }
        var title = field("title", example: "Huawei ouvre un centre à Dakar")
        let source = field("source", example: "Le Monde"), url = field("url", example: "https://example.org/article")
        let author = field("author", example: "Awa Diop")
        let text: String
        var page: HTMLExtractor.Extracted?
        if let t = dict["text"] as? String {
            text = t
        } else if let html = dict["html"] as? String {
            let extracted = HTMLExtractor.extract(html)
            text = extracted.text
            if title == nil { title = extracted.title }
            page = extracted
        } else {
            return fail("missing \"text\" (a string): the text to analyse (or \"html\", a page to extract it from)")
        }
        guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { return fail("\"text\" is empty") }
        // Standard input without an id of its own: an id from the line's content, stable from run to run.
        var id = file.path == "-" && file.id == "-" ? stdinID(text) : "\(file.id):\(lineNumber)"
        if let value = dict["id"] as? String, !value.isEmpty { id = value }
        else if let value = dict["id"] as? NSNumber { id = value.stringValue }
        // A repeated id is reported once, by the corpus loop (which also sees ids repeated across files).
        var metadata = DocumentMetadata(title: title, date: nil, source: source ?? page?.siteName, url: url ?? page?.url,
                                        author: author ?? page?.author)
        if let date = dict["date"] as? String, !date.trimmingCharacters(in: .whitespaces).isEmpty {
            metadata.date = DateFinder.normalize(date)
            if metadata.date == nil {
                warnings.append("\"date\": \"\(date.prefix(40))\" is not a date (give 2019-05-31, 2019-05, 2019, 31/05/2019 or 31 mai 2019); stored without a date")
            }
        } else if dict["date"] != nil, !(dict["date"] is String), !(dict["date"] is NSNull) {
            warnings.append("\"date\" is not a string (give \"2019-05-31\"); stored without a date")
        } else {
            metadata.date = page?.date ?? DateFinder.find(in: text)
        }
        if let page {
            metadata.isExtractedFromPage = true
            metadata.isFragment = page.thinWarning != nil
        }
        warnings += page?.warnings ?? []
        return .success(SourceDocument(id: id, text: text, metadata: metadata, origin: "\(file.path):\(lineNumber)", warnings: warnings))
    }

    /// The first non-empty line, when it is short enough to be a headline.
    static func title(of text: String, markdown: Bool) -> String? {
        // Only the head of the text matters: a title is in its first lines. Lines are cut one at a
        // time, since splitting 2,000 characters up front cost more than decoding the whole file.
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var budget = 2000
        while start < scalars.endIndex && budget > 0 {
            var end = start
            while end < scalars.endIndex && budget > 0 && !Self.isNewline(scalars[end]) {
                end = scalars.index(after: end)
                budget -= 1
            }
            var line = Substring(scalars[start..<end])
            start = end < scalars.endIndex ? scalars.index(after: end) : end
            budget -= 1
            line = trimmed(line)
            if markdown { line = trimmed(line.drop(while: { $0 == "#" })) }
            if line.isEmpty { continue }
            // At most 200 characters, found without counting a long paragraph's characters.
            let limit = line.index(line.startIndex, offsetBy: 200, limitedBy: line.endIndex)
            return limit == nil || limit == line.endIndex ? String(line) : nil
        }
        return nil
    }

    /// Without the white space (tabs and space separators, as `CharacterSet.whitespaces`) at either end,
    /// scalar by scalar: Foundation's trimming walked the whole line, which is often a long paragraph.
    private static func trimmed(_ s: Substring) -> Substring {
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == "\t" || c == " " || (c.value > 0x7F && c.properties.generalCategory == .spaceSeparator) }
        let u = s.unicodeScalars
        var a = u.startIndex, b = u.endIndex
        while a < b && isSpace(u[a]) { a = u.index(after: a) }
        while b > a && isSpace(u[u.index(before: b)]) { b = u.index(before: b) }
        return Substring(u[a..<b])
    }

    private static func isNewline(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }
}
