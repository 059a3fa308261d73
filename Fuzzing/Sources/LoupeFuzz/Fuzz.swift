import Foundation
import Ingest
import LoupeCore
import Pipeline
import Tokenization

/// One libFuzzer entry point for four targets, chosen by `LOUPE_FUZZ`:
///
/// - `decode`: `TextDecoding.decode` and `decodeHTML` on the bytes, then the text/Markdown reader.
/// - `html`: `HTMLExtractor.extract` on the bytes decoded as an HTML file is.
/// - `jsonl`: `DocumentReader.read` of the bytes as a `.jsonl` file (each line a document).
/// - `pipeline`: the decoded bytes through `Pipeline.french()`, then the span invariants.
///
/// A broken invariant traps (`check`), which libFuzzer reports as a crash with the input saved.
enum Target: String {
    case decode, html, jsonl, pipeline
}

let target: Target = {
    let name = ProcessInfo.processInfo.environment["LOUPE_FUZZ"] ?? ""
    guard let t = Target(rawValue: name) else {
        FileHandle.standardError.write("LOUPE_FUZZ must be one of decode, html, jsonl, pipeline (got \"\(name)\")\n".data(using: .utf8)!)
        exit(2)
    }
    return t
}()

let pipeline: Pipeline = try! Pipeline.french()

/// The readers take a path: inputs go through one scratch file a process, in memory when /dev/shm exists.
let scratch: (txt: String, md: String, jsonl: String) = {
    let dir = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let base = "\(dir)/loupe-fuzz-\(getpid())"
    return ("\(base).txt", "\(base).md", "\(base).jsonl")
}()

func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("invariant broken: \(message())") }
}

func readFile(_ bytes: [UInt8], path: String, format: InputFormat) -> [Result<SourceDocument, LoupeError>] {
    // Foundation on Linux leaks its 4 KiB read buffer for a zero-length file (FileManager.contents(atPath:)),
    // which LeakSanitizer reports; the empty file is covered by IngestTests.
    if bytes.isEmpty { return [] }
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return DocumentReader.read(InputFile(path: path, id: "fuzz", format: format))
}

func fuzzDecode(_ bytes: [UInt8]) {
    if let decoded = try? TextDecoding.decode(bytes) {
        check(decoded.text.unicodeScalars.contains { !$0.properties.isWhitespace }, "decoded text is blank")
        // Valid UTF-8 without a BOM comes back byte for byte.
        if !bytes.starts(with: [0xEF, 0xBB, 0xBF]), !bytes.starts(with: [0xFF, 0xFE]), !bytes.starts(with: [0xFE, 0xFF]),
           decoded.warning == nil {
            check(Array(decoded.text.utf8) == bytes, "UTF-8 text changed by decoding")
        }
    }
    _ = try? TextDecoding.decodeHTML(bytes)
    for (path, format) in [(scratch.txt, InputFormat.text), (scratch.md, .markdown)] {
        for result in readFile(bytes, path: path, format: format) {
            guard case .success(let doc) = result else { continue }
            check(!doc.text.isEmpty, "empty document")
            if let title = doc.metadata.title { check(!title.isEmpty && title.count <= 200, "bad title \(title.debugDescription)") }
        }
    }
}

func fuzzHTML(_ bytes: [UInt8]) {
    let html = (try? TextDecoding.decodeHTML(bytes).text) ?? String(decoding: bytes, as: UTF8.self)
    let page = HTMLExtractor.extract(html)
    if let title = page.title { check(!title.isEmpty, "empty title") }
}

func fuzzJSONL(_ bytes: [UInt8]) {
    for result in readFile(bytes, path: scratch.jsonl, format: .jsonl) {
        switch result {
        case .success(let doc):
            check(doc.text.unicodeScalars.contains { !$0.properties.isWhitespace }, "blank document text")
            check(!doc.id.isEmpty, "empty id")
        case .failure(let error):
            check(!error.reason.isEmpty, "error without a reason")
        }
    }
}

func fuzzPipeline(_ bytes: [UInt8]) {
    let text = (try? TextDecoding.decode(bytes).text) ?? String(decoding: bytes, as: UTF8.self)
    var doc = Document(id: "fuzz", text: text)
    pipeline.process(&doc)
    let count = doc.scalars.count
    var previousEnd = 0
    for (k, t) in doc.tokens.enumerated() {
        check(t.span.start < t.span.end, "token \(k) is empty: \(t.span)")
        check(t.span.start >= previousEnd, "token \(k) \(t.span) overlaps the one before (ends at \(previousEnd))")
        check(t.span.end <= count, "token \(k) \(t.span) beyond the text (\(count) scalars)")
        previousEnd = t.span.end
    }
    var next = 0
    for (k, s) in doc.sentences.enumerated() {
        check(s.tokens.lowerBound == next, "sentence \(k) starts at token \(s.tokens.lowerBound), expected \(next)")
        check(s.span.end <= count, "sentence \(k) \(s.span) beyond the text")
        next = s.tokens.upperBound
    }
    check(next == doc.tokens.count, "sentences cover \(next) of \(doc.tokens.count) tokens")
    for (k, m) in doc.mentions.enumerated() {
        check(m.span.start < m.span.end && m.span.end <= count, "mention \(k) \(m.span) outside the text")
        check(m.tokens.lowerBound >= 0 && m.tokens.upperBound <= doc.tokens.count, "mention \(k) tokens \(m.tokens) out of range")
        check(m.sentence >= 0 && m.sentence < doc.sentences.count, "mention \(k) in sentence \(m.sentence) of \(doc.sentences.count)")
        check(doc.text(of: m.span) == m.text, "mention \(k) text \(m.text.debugDescription) differs from its span")
        check((-1...1).contains(m.sentiment), "mention \(k) sentiment \(m.sentiment)")
    }
    check((-1...1).contains(doc.sentiment), "document sentiment \(doc.sentiment)")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    switch target {
    case .decode: fuzzDecode(bytes)
    case .html: fuzzHTML(bytes)
    case .jsonl: fuzzJSONL(bytes)
    case .pipeline: fuzzPipeline(bytes)
    }
    return 0
}
