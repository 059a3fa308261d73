import Entities
import Foundation
import LoupeCore

/// One BRAT-annotated document (WiNER-style `.txt` + `.ann`), entities flattened to the outermost spans.
public struct AnnotatedDocument: Sendable {
    public var name: String
    public var text: String
    /// Outermost spans of every annotation (all types, Date and Hour included), scalar offsets.
    public var outer: [(span: Span, label: String)]
    /// Every continuous span, nested ones included (for learning name lists).
    public var all: [(span: Span, label: String)]

    public init(name: String, text: String, outer: [(span: Span, label: String)], all: [(span: Span, label: String)]) {
        self.name = name
        self.text = text
        self.outer = outer
        self.all = all
    }

    /// Person → PER, Location → LOC, Organization → ORG, Event/Product → MISC; Date, Hour: nil.
    public static func type(of label: String) -> EntityType? {
        switch label {
        case "Person": .PER
        case "Location": .LOC
        case "Organization": .ORG
        case "Event", "Product": .MISC
        default: nil
        }
    }
}

public enum BratLoader {
    /// Every `NAME.txt` with a `NAME.ann` beside it under `folder`, sorted by path.
    public static func load(_ folder: String) throws -> [AnnotatedDocument] {
        let root = URL(fileURLWithPath: folder)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw LoupeError(file: folder, reason: "cannot read this folder")
        }
        var paths: [URL] = []
        for case let url as URL in walker where url.pathExtension == "ann" { paths.append(url) }
        paths.sort { $0.path < $1.path }
        var docs: [AnnotatedDocument] = []
        for ann in paths {
            let txt = ann.deletingPathExtension().appendingPathExtension("txt")
            guard let text = try? String(contentsOf: txt, encoding: .utf8), let annText = try? String(contentsOf: ann, encoding: .utf8) else { continue }
            var spans: [(Span, String)] = []
            for line in annText.split(separator: "\n") {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard fields.count >= 2, fields[0].hasPrefix("T"), !fields[1].contains(";") else { continue }
                let bits = fields[1].split(separator: " ")
                guard bits.count >= 3, let s = Int(bits[1]), let e = Int(bits[2]), s < e else { continue }
                spans.append((Span(s, e), String(bits[0])))
            }
            let outer = spans.filter { s in
                !spans.contains { o in o.0.start <= s.0.start && s.0.end <= o.0.end && o.0.length > s.0.length }
            }
            docs.append(AnnotatedDocument(name: ann.deletingPathExtension().lastPathComponent, text: text, outer: outer, all: spans))
        }
        return docs
    }
}
