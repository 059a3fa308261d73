import LoupeCore

/// A Universal Dependencies treebank (CoNLL-U) read as the surface text Loupe analyses, the way
/// `ud_make_docs.py` makes it: sentences joined by a space into passages, each gold surface token
/// found at its offsets. The scorer (``UDEvaluation``) and the part-of-speech trainer read treebanks
/// through it.
public enum Treebank {
    /// A surface token: a word, or a multiword token ("du" for de + le) standing for its words.
    public struct Token: Sendable {
        public var form: String
        /// Nil for a multiword token.
        public var lemma: String?
        /// The word's UPOS name; a multiword token's first word's ("" if the file gives none).
        public var upos: String
        /// A multiword token (du, des, au): no single lemma or part of speech of its own.
        public var isContraction: Bool
    }

    public struct Sentence: Sendable {
        public var text: String
        public var tokens: [Token]
    }

    /// Sentences joined by a space: the text, the gold tokens found in it by span, the sentences' spans.
    public struct Passage: Sendable {
        public var text: String
        public var tokens: [Span: Token]
        public var sentences: [Span]
    }

    /// The sentences of a CoNLL-U file (those with a `# text` line), their surface tokens in order.
    public static func read(_ conllu: String) -> [Sentence] {
        var out: [Sentence] = []
        var current: Sentence?
        var skipUntil = 0
        var contraction: Int?  // the multiword token waiting for its first word's UPOS
        for line in conllu.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# text = ") {
                current = Sentence(text: String(line.dropFirst(9)), tokens: [])
            } else if line.isEmpty {
                if let c = current { out.append(c) }
                current = nil
                skipUntil = 0
                contraction = nil
            } else if !line.hasPrefix("#") {
                let c = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard c.count >= 4 else { continue }
                let id = c[0]
                if id.contains(".") { continue }
                if let dash = id.firstIndex(of: "-") {
                    skipUntil = Int(id[id.index(after: dash)...]) ?? 0
                    current?.tokens.append(Token(form: String(c[1]), lemma: nil, upos: "", isContraction: true))
                    contraction = current.map { $0.tokens.count - 1 }
                    continue
                }
                if let k = contraction {
                    current?.tokens[k].upos = String(c[3])
                    contraction = nil
                }
                if let n = Int(id), n <= skipUntil { continue }
                current?.tokens.append(Token(form: String(c[1]), lemma: String(c[2]), upos: String(c[3]), isContraction: false))
            }
        }
        if let c = current { out.append(c) }
        return out
    }

    /// The sentences as passages of `size` sentences each.
    public static func passages(_ sentences: [Sentence], size: Int) -> [Passage] {
        stride(from: 0, to: sentences.count, by: size).map { first in
            var text: [Unicode.Scalar] = []
            var tokens: [Span: Token] = [:]
            var spans: [Span] = []
            for s in sentences[first..<min(sentences.count, first + size)] {
                if !text.isEmpty { text.append(" ") }
                let base = text.count
                let scalars = Array(s.text.unicodeScalars)
                text += scalars
                var position = 0
                for t in s.tokens {
                    let form = Array(t.form.unicodeScalars)
                    guard let k = find(form, in: scalars, from: position) else { continue }
                    tokens[Span(base + k, base + k + form.count)] = t
                    position = k + form.count
                }
                spans.append(Span(base, base + scalars.count))
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: text)
            return Passage(text: String(view), tokens: tokens, sentences: spans)
        }
    }

    static func find(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        var i = from
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0] && Array(haystack[i..<i + needle.count]) == needle { return i }
            i += 1
        }
        return nil
    }
}
