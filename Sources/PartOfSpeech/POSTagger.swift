import LoupeCore

/// Gives each token its Universal Dependencies part of speech (``UPOS``): a greedy averaged perceptron
/// over hashed features (``POSFeatures``), left to right within each sentence, trained by `loupe train pos`
/// on UD French-Sequoia (``POSModel``). A second pass, which also reads the first pass's tags of the two
/// words after, retags the words the first pass was unsure of (its best score little ahead of the next).
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
    private let secondMemoName = MemoName("pos-second")

    /// What each pair of tags before adds (18 × 18 × 17 weights, tag slot 17 being the sentence start), in
    /// the first pass and in the second (empty without one); in the second, what each pair of the first
    /// pass's tags after adds, and each pair of the tag before and the first pass's tag after.
    private let tagPairs: [Int32]
    private let secondTagPairs: [Int32]
    private let followingPairs: [Int32]
    private let aroundPairs: [Int32]
    /// ``POSModel/gate`` in the first pass's quantised units.
    private let gate: Int32

    /// - Parameter lexicon: what the language data says of a lower-cased form (``Pipeline.posLexicon`` in
    ///   the French pipeline); the model must have been trained with the same.
    public init(model: POSModel, lexicon: @escaping @Sendable (String, Bool) -> POSFeatures.Lexical) {
        self.model = model
        self.lexicon = lexicon
        func pairs(_ table: POSModel.Table, _ features: (UInt64, UInt64, (UInt64) -> Void) -> Void) -> [Int32] {
            var pairs = [Int32](repeating: 0, count: 18 * 18 * 17)
            for t1 in 0..<18 {
                for t2 in 0..<18 {
                    features(UInt64(t1), UInt64(t2)) { h in
                        let row = Int(h & model.mask) * 17
                        for k in 0..<17 { pairs[(t1 * 18 + t2) * 17 + k] &+= table.wide[row + k] }
                    }
                }
            }
            return pairs
        }
        tagPairs = pairs(model.first) { POSFeatures.tags(tag1: $0, tag2: $1, add: $2) }
        secondTagPairs = model.second.map { pairs($0) { POSFeatures.tags(tag1: $0, tag2: $1, add: $2) } } ?? []
        followingPairs = model.second.map { pairs($0) { POSFeatures.followingTags(next: $0, next2: $1, add: $2) } } ?? []
        aroundPairs = model.second.map { pairs($0) { POSFeatures.aroundTags(tag1: $0, next: $1, add: $2) } } ?? []
        gate = model.second == nil ? 0 : Int32(clamping: Int((model.gate / model.first.scale).rounded(.up)))
    }

    /// Scores of the 17 tags: tags 0–15 in a vector, tag 16 apart.
    struct Scores {
        var head = SIMD16<Int32>(repeating: 0)
        var last: Int32 = 0
        @inline(__always) static func + (a: Scores, b: Scores) -> Scores { Scores(head: a.head &+ b.head, last: a.last &+ b.last) }

        /// The best tag (the first on a tie), and whether another tag scores less than `gate` below it.
        @inline(__always) func best(gate: Int32) -> (tag: Int, unsure: Bool) {
            let top = max(head.max(), last)
            var best = 16
            for k in 0..<16 where head[k] == top { best = k; break }
            guard gate > 0 else { return (best, false) }
            // A scalar count of the tags within the gate, the best one included: on every scored word, it costs
            // less than finding the second best with vector operations (the tagger's CPU time under `perf`: 9.6 %
            // of an analysis against 9.8–10 % masking the best lane, 12 % counting with a vector select).
            let floor = top &- gate
            var near = last > floor ? 1 : 0
            for k in 0..<16 where head[k] > floor { near &+= 1 }
            return (best, near > 1)
        }
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
        // The second pass's own scores, only of the forms it retags.
        let secondMemo = workspace.memo(secondMemoName, of: Scores.self, limit: 20_000)
        let mask = model.mask
        var known = [Known]()
        var unsure = [Int]()
        var tags = [UPOS](repeating: .none, count: document.tokens.count)
        tagPairs.withUnsafeBufferPointer { p in
        let pairs = UnsafeRawPointer(p.baseAddress!)
        model.first.wide.withUnsafeBufferPointer { w in
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
                    unsure.removeAll(keepingCapacity: true)
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
                                let (tag, isUnsure) = s.best(gate: gate)
                                best = tag
                                if isUnsure { unsure.append(j) }
                            }
                            tags[range.lowerBound + j] = UPOS(rawValue: UInt8(best + 1))!
                            tag2 = tag1
                            tag1 = UInt64(best)
                        }
                    }
                    if !unsure.isEmpty {
                        second(tokens: tokens, range: range, known: known, unsure: unsure, tags: &tags, memo: secondMemo)
                    }
                }
            }
        }
        }
        document.tokens.withUnsafeMutableBufferPointer { tokens in
            for i in tokens.indices { tokens[i].pos = tags[i] }
        }
    }

    /// The second pass over a sentence: left to right from its first unsure word, the first pass's tags kept
    /// where it was sure, the others retagged with the second pass's weights, which read the tags before as
    /// this pass gives them and the first pass's tags of the two after (`POSTraining.decode`
    /// with hints).
    private func second(tokens: UnsafeBufferPointer<Token>, range: Range<Int>, known: [Known], unsure: [Int],
                        tags: inout [UPOS], memo: Memo<Scores>) {
        guard let table = model.second else { return }
        let mask = model.mask
        let m = known.count
        let base = range.lowerBound
        // The first pass's tag of a word, as a slot: read before this pass overwrites it (it goes left to
        // right and reads only the tags after the word it retags).
        @inline(__always) func hint(_ k: Int) -> UInt64 { k < m ? UInt64(tags[base + k].rawValue - 1) : POSFeatures.start }
        table.wide.withUnsafeBufferPointer { w in
            let weights = UnsafeRawPointer(w.baseAddress!)
            @inline(__always) func addRow(_ h: UInt64, _ s: inout Scores) {
                let offset = Int(h & mask) &* 17
                s.head &+= weights.loadUnaligned(fromByteOffset: offset &* 4, as: SIMD16<Int32>.self)
                s.last &+= w[offset &+ 16]
            }
            @inline(__always) func addPair(_ table: [Int32], _ a: UInt64, _ b: UInt64, _ s: inout Scores) {
                let pair = (Int(a) &* 18 &+ Int(b)) &* 17
                table.withUnsafeBufferPointer { p in
                    s.head &+= UnsafeRawPointer(p.baseAddress!).loadUnaligned(fromByteOffset: pair &* 4, as: SIMD16<Int32>.self)
                    s.last &+= p[pair &+ 16]
                }
            }
            let first = unsure[0]
            var tag1 = first >= 1 ? hint(first - 1) : POSFeatures.start
            var tag2 = first >= 2 ? hint(first - 2) : POSFeatures.start
            var next = 0
            for j in first...unsure[unsure.count - 1] {
                var best = Int(hint(j))
                if unsure[next] == j {
                    next += 1
                    let i = base + j
                    let initial = j == 0
                    let key = tokens[i].memoKey(salt: initial ? 1 : 0)
                    var s: Scores
                    if let own = memo.cached(key) {
                        s = own
                    } else {
                        var own = Scores()
                        _ = POSFeatures.word(text: tokens[i].text, kind: tokens[i].kind, initial: initial, lexicon: lexicon) { addRow($0, &own) }
                        memo.store(own, for: key)
                        s = own
                    }
                    let previous = j >= 1 ? known[j - 1].word : .outside
                    let after = hint(j + 1)
                    // POSFeatures.context and .stacked, with the tag pairs' weights added up beforehand.
                    addPair(secondTagPairs, tag1, tag2, &s)
                    addPair(followingPairs, after, hint(j + 2), &s)
                    addPair(aroundPairs, tag1, after, &s)
                    POSFeatures.words(previous: previous, current: known[j].word, tag1: tag1) { addRow($0, &s) }
                    POSFeatures.asPrevious(previous) { addRow($0, &s) }
                    POSFeatures.asNext(j + 1 < m ? known[j + 1].word : .outside) { addRow($0, &s) }
                    POSFeatures.asNext2(j + 2 < m ? known[j + 2].word : .outside) { addRow($0, &s) }
                    POSFeatures.nextTagWord(known[j].word, next: after) { addRow($0, &s) }
                    best = s.best(gate: 0).tag
                    tags[i] = UPOS(rawValue: UInt8(best + 1))!
                }
                tag2 = tag1
                tag1 = UInt64(best)
            }
        }
    }
}
