import Entities
import Foundation
import Lemmas
import LoupeCore

/// One BRAT-annotated document (WiNER-style `.txt` + `.ann`), entities flattened to the outermost spans.
public struct AnnotatedDocument: Sendable {
    public var name: String
    public var text: String
    /// Outermost spans of every annotation (all types, Date and Hour included), scalar offsets.
    public var outer: [(span: Span, label: String)]
    /// Every continuous span, nested ones included (for learning name lists).
    public var all: [(span: Span, label: String)]

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

/// Trains the entity tagger (``NERModel``) on BRAT folders, and scores a recogniser the way
/// `../shared/eval/ner_score.py` does.
public enum NERTraining {
    /// The stages before entities: tokens, sentences, boilerplate, lemmas.
    public static func preprocess(_ text: String, id: String, pipeline: Pipeline) -> Document {
        var doc = Document(id: id, text: text)
        for stage in pipeline.stages {
            if stage.provides.contains(.entities) { break }
            stage.process(&doc)
        }
        return doc
    }

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

    /// Names learnt from documents: every annotated span's folded tokens with its majority type
    /// (kept when that type covers at least 70% of its occurrences), and first names.
    static func learnNames(_ docs: [Prepared]) -> (names: [(hash: UInt64, first: UInt64, count: Int, type: UInt8)], firstNames: Set<UInt64>, wordTypes: [UInt64: UInt8]) {
        var wordTypes: [UInt64: UInt8] = [:]
        var counts: [UInt64: (first: UInt64, count: Int, types: [Int])] = [:]
        var firstCounts: [UInt64: Int] = [:]
        var lowerCounts: [UInt64: Int] = [:], capCounts: [UInt64: Int] = [:]
        for p in docs {
            let folded = p.doc.tokens.map { FeatureHash.bytes(FastFold.fold($0.text)) }
            for (i, t) in p.doc.tokens.enumerated() where t.kind == .word {
                if t.isCapitalized { capCounts[folded[i], default: 0] += 1 } else { lowerCounts[folded[i], default: 0] += 1 }
            }
            for (r, type) in p.names {
                var h: UInt64 = 0
                for k in r { h = NERLexicon.sequenceStep(h, folded[k]) }
                var entry = counts[h] ?? (folded[r.lowerBound], r.count, [0, 0, 0, 0, 0])
                entry.types[Int(NERLexicon.typeCode(type))] += 1
                for k in r where p.doc.tokens[k].isCapitalized { wordTypes[folded[k], default: 0] |= 1 << NERLexicon.typeCode(type) }
                counts[h] = entry
                if type == .PER && r.count >= 2 {
                    let t = p.doc.tokens[r.lowerBound]
                    if t.isCapitalized && !t.text.hasSuffix(".") && t.text.unicodeScalars.count > 1 { firstCounts[folded[r.lowerBound], default: 0] += 1 }
                }
            }
        }
        var names: [(UInt64, UInt64, Int, UInt8)] = []
        for (h, e) in counts {
            let total = e.types.reduce(0, +)
            let best = e.types.indices.max { e.types[$0] < e.types[$1] }!
            if Double(e.types[best]) >= 0.7 * Double(total) { names.append((h, e.first, e.count, UInt8(best))) }
        }
        names.sort { $0.0 < $1.0 }
        let firsts = Set(firstCounts.keys.filter { (lowerCounts[$0] ?? 0) <= (capCounts[$0] ?? 0) })
        return (names, firsts, wordTypes)
    }

    static func lexicon(from docs: [Prepared], gazetteer: Gazetteer) -> NERLexicon {
        var lex = NERLexicon.base(gazetteer)
        let learnt = learnNames(docs)
        lex.addNames(learnt.names)
        lex.setLearnt(firstNames: learnt.firstNames, wordTypes: learnt.wordTypes)
        return lex
    }

    /// Trains a tagger on the BRAT folders. Names learnt from the training data are features too; so
    /// that the tagger does not learn to trust them blindly, each document sees only the names learnt
    /// from the other folds (jackknifing), while the saved model carries the names of all of them.
    /// With `runs` > 1, as many perceptrons are trained with successive shuffling seeds and their
    /// weights averaged into one model (no cost at tagging time).
    /// With `documentPass`, a second, document-level pass (``NERDocFeatures``) is trained on what
    /// first-pass models trained on the other folds make of each document, so that it learns from
    /// realistic first-pass mistakes.
    public static func train(folders: [String], epochs: Int, folds: Int = 5, minWeight: Float = 0.5, seed: UInt64 = 42, runs: Int = 1,
                             documentPass: Bool = true, log: (String) -> Void = { _ in }) throws -> NERModel {
        let pipeline = try Pipeline.french()
        var gold: [AnnotatedDocument] = []
        for f in folders { gold += try BratLoader.load(f) }
        guard !gold.isEmpty else { throw LoupeError(file: folders.joined(separator: ", "), reason: "no .txt + .ann documents") }
        log("\(gold.count) documents")
        let prepared = gold.map { g in align(preprocess(g.text, id: g.name, pipeline: pipeline), g) }
        let commonWord = Self.commonWordTest()
        let model = trainFirstPass(prepared, epochs: epochs, folds: folds, minWeight: minWeight, seed: seed, runs: runs, log: log)
        guard documentPass else { return model }
        var samples: [(doc: Document, features: [UInt64], offsets: [Float], gold: [UInt8])] = []
        for fold in 0..<folds {
            let others = prepared.indices.filter { $0 % folds != fold }.map { prepared[$0] }
            let foldModel = trainFirstPass(others, epochs: epochs, folds: folds, minWeight: minWeight, seed: seed, runs: runs, log: { _ in })
            for d in prepared.indices where d % folds == fold {
                let sample = foldModel.documentPassSample(prepared[d].doc, isCommonWord: commonWord)
                samples.append((prepared[d].doc, sample.features, sample.offsets, prepared[d].tags))
            }
            log("first pass of fold \(fold + 1) of \(folds) done")
        }
        model.trainDocumentPass(samples, epochs: epochs, runs: runs, seed: seed, log: log)
        return model
    }

