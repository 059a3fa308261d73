import Foundation
import LoupeCore

/// French stop words: the list compiled from the repository's `stopwords/` folder, plus any `*.txt`
/// files of a folder given at run time. One word a line; `#` starts a comment line.
public struct StopWords: Sendable {
    public private(set) var words: Set<String>

    /// The built-in list.
    public static let builtIn = StopWords(lines: EmbeddedResource.lines("stopwords.txt").map(String.init))

    public init(lines: [String]) {
        words = Set(lines.map { Folding.lower($0.trimmingCharacters(in: .whitespaces)) }.filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }

    /// The built-in list plus every `*.txt` file in `folder`.
    public static func builtIn(adding folder: URL) throws -> StopWords {
        var list = builtIn
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            list.words.formUnion(StopWords(lines: text.components(separatedBy: .newlines)).words)
        }
        return list
    }

    /// Whether a token is a stop word; elided forms are looked up without their apostrophe (l' → l).
    public func contains(_ token: String) -> Bool {
        var lower = Folding.lower(token)
        if lower.hasSuffixBytes("'") || lower.hasSuffixBytes("’") { lower.removeLast() }
        return words.contains(lower)
    }
}
