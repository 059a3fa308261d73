import LoupeCore

/// A document as read from the input, before analysis.
public struct SourceDocument: Sendable {
    public var id: String
    public var text: String
    public var metadata: DocumentMetadata
    /// Where it came from, for messages: `path` or `path:line`.
    public var origin: String
    /// Problems that did not stop reading (e.g. decoded as Windows-1252).
    public var warnings: [String]

    public init(id: String, text: String, metadata: DocumentMetadata = DocumentMetadata(), origin: String, warnings: [String] = []) {
        self.id = id
        self.text = text
        self.metadata = metadata
        self.origin = origin
        self.warnings = warnings
    }

    /// A ``Document`` ready for the pipeline.
    public var document: Document { Document(id: id, text: text, metadata: metadata) }
}

/// The formats Loupe reads, by file extension.
public enum InputFormat: String, Sendable {
    case text, markdown, jsonl, html

    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "txt", "text": self = .text
        case "md", "markdown": self = .markdown
        case "jsonl", "ndjson": self = .jsonl
        case "html", "htm", "xhtml": self = .html
        default: return nil
        }
    }
}