    /// The first pass alone, trained on `prepared`.
    static func trainFirstPass(_ prepared: [Prepared], epochs: Int, folds: Int, minWeight: Float, seed: UInt64, runs: Int,
                               log: (String) -> Void) -> NERModel {
        let gazetteer = Gazetteer.french
        let commonWord = Self.commonWordTest()
        let trainer = PerceptronTrainer(featuresPerToken: NERFeatureExtractor.templateCount)
        var features: [UInt64] = []
        for fold in 0..<folds {
            let others = prepared.indices.filter { $0 % folds != fold }.map { prepared[$0] }
            let extractor = NERFeatureExtractor(lexicon: lexicon(from: others, gazetteer: gazetteer), isCommonWord: commonWord)
            for d in prepared.indices where d % folds == fold {
                let p = prepared[d]
                let infos = extractor.tokenInfo(p.doc)
                for s in p.doc.sentences where !s.tokens.isEmpty {
                    features.removeAll(keepingCapacity: true)
                    for i in s.tokens { extractor.features(infos, i, s.tokens, into: &features) }
                    trainer.add(features: features, gold: Array(p.tags[s.tokens]))
                }
            }
        }
        log("\(trainer.sentenceCount) sentences, \(trainer.featureCount) features")
        for run in 0..<max(1, runs) {
            trainer.train(epochs: epochs, seed: seed &+ UInt64(run)) { epoch, accuracy in
                log(String(format: "run %d epoch %d: training token accuracy %.4f", run + 1, epoch, accuracy))
            }
            trainer.bank()
        }
        return trainer.finish(minWeight: minWeight, lexicon: lexicon(from: prepared, gazetteer: gazetteer))
    }

    /// The common-word test the recogniser gives the tagger: the lemma table's known words.
    public static func commonWordTest() -> @Sendable (String) -> Bool {
        let lemmatizer = Lemmatizer()
        return { lemmatizer.isKnownWord($0) }
    }

    public struct Score: Sendable {
        public var tp: [EntityType: Int] = [:], fp: [EntityType: Int] = [:], fn: [EntityType: Int] = [:]

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
            for m in doc.mentions {
                guard let k = scored.firstIndex(of: m.type) else { continue }
                if others.contains(where: { $0.overlaps(m.span) }) { continue }
                predSet.insert([m.span.start, m.span.end, k])
            }
            for (k, t) in scored.enumerated() {
                let gt = goldSet.filter { $0[2] == k }, pt = predSet.filter { $0[2] == k }
                score.tp[t, default: 0] += gt.intersection(pt).count
                score.fp[t, default: 0] += pt.subtracting(gt).count
                score.fn[t, default: 0] += gt.subtracting(pt).count
                if let errors {
                    let scalars = Array(g.text.unicodeScalars)
                    func text(_ x: [Int]) -> String { String(String.UnicodeScalarView(scalars[x[0]..<x[1]])) }
                    for x in pt.subtracting(gt) { errors("\(g.name)\tFP\t\(t.rawValue)\t\(text(x))") }
                    for x in gt.subtracting(pt) { errors("\(g.name)\tFN\t\(t.rawValue)\t\(text(x))") }
                }
            }
        }
        return score
    }
}

extension Pipeline {
    /// The French pipeline with a given entity model (nil: the built-in one, or rules without it).
    public static func french(nerModel: NERModel?, stopWords: StopWords = .builtIn) throws -> Pipeline {
        let lemmatizer = Lemmatizer(stopWords: stopWords)
        let base = try Pipeline.french(stopWords: stopWords)
        return try Pipeline(stages: base.stages.map { stage in
            if stage is EntityRecognizer {
                return EntityRecognizer(isCommonWord: { lemmatizer.isKnownWord($0) }, isStopWord: { stopWords.contains($0) }, model: nerModel)
            }
            return stage
        })
    }
}
