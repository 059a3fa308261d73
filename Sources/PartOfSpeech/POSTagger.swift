import LoupeCore

/// Gives each token its Universal Dependencies part of speech (``UPOS``): a greedy averaged perceptron
/// over hashed features (``POSFeatures``), left to right within each sentence, trained by `loupe train pos`
/// on UD French-Sequoia (``POSModel``).
///
/// A token's own features are scored once per form and workspace (a ``Memo``); per token only the
/// context features (neighbouring forms and suffixes, the two tags before) are added.
public struct POSTagger: Stage {
    public let name = "pos"
    public let requires: Set<Annotation> = [.tokens, .sentences]
    public let provides: Set<Annotation> = [.partOfSpeech]

    public let model: POSModel
    private let lexicon: @Sendable (String) -> POSFeatures.Lexical
    private let memoName = MemoName("pos")

    /// - Parameter lexicon: what the language data says of a lower-cased form (``Pipeline.posLexicon`` in
    ///   the French pipeline); the model must have been trained with the same.
    public init(model: POSModel, lexicon: @escaping @Sendable (String) -> POSFeatures.Lexical) {
        self.model = model
        self.lexicon = lexicon
    }

    /// What a form in a position scores on its own features, and what its neighbours read of it.
    struct Known {
        var scores: SIMD32<Float>
        var word: POSFeatures.Word
    }

    public func process(_ document: inout Document) { process(&document, in: Workspace()) }

    public func process(_ document: inout Document, in workspace: Workspace) {
        let memo = workspace.memo(memoName, of: Known.self)
        let n = POSFeatures.tagCount
        let mask = model.mask
        let count = document.tokens.count
        var known = [Known]()
        known.reserveCapacity(count)
        model.weights.withUnsafeBufferPointer { w in
            @inline(__always) func addRow(_ h: UInt64, _ s: inout SIMD32<Float>) {
                let base = Int(h & mask) &* n
                for k in 0..<17 { s[k] += w[base &+ k] }
            }
            for sentence in document.sentences {
                let range = sentence.tokens
                known.removeAll(keepingCapacity: true)
                for i in range {
                    let token = document.tokens[i]
                    let initial = i == range.lowerBound
                    let key = token.memoKey(salt: initial ? 1 : 0)
                    if let k = memo.cached(key) {
                        known.append(k)
                    } else {
                        var s = SIMD32<Float>(repeating: 0)
                        let word = POSFeatures.word(text: token.text, kind: token.kind, initial: initial, lexicon: lexicon) { addRow($0, &s) }
                        let k = Known(scores: s, word: word)
                        memo.store(k, for: key)
                        known.append(k)
                    }
                }
                var tag1 = POSFeatures.start, tag2 = POSFeatures.start
                let m = known.count
                known.withUnsafeBufferPointer { kw in
                    document.tokens.withUnsafeMutableBufferPointer { tokens in
                        for j in 0..<m {
                            var s = kw[j].scores
                            POSFeatures.context(
                                previous2: j >= 2 ? kw[j - 2].word : .outside, previous: j >= 1 ? kw[j - 1].word : .outside,
                                current: kw[j].word, next: j + 1 < m ? kw[j + 1].word : .outside,
                                next2: j + 2 < m ? kw[j + 2].word : .outside, tag1: tag1, tag2: tag2) { addRow($0, &s) }
                            var best = kw[j].word.fixed
                            if best < 0 {
                                best = 0
                                var top = s[0]
                                for k in 1..<17 where s[k] > top { top = s[k]; best = k }
                            }
                            tokens[range.lowerBound + j].pos = UPOS(rawValue: UInt8(best + 1))!
                            tag2 = tag1
                            tag1 = UInt64(best)
                        }
                    }
                }
            }
        }
    }
}
