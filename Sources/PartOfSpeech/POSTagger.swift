import LoupeCore

/// Gives each token its Universal Dependencies part of speech (``UPOS``): a greedy averaged perceptron
/// over hashed features (``POSFeatures``), left to right within each sentence, trained by `loupe train pos`
/// on UD French-Sequoia (``POSModel``).
///
/// A token's own features are scored once per form and workspace (a ``Memo``); per token only the eight
/// context features are looked up in the weights (what the tagger's time goes to: a row can be a cache miss).
public struct POSTagger: Stage {
    public let name = "pos"
    public let requires: Set<Annotation> = [.tokens, .sentences]
    public let provides: Set<Annotation> = [.partOfSpeech]

    public let model: POSModel
    private let lexicon: @Sendable (String, Bool) -> POSFeatures.Lexical
    private let memoName = MemoName("pos")

    /// - Parameter lexicon: what the language data says of a lower-cased form (``Pipeline.posLexicon`` in
    ///   the French pipeline); the model must have been trained with the same.
    /// What each pair of tags before adds (18 × 18 × 17 weights, tag slot 17 being the sentence start).
    private let tagPairs: [Int32]

    public init(model: POSModel, lexicon: @escaping @Sendable (String, Bool) -> POSFeatures.Lexical) {
        self.model = model
        self.lexicon = lexicon
        var pairs = [Int32](repeating: 0, count: 18 * 18 * 17)
        for t1 in 0..<18 {
            for t2 in 0..<18 {
                POSFeatures.tags(tag1: UInt64(t1), tag2: UInt64(t2)) { h in
                    let row = Int(h & model.mask) * 17
                    for k in 0..<17 { pairs[(t1 * 18 + t2) * 17 + k] &+= model.wide[row + k] }
                }
            }
        }
        tagPairs = pairs
    }

    /// Scores of the 17 tags: tags 0–15 in a vector, tag 16 apart.
    struct Scores {
        var head = SIMD16<Int32>(repeating: 0)
        var last: Int32 = 0
        @inline(__always) static func + (a: Scores, b: Scores) -> Scores { Scores(head: a.head &+ b.head, last: a.last &+ b.last) }
    }

    /// What a form in a position scores on its own features, and what its neighbours read of it. Kept
    /// small: the memo's table must stay in the caches (with the scores it gives its neighbours as well, a
    /// memo entry was 300 bytes, and looking one up cost as much as the weight rows it saved).
    struct Known {
        var own: Scores
        var word: POSFeatures.Word
    }

    public func process(_ document: inout Document) { process(&document, in: Workspace()) }

    public func process(_ document: inout Document, in workspace: Workspace) {
        let memo = workspace.memo(memoName, of: Known.self, limit: 60_000)
        let mask = model.mask
        var known = [Known]()
        var tags = [UPOS](repeating: .none, count: document.tokens.count)
        tagPairs.withUnsafeBufferPointer { p in
        let pairs = UnsafeRawPointer(p.baseAddress!)
        model.wide.withUnsafeBufferPointer { w in
            let weights = UnsafeRawPointer(w.baseAddress!)
            // A row is 17 weights: the first 16 in one unaligned vector load, then the 17th. Sums of 16-bit
            // weights are exact, so the order features are added in does not matter.
            @inline(__always) func addRow(_ h: UInt64, _ s: inout Scores) {
                let offset = Int(h & mask) &* 17
                s.head &+= weights.loadUnaligned(fromByteOffset: offset &* 4, as: SIMD16<Int32>.self)
                s.last &+= w[offset &+ 16]
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
                            var own = Scores()
                            let word = POSFeatures.word(text: tokens[i].text, kind: tokens[i].kind, initial: initial, lexicon: lexicon) {
                                addRow($0, &own)
                            }
                            let k = Known(own: own, word: word)
                            memo.store(k, for: key)
                            known.append(k)
                        }
                    }
                    var tag1 = POSFeatures.start, tag2 = POSFeatures.start
                    let m = known.count
                    known.withUnsafeBufferPointer { kw in
                        for j in 0..<m {
                            var best = Int(kw[j].word.fixed)
                            if best < 0 {
                                var s = kw[j].own
                                // POSFeatures.context, with the tag pair's weights added up beforehand.
                                let previous = j >= 1 ? kw[j - 1].word : .outside
                                let pair = (Int(tag1) &* 18 &+ Int(tag2)) &* 17
                                s.head &+= pairs.loadUnaligned(fromByteOffset: pair &* 4, as: SIMD16<Int32>.self)
                                s.last &+= p[pair &+ 16]
                                POSFeatures.words(previous: previous, current: kw[j].word, tag1: tag1) { addRow($0, &s) }
                                POSFeatures.asPrevious(previous) { addRow($0, &s) }
                                POSFeatures.asNext(j + 1 < m ? kw[j + 1].word : .outside) { addRow($0, &s) }
                                POSFeatures.asNext2(j + 2 < m ? kw[j + 2].word : .outside) { addRow($0, &s) }
                                // The highest score, the first tag on a tie: one vector reduction, then a scan for it.
                                let top = max(s.head.max(), s.last)
                                best = 16
                                for k in 0..<16 where s.head[k] == top { best = k; break }
                            }
                            tags[range.lowerBound + j] = UPOS(rawValue: UInt8(best + 1))!
                            tag2 = tag1
                            tag1 = UInt64(best)
                        }
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
