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

    /// What a form in a position scores on its own features (tags 0–15 and 16), and what its neighbours
    /// read of it.
    struct Known {
        var scores: SIMD16<Int32>
        var last: Int32
        var word: POSFeatures.Word
    }

    public func process(_ document: inout Document) { process(&document, in: Workspace()) }

    public func process(_ document: inout Document, in workspace: Workspace) {
        let memo = workspace.memo(memoName, of: Known.self)
        let mask = model.mask
        var known = [Known]()
        var tags = [UPOS](repeating: .none, count: document.tokens.count)
        model.quantized.withUnsafeBufferPointer { w in
            let weights = UnsafeRawPointer(w.baseAddress!)
            // A row is 17 weights: the first 16 in one unaligned vector load, then the 17th.
            @inline(__always) func addRow(_ h: UInt64, _ s: inout SIMD16<Int32>, _ last: inout Int32) {
                let offset = Int(h & mask) &* 17
                s &+= SIMD16<Int32>(truncatingIfNeeded: weights.loadUnaligned(fromByteOffset: offset &* 2, as: SIMD16<Int16>.self))
                last &+= Int32(w[offset &+ 16])
            }
            document.tokens.withUnsafeBufferPointer { tokens in
                for sentence in document.sentences {
                    let range = sentence.tokens
                    known.removeAll(keepingCapacity: true)
                    for i in range {
                        let initial = i == range.lowerBound
                        let key = tokens[i].memoKey(salt: initial ? 1 : 0)
                        if let k = memo.cached(key) {
                            known.append(k)
                        } else {
                            var s = SIMD16<Int32>(repeating: 0), last: Int32 = 0
                            let word = POSFeatures.word(text: tokens[i].text, kind: tokens[i].kind, initial: initial, lexicon: lexicon) {
                                addRow($0, &s, &last)
                            }
                            let k = Known(scores: s, last: last, word: word)
                            memo.store(k, for: key)
                            known.append(k)
                        }
                    }
                    var tag1 = POSFeatures.start, tag2 = POSFeatures.start
                    let m = known.count
                    known.withUnsafeBufferPointer { kw in
                        for j in 0..<m {
                            var best = kw[j].word.fixed
                            if best < 0 {
                                var s = kw[j].scores, last = kw[j].last
                                POSFeatures.context(
                                    previous: j >= 1 ? kw[j - 1].word : .outside,
                                    current: kw[j].word, next: j + 1 < m ? kw[j + 1].word : .outside,
                                    next2: j + 2 < m ? kw[j + 2].word : .outside, tag1: tag1, tag2: tag2) { addRow($0, &s, &last) }
                                best = 16
                                var top = last
                                for k in 0..<16 where s[k] > top || (s[k] == top && k < best) { top = s[k]; best = k }
                            }
                            tags[range.lowerBound + j] = UPOS(rawValue: UInt8(best + 1))!
                            tag2 = tag1
                            tag1 = UInt64(best)
                        }
                    }
                }
            }
        }
        document.tokens.withUnsafeMutableBufferPointer { tokens in
            for i in tokens.indices { tokens[i].pos = tags[i] }
        }
    }
}
