import Entities
import Foundation
import LoupeCore
import Pipeline

/// Scores a recogniser's mentions on BRAT folders (``BratLoader``) the way `../shared/eval/ner_score.py` does.
public enum NEREvaluation {
    public struct Score: Sendable {
        public var tp: [EntityType: Int] = [:], fp: [EntityType: Int] = [:], fn: [EntityType: Int] = [:]

        public init() {}

        public static func prf(_ tp: Int, _ fp: Int, _ fn: Int) -> (p: Double, r: Double, f: Double) {
            let p = tp + fp > 0 ? Double(tp) / Double(tp + fp) : 0
            let r = tp + fn > 0 ? Double(tp) / Double(tp + fn) : 0
            return (p, r, p + r > 0 ? 2 * p * r / (p + r) : 0)
        }

        public var lines: [String] {
            var out: [String] = []
            var t = (0, 0, 0)
            for type in [EntityType.PER, .LOC, .ORG] {
                let (a, b, c) = (tp[type] ?? 0, fp[type] ?? 0, fn[type] ?? 0)
                t = (t.0 + a, t.1 + b, t.2 + c)
                let s = Self.prf(a, b, c)
                out.append(String(format: "%@: P=%.3f R=%.3f F1=%.3f (gold %d, pred %d)", type.rawValue, s.p, s.r, s.f, a + c, a + b))
            }
            let s = Self.prf(t.0, t.1, t.2)
            out.append(String(format: "micro P=%.3f R=%.3f F1=%.3f", s.p, s.r, s.f))
            return out
        }

        public var micro: Double {
            let types = [EntityType.PER, .LOC, .ORG]
            return Self.prf(types.reduce(0) { $0 + (tp[$1] ?? 0) }, types.reduce(0) { $0 + (fp[$1] ?? 0) }, types.reduce(0) { $0 + (fn[$1] ?? 0) }).f
        }
    }

    /// Scores `pipeline`'s mentions on a BRAT folder: PER/LOC/ORG, outermost gold spans, exact match;
    /// predictions overlapping an outermost gold span of another kind (Date, Event…) are ignored.
    public static func evaluate(folder: String, pipeline: Pipeline, errors: ((String) -> Void)? = nil) throws -> Score {
        var score = Score()
        let workspace = Workspace()
        for g in try BratLoader.load(folder) {
            var doc = Document(id: g.name, text: g.text)
            pipeline.process(&doc, in: workspace)
            score.add(gold: g, predicted: doc.mentions.map { ($0.span, $0.type) }, errors: errors)
        }
        return score
    }
}

extension NEREvaluation.Score {
    /// Adds one document's counts: `predicted` spans (scalar offsets of `gold.text`) and types against the
    /// gold's outermost PER/LOC/ORG spans, exact match; predictions overlapping an outermost gold span of
    /// another kind (Date, Event…) are ignored. `errors` receives every false positive and false negative.
    public mutating func add(gold g: AnnotatedDocument, predicted: [(span: Span, type: EntityType)], errors: ((String) -> Void)? = nil) {
        var goldSet = Set<[Int]>()
        var others: [Span] = []
        let scored: [EntityType] = [.PER, .LOC, .ORG]
        for (span, label) in g.outer {
            if let t = AnnotatedDocument.type(of: label), scored.contains(t) {
                goldSet.insert([span.start, span.end, scored.firstIndex(of: t)!])
            } else {
                others.append(span)
            }
        }
        var predSet = Set<[Int]>()
        for m in predicted {
            guard let k = scored.firstIndex(of: m.type) else { continue }
            if others.contains(where: { $0.overlaps(m.span) }) { continue }
            predSet.insert([m.span.start, m.span.end, k])
        }
        for (k, t) in scored.enumerated() {
            let gt = goldSet.filter { $0[2] == k }, pt = predSet.filter { $0[2] == k }
            tp[t, default: 0] += gt.intersection(pt).count
            fp[t, default: 0] += pt.subtracting(gt).count
            fn[t, default: 0] += gt.subtracting(pt).count
            if let errors {
                let scalars = Array(g.text.unicodeScalars)
                func text(_ x: [Int]) -> String { String(String.UnicodeScalarView(scalars[x[0]..<x[1]])) }
                for x in pt.subtracting(gt) { errors("\(g.name)\tFP\t\(t.rawValue)\t\(text(x))") }
                for x in gt.subtracting(pt) { errors("\(g.name)\tFN\t\(t.rawValue)\t\(text(x))") }
            }
        }
    }
}
