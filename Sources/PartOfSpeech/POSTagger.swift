import LoupeCore

/// Gives each token its Universal Dependencies part of speech (``UPOS``): a greedy averaged perceptron
/// over hashed features (``POSFeatures``), left to right within each sentence, trained by `loupe train pos`
/// on UD French-Sequoia (``POSModel``).
///
/// A token's own features, and the context features it gives its neighbours alone, are scored once per
/// form and workspace (a ``Memo``); per token only the four features that depend on the tags before or on
/// two words are looked up in the weights (what the tagger's time goes to: a row is a cache miss).
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

    /// Scores of the 17 tags: tags 0–15 in a vector, tag 16 apart.
    struct Scores {
        var head = SIMD16<Int32>(repeating: 0)
        var last: Int32 = 0
        @inline(__always) static func + (a: Scores, b: Scores) -> Scores { Scores(head: a.head &+ b.head, last: a.last &+ b.last) }
    }

    /// What a form in a position scores on its own features, what it adds to the scores of the words
    /// before and after it (its context features that depend on no other word), and what they read of it.
    struct Known {
        var own: Scores
        var asPrevious: Scores
        var asNext: Scores
        var asNext2: Scores
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
            // A row is 17 weights: the first 16 in one unaligned vector load, then the 17th. Sums of 16-bit
            // weights are exact, so the order features are added in does not matter.
            @inline(__always) func addRow(_ h: UInt64, _ s: inout Scores) {
                let offset = Int(h & mask) &* 17
                let row = weights.loadUnaligned(fromByteOffset: offset &* 2, as: SIMD16<Int16>.self)
                s.head &+= SIMD16<Int32>(truncatingIfNeeded: row)
                s.last &+= Int32(w[offset &+ 16])
            }
            func neighbour(_ word: POSFeatures.Word) -> Known {
                var k = Known(own: Scores(), asPrevious: Scores(), asNext: Scores(), asNext2: Scores(), word: word)
                POSFeatures.asPrevious(word) { addRow($0, &k.asPrevious) }
                POSFeatures.asNext(word) { addRow($0, &k.asNext) }
                POSFeatures.asNext2(word) { addRow($0, &k.asNext2) }
                return k
            }
            let outside = neighbour(.outside)
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
                            var own = Scores()
                            let word = POSFeatures.word(text: tokens[i].text, kind: tokens[i].kind, initial: initial, lexicon: lexicon) {
                                addRow($0, &own)
                            }
                            var k = neighbour(word)
                            k.own = own
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
                                let previous = j >= 1 ? kw[j - 1] : outside
                                var s = kw[j].own + previous.asPrevious + (j + 1 < m ? kw[j + 1].asNext : outside.asNext)
                                    + (j + 2 < m ? kw[j + 2].asNext2 : outside.asNext2)
                                POSFeatures.sequence(previous: previous.word, current: kw[j].word, tag1: tag1, tag2: tag2) { addRow($0, &s) }
                                best = 16
                                var top = s.last
                                for k in 0..<16 where s.head[k] > top || (s.head[k] == top && k < best) { top = s.head[k]; best = k }
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
