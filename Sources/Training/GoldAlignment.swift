import Entities
import Evaluation
import LoupeCore

/// Gold annotations (``AnnotatedDocument``) as tags on the pipeline's tokens.
extension NERTraining {
    struct Prepared {
        var doc: Document
        var tags: [UInt8]
        /// Token ranges and types of the gold names (outermost and nested) that fall on token boundaries.
        var names: [(tokens: Range<Int>, type: EntityType)]
    }

    /// Gold BIO tags for the tokens of `doc`; spans that do not fall on token boundaries are snapped to
    /// the tokens they cover. Returns the number of snapped spans too.
    static func align(_ doc: Document, _ gold: AnnotatedDocument) -> Prepared {
        var startAt: [Int: Int] = [:], endAt: [Int: Int] = [:]
        for (i, t) in doc.tokens.enumerated() {
            startAt[t.span.start] = i
            endAt[t.span.end] = i
        }
        func tokens(_ span: Span) -> Range<Int>? {
            if let a = startAt[span.start], let b = endAt[span.end], a <= b { return a..<(b + 1) }
            // Snap: tokens overlapping the span.
            let covered = doc.tokens.indices.filter { doc.tokens[$0].span.overlaps(span) }
            guard let a = covered.first, let b = covered.last else { return nil }
            return a..<(b + 1)
        }
        var tags = [UInt8](repeating: 0, count: doc.tokens.count)
        for (span, label) in gold.outer {
            guard let type = AnnotatedDocument.type(of: label), var r = tokens(span) else { continue }
            // Never start on an elided article or punctuation (l'Afrique → Afrique).
            while r.count > 1 && (doc.tokens[r.lowerBound].text.hasSuffix("'") || doc.tokens[r.lowerBound].kind == .punctuation) {
                r = (r.lowerBound + 1)..<r.upperBound
            }
            if tags[r].contains(where: { $0 != 0 }) { continue }
            tags[r.lowerBound] = NERTags.begin(type)
            for k in (r.lowerBound + 1)..<r.upperBound { tags[k] = NERTags.inside(type) }
        }
        var names: [(Range<Int>, EntityType)] = []
        for (span, label) in gold.all {
            guard let type = AnnotatedDocument.type(of: label), let a = startAt[span.start], let b = endAt[span.end], a <= b else { continue }
            names.append((a..<(b + 1), type))
        }
        return Prepared(doc: doc, tags: tags, names: names)
    }
}
