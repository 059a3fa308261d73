import Entities
import LoupeCore

/// Training the document pass (``NERDocFeatures``) of a tagger on top of its first pass.
extension NERModel {
    /// Learns the document pass: weights for the document features added to the first pass's scores
    /// (`offsets`, from first-pass models that did not see the document: jackknifing), and transitions.
    /// Measured: 1 and 10 make the document pass worse than none on its own training samples, 50 helps.
    static let documentPassStep: Float = 50

    /// This model with a document pass learnt from `samples` (``documentPassSample(_:words:)`` of
    /// each document, from a model that did not see it, with its gold tags); this model is unchanged.
    public func trainingDocumentPass(_ samples: [(doc: Document, features: [UInt64], offsets: [Float], gold: [UInt8])],
                                     epochs: Int, runs: Int, seed: UInt64, log: (String) -> Void = { _ in }) -> NERModel {
        let K = NERDocFeatures.count, T = NERTags.count
        let trainer = PerceptronTrainer(featuresPerToken: K)
        // The first pass's scores are scaled up, i.e. the document weights learn in small steps: their
        // features are shared by many tokens, and whole-unit steps make the perceptron oscillate.
        let a = Self.documentPassStep
        trainer.start(transitions: transitions.map { Float($0) * scale * a })
        for s in samples {
            for sentence in s.doc.sentences where !sentence.tokens.isEmpty {
                let r = sentence.tokens
                trainer.add(features: Array(s.features[(r.lowerBound * K)..<(r.upperBound * K)]), gold: Array(s.gold[r]),
                            offsets: s.offsets[(r.lowerBound * T)..<(r.upperBound * T)].map { $0 * a })
            }
        }
        log("document pass: \(trainer.sentenceCount) sentences, \(trainer.featureCount) features")
        for run in 0..<max(1, runs) {
            trainer.train(epochs: epochs, seed: seed &+ UInt64(run)) { epoch, accuracy in
                log("document pass run \(run + 1) epoch \(epoch): training token accuracy \(accuracy)")
            }
            trainer.bank()
        }
        let pass = trainer.finishDocumentPass(scale: scale * a)
        // Token accuracy on the training samples: first pass alone, then with the document pass.
        var right = (0, 0), total = 0
        var decoded: [UInt8] = []
        let ftrans = transitions.map { Float($0) * scale }, dtrans = pass.transitions.map { Float($0) * scale }
        var lookup: [UInt32: Int] = [:]
        for (r, k) in pass.keys.enumerated() { lookup[k] = r }
        for s in samples {
            for sentence in s.doc.sentences where !sentence.tokens.isEmpty {
                let r = sentence.tokens
                let e1 = Array(s.offsets[(r.lowerBound * T)..<(r.upperBound * T)])
                e1.withUnsafeBufferPointer { e in ftrans.withUnsafeBufferPointer { t in Viterbi.decode(e, count: r.count, transitions: t, into: &decoded) } }
                for (k, g) in s.gold[r].enumerated() where decoded[k] == g { right.0 += 1 }
                var e2 = e1
                for i in 0..<r.count {
                    for k in 0..<K {
                        let h = s.features[(r.lowerBound + i) * K + k]
                        guard h != 0, let row = lookup[NERModel.key(h)] else { continue }
                        for t in 0..<T { e2[i * T + t] += Float(pass.weights[row * T + t]) * scale }
                    }
                }
                e2.withUnsafeBufferPointer { e in dtrans.withUnsafeBufferPointer { t in Viterbi.decode(e, count: r.count, transitions: t, into: &decoded) } }
                for (k, g) in s.gold[r].enumerated() where decoded[k] == g { right.1 += 1 }
                total += r.count
            }
        }
        log("document pass on its training samples: token accuracy \(Double(right.0) / Double(total)) → \(Double(right.1) / Double(total))")
        return withDocumentPass(pass)
    }
}
